/** An answer of the gateway, with its JSON body. */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the gateway answered
  readonly body: any;
}

/** Sends one JSON request with a bearer key and reads the JSON answer. */
export async function requestJson(
  url: string,
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** The admin API of one gateway, with the admin key. */
export function adminClient(url: string, adminKey: string) {
  return (method: string, path: string, body?: unknown): Promise<JsonAnswer> =>
    requestJson(url, method, `/admin${path}`, adminKey, body);
}

/** One chat completion with `key`. */
export function chat(
  url: string,
  key: string | undefined,
  body: Record<string, unknown>,
): Promise<JsonAnswer> {
  return requestJson(url, 'POST', '/v1/chat/completions', key, body);
}
