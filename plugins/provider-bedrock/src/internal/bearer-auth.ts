import type { AuthRequest, BedrockAuth } from './bedrock-auth.js';

/**
 * Authentication with a Bedrock API key: `Authorization: Bearer <key>` on every request, no
 * signing.
 */
export class BearerAuth implements BedrockAuth {
  readonly canRefresh = false;
  readonly #apiKey: string;
  readonly #secrets: readonly string[];

  constructor(apiKey: string) {
    this.#apiKey = apiKey;
    this.#secrets = Object.freeze([apiKey]);
  }

  authorize(request: AuthRequest): Promise<Record<string, string>> {
    return Promise.resolve({ ...request.headers, authorization: `Bearer ${this.#apiKey}` });
  }

  secrets(): readonly string[] {
    return this.#secrets;
  }

  invalidate(): void {
    // a static key cannot be refreshed
  }
}
