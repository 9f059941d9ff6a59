import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  createScriptedServer,
  type RecordedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from '@hub/testing';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';

/** An AWS identity the fake accepts. */
export interface FakeIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** How a request the fake accepted was authenticated. */
export type VerifiedAuth =
  | { readonly scheme: 'sigv4'; readonly accessKeyId: string; readonly sessionToken: string | undefined }
  | { readonly scheme: 'bearer'; readonly apiKey: string };

/** A request the fake verified, with how it was authenticated. */
export interface VerifiedRequest {
  readonly request: RecordedRequest;
  readonly auth: VerifiedAuth;
}

/** Handles a request once its authentication was verified. */
export type AuthenticatedHandler = (
  request: RecordedRequest,
  response: ServerResponse,
) => void | Promise<void>;

/**
 * A local Bedrock Runtime that checks authentication as AWS does before answering: SigV4
 * signatures are recomputed with `@smithy/signature-v4` from the method, path, query, signed
 * headers and body exactly as received, with the secret of the access key named in the
 * credential scope, and must match byte for byte; the session token must belong to the key, the
 * scope must name the configured region and the `bedrock` service, `x-amz-content-sha256` must be
 * the body's hash and `x-amz-date` within 15 minutes. Bearer tokens must be a known API key.
 * Anything else gets the 403 AWS sends, with `x-amzn-errortype`. The verifier hashes with
 * `@aws-crypto/sha256-js`, an implementation independent of the `node:crypto` one the provider signs
 * with.
 */
export interface FakeBedrock {
  readonly server: ScriptedServer;
  readonly url: string;
  readonly region: string;
  /** Every request that passed verification, in order. */
  readonly verified: VerifiedRequest[];
  /** Makes an identity known (the fake IAM). */
  allow(identity: FakeIdentity): void;
  /** Makes a Bedrock API key known. */
  allowApiKey(apiKey: string): void;
  /** A reply that runs `handler` only for a correctly authenticated request. */
  authenticated(handler: AuthenticatedHandler): ScriptedReply;
  /** Queues `authenticated(handler)` replies. */
  enqueue(...handlers: AuthenticatedHandler[]): void;
  close(): Promise<void>;
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Writes a Bedrock error response: `x-amzn-errortype` plus `{"message": …}`. */
export function sendAwsError(
  response: ServerResponse,
  status: number,
  errorType: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  response.end(JSON.stringify({ message }));
}

function parseAmzDate(text: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year as number, (month as number) - 1, day, hour, minute, second));
}

type Verdict =
  | { readonly ok: true; readonly auth: VerifiedAuth }
  | { readonly ok: false; readonly status: number; readonly errorType: string; readonly message: string };

const reject = (status: number, errorType: string, message: string): Verdict => ({
  ok: false,
  status,
  errorType,
  message,
});

