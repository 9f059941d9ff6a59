/** An error answer of the gateway, in OpenAI's shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly param: string | null;

  constructor(status: number, message: string, code: string | null, param: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

/** Remembers the session's CSRF token, sent with every mutation. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls `listener` when any request finds the session gone (401). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/**
 * Calls a dashboard endpoint with the session cookie; mutations carry the CSRF token. Resolves the
 * JSON body (undefined for 204), rejects with `ApiError` for an error answer.
 */
export async function api<T>(
  path: string,
  options: {
    readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    readonly body?: unknown;
    readonly signal?: AbortSignal;
  } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { message?: string; code?: string; param?: string } } | undefined)
      ?.error;
    if (response.status === 401 && !path.endsWith('/session'))
      for (const listener of signedOutListeners) listener();
    throw new ApiError(
      response.status,
      error?.message ?? `The gateway answered ${response.status}.`,
      error?.code ?? null,
      error?.param ?? null,
    );
  }
  return body as T;
}

/** What the session endpoints answer. */
export interface SessionInfo {
  readonly signedIn: boolean;
  readonly csrfToken: string | null;
  /** Whether a governance store is configured (the Keys and Spend pages need one). */
  readonly governance: boolean;
}
