// Type tests (tsc and `vitest --typecheck`): what `onRequest` may return, per operation.
import { expectTypeOf } from 'vitest';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import type { Middleware, RequestHookResult } from './middleware.js';

declare const completionResponse: CompletionResponse;

// nothing, a rewritten request or a short-circuit response; sync or async
const passes: Middleware = { name: 'passes', onRequest: () => undefined };
const rewrites: Middleware = {
  name: 'rewrites',
  onRequest: (request) => ({ request: { ...request, temperature: 0 } }),
};
const answers: Middleware = { name: 'answers', onRequest: async () => ({ response: completionResponse }) };

// the default operations are completions: the request is a CompletionRequest
const reads: Middleware = {
  name: 'reads',
  onRequest(request) {
    expectTypeOf(request).toEqualTypeOf<CompletionRequest>();
  },
};

// a middleware that lists embeddings sees embedding requests and may rewrite them
const embeds: Middleware<'embed'> = {
  name: 'embeds',
  operations: ['embed'],
  onRequest(request) {
    expectTypeOf(request).toEqualTypeOf<EmbeddingRequest>();
    return { request: { ...request, dimensions: 256 } };
  },
};

expectTypeOf<RequestHookResult>().toEqualTypeOf<
  void | undefined | { readonly request: CompletionRequest } | { readonly response: CompletionResponse }
>();

// @ts-expect-error the result names what it carries: a bare request is not a result
const bare: Middleware = { name: 'bare', onRequest: (request) => request };
// @ts-expect-error `skip` is no result: control flow after a failure is onError's ErrorAction
const skips: Middleware = { name: 'skips', onRequest: () => ({ skip: true }) };

export { answers, bare, embeds, passes, reads, rewrites, skips };