async function verify(
  request: RecordedRequest,
  region: string,
  identities: ReadonlyMap<string, FakeIdentity>,
  apiKeys: ReadonlySet<string>,
): Promise<Verdict> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    return reject(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  if (authorization.startsWith('Bearer ')) {
    const apiKey = authorization.slice('Bearer '.length);
    if (!apiKeys.has(apiKey)) {
      return reject(
        403,
        'UnrecognizedClientException',
        'Authentication failed: Please make sure your API Key is valid.',
      );
    }
    return { ok: true, auth: { scheme: 'bearer', apiKey } };
  }
  const match = SIGV4.exec(authorization);
  if (match === null)
    return reject(400, 'IncompleteSignatureException', 'Authorization header requires a valid SigV4 value.');
  const [, accessKeyId, scopeDate, scopeRegion, service, signedHeaderList] = match as unknown as string[];
  const identity = identities.get(accessKeyId as string);
  if (identity === undefined) {
    return reject(
      403,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  if (request.headers['x-amz-security-token'] !== identity.sessionToken) {
    return reject(
      403,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  if (scopeRegion !== region || service !== 'bedrock') {
    return reject(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and to service 'bedrock'.`,
    );
  }
  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (signingDate === undefined || Math.abs(Date.now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    return reject(403, 'InvalidSignatureException', 'Signature expired or x-amz-date missing.');
  }
  if (scopeDate !== request.headers['x-amz-date']?.slice(0, 8)) {
    return reject(403, 'InvalidSignatureException', 'Credential scope date does not match x-amz-date.');
  }
  const bodyHash = createHash('sha256').update(request.body, 'utf8').digest('hex');
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    return reject(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const signedHeaders = (signedHeaderList as string).split(';');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) {
      return reject(403, 'InvalidSignatureException', `The ${required} header must be signed.`);
    }
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined)
      return reject(403, 'InvalidSignatureException', `Signed header ${name} is missing.`);
    headers[name] = value;
  }
  const questionMark = request.url.indexOf('?');
  const path = questionMark === -1 ? request.url : request.url.slice(0, questionMark);
  const query: Record<string, string> = {};
  if (questionMark !== -1) {
    for (const [name, value] of new URLSearchParams(request.url.slice(questionMark + 1))) query[name] = value;
  }
  const [hostname, port] = (headers.host as string).split(':');
  const signer = new SignatureV4({
    service: 'bedrock',
    region,
    credentials: identity,
    sha256: Sha256,
  });
  const expected = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: hostname as string,
      ...(port !== undefined && { port: Number(port) }),
      path,
      query,
      headers,
      body: request.body === '' ? undefined : request.body,
    }),
    { signingDate },
  );
  if (expected.headers.authorization !== authorization) {
    return reject(
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return {
    ok: true,
    auth: { scheme: 'sigv4', accessKeyId: accessKeyId as string, sessionToken: identity.sessionToken },
  };
}

/** Starts a fake Bedrock Runtime for `region` on 127.0.0.1. */
export async function createFakeBedrock(region = 'us-east-1'): Promise<FakeBedrock> {
  const server = await createScriptedServer();
  const identities = new Map<string, FakeIdentity>();
  const apiKeys = new Set<string>();
  const verified: VerifiedRequest[] = [];
  const authenticated =
    (handler: AuthenticatedHandler): ScriptedReply =>
    async (request, response) => {
      const verdict = await verify(request, region, identities, apiKeys);
      if (!verdict.ok) {
        sendAwsError(response, verdict.status, verdict.errorType, verdict.message);
        return;
      }
      verified.push({ request, auth: verdict.auth });
      await handler(request, response);
    };
  return {
    server,
    url: server.url,
    region,
    verified,
    allow: (identity) => {
      identities.set(identity.accessKeyId, identity);
    },
    allowApiKey: (apiKey) => {
      apiKeys.add(apiKey);
    },
    authenticated,
    enqueue: (...handlers) => {
      server.enqueue(...handlers.map(authenticated));
    },
    close: () => server.close(),
  };
}

/** Answers with a Converse JSON body. */
export function converseJson(body: object): AuthenticatedHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-json-1' });
    response.end(JSON.stringify(body));
  };
}

/** How a streamed answer ends. */
export type StreamEnding = 'end' | 'hang' | 'destroy';

/**
 * Answers with an event stream: `frames` written one by one (or `chunks` when given: the same
 * bytes cut differently), then ended as `ending` says.
 */
export function eventStream(
  frames: readonly Uint8Array[],
  options: { readonly ending?: StreamEnding; readonly bytesPerWrite?: number } = {},
): AuthenticatedHandler {
  return async (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': 'req-stream-1',
    });
    response.flushHeaders();
    if (options.bytesPerWrite === undefined) {
      for (const frame of frames) response.write(frame);
    } else {
      const all = Buffer.concat(frames);
      for (let offset = 0; offset < all.byteLength; offset += options.bytesPerWrite) {
        if (response.destroyed) return;
        response.write(all.subarray(offset, offset + options.bytesPerWrite));
        // yield to the event loop so writes leave as separate TCP segments
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const ending = options.ending ?? 'end';
    if (ending === 'hang') return;
    if (ending === 'destroy') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      response.socket?.destroy();
      return;
    }
    response.end();
  };
}
