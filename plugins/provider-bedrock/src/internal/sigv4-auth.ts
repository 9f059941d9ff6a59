import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../aws-credentials.js';
import type { AuthRequest, BedrockAuth } from './bedrock-auth.js';
import type { CredentialCache } from './credential-cache.js';
import { NodeSha256 } from './node-sha256.js';

/** The SigV4 signing name of the Bedrock Runtime (its endpoint prefix is `bedrock-runtime`). */
export const BEDROCK_SIGNING_NAME = 'bedrock';

// key ids, secret keys and session tokens of this many credential sets are kept for masking
const REMEMBERED_CREDENTIAL_SETS = 4;

/** Where signed requests go: the parts of the endpoint URL the signature covers. */
export interface SigningEndpoint {
  readonly protocol: string;
  readonly hostname: string;
  /** `host` header value: the hostname plus a non-default port. */
  readonly host: string;
  readonly port: number | undefined;
}

/**
 * Authentication with AWS Signature Version 4 (`@smithy/signature-v4`, the AWS SDK's own signer,
 * hashing with `node:crypto`): every request gets `host`, `x-amz-date`, `x-amz-content-sha256`
 * (the SHA-256 of the exact body), `x-amz-security-token` for temporary credentials and an
 * `Authorization: AWS4-HMAC-SHA256 …` header scoped to the region and the `bedrock` service.
 * Credentials come from a `CredentialCache`, which refreshes them before they expire; one signer
 * is kept per credential set so its signing-key cache is reused.
 */
export class SigV4Auth implements BedrockAuth {
  readonly canRefresh: boolean;
  readonly #region: string;
  readonly #endpoint: SigningEndpoint;
  readonly #credentials: CredentialCache;
  #signerCredentials: AwsCredentials | undefined;
  #signer: SignatureV4 | undefined;
  readonly #remembered: AwsCredentials[] = [];
  #secrets: readonly string[] = [];

  /**
   * @param region - The region of the credential scope.
   * @param endpoint - Protocol, host and port requests are sent to.
   * @param credentials - The credential cache to sign with.
   * @param canRefresh - Whether the cache can fetch new credentials (a provider, not a fixed set).
   */
  constructor(region: string, endpoint: SigningEndpoint, credentials: CredentialCache, canRefresh: boolean) {
    this.#region = region;
    this.#endpoint = endpoint;
    this.#credentials = credentials;
    this.canRefresh = canRefresh;
  }

  async authorize(request: AuthRequest, signal: AbortSignal | undefined): Promise<Record<string, string>> {
    const credentials = await this.#credentials.get(signal);
    const signer = this.#signerFor(credentials);
    const endpoint = this.#endpoint;
    const signed = await signer.sign(
      new HttpRequest({
        method: request.method,
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        ...(endpoint.port !== undefined && { port: endpoint.port }),
        path: request.path,
        query: { ...request.query },
        headers: { ...request.headers, host: endpoint.host },
        ...(request.body !== undefined && { body: request.body }),
      }),
      { signingDate: new Date() },
    );
    return signed.headers;
  }

  secrets(): readonly string[] {
    return this.#secrets;
  }

  invalidate(): void {
    this.#credentials.invalidate();
  }

  #signerFor(credentials: AwsCredentials): SignatureV4 {
    if (this.#signer !== undefined && this.#signerCredentials === credentials) return this.#signer;
    this.#remember(credentials);
    this.#signerCredentials = credentials;
    this.#signer = new SignatureV4({
      service: BEDROCK_SIGNING_NAME,
      region: this.#region,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken !== undefined && { sessionToken: credentials.sessionToken }),
      },
      sha256: NodeSha256,
    });
    return this.#signer;
  }

  #remember(credentials: AwsCredentials): void {
    this.#remembered.push(credentials);
    if (this.#remembered.length > REMEMBERED_CREDENTIAL_SETS) this.#remembered.shift();
    const secrets: string[] = [];
    for (const set of this.#remembered) {
      secrets.push(set.accessKeyId, set.secretAccessKey);
      if (set.sessionToken !== undefined) secrets.push(set.sessionToken);
    }
    this.#secrets = secrets;
  }
}
