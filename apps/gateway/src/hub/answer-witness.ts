import type { HubOperation, Middleware, RequestOf } from '@hub/core';

/** Remembers which target each hub call is asking; see `answerWitness`. */
export interface AnswerWitness {
  /** Register outermost: its `onRequest` then runs for every attempt, a cache hit's included. */
  readonly middleware: Middleware<HubOperation>;
  /**
   * `provider/model` of the target the latest attempt of the call made with `request` addressed
   * — the one that answered once the call produced an answer or its first chunk; undefined
   * before the first attempt.
   */
  answeredBy(request: RequestOf<HubOperation>): string | undefined;
}

/**
 * A gateway answer names the model that produced it, and a stream must name it in its first
 * frame, before the provider's own `model` (reported in the `finish` chunk) is known. The target
 * the hub addressed is known from the first attempt on, so streamed and non-streamed answers
 * carry the same value, `provider/model`, which also says which provider answered a bare model id
 * or a route alias. Attempts run one after another and the last one opened is the one that
 * answers. The request object the gateway handed the hub is the key (the hub gives it to every
 * attempt as `originalRequest`; a stream's signal is the hub's own, not the gateway's), in a weak
 * map, so nothing outlives the call.
 */
export function answerWitness(): AnswerWitness {
  const addressed = new WeakMap<RequestOf<HubOperation>, string>();
  return {
    middleware: {
      name: 'gateway-answer-witness',
      operations: ['complete', 'stream'],
      onRequest(_request, context) {
        addressed.set(context.originalRequest, `${context.providerId}/${context.model}`);
        return undefined;
      },
    },
    answeredBy: (request) => addressed.get(request),
  };
}
