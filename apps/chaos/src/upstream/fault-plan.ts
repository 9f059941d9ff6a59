import { seededFraction } from '../seeded-fraction.js';

/** The ways the faulty upstream fails one call. */
export const UPSTREAM_FAULTS = [
  /** 500 with OpenAI's `server_error` body. */
  'server-error',
  /** 503, the engine overloaded. */
  'overloaded',
  /** 429 with `retry-after` (whole seconds). */
  'rate-limited',
  /** The connection reset before any byte of the response. */
  'reset',
  /** A 200 whose JSON body, or one of whose stream events, is not JSON. */
  'malformed',
  /** The body or stream cut mid-way by a connection reset. */
  'cut',
  /** A stream that ends cleanly before `data: [DONE]`: truncation that looks tidy. */
  'ended-early',
] as const;

/** One way the faulty upstream fails one call. */
export type UpstreamFault = (typeof UPSTREAM_FAULTS)[number];

/** One call the upstream received, as a plan sees it. */
export interface UpstreamCall {
  /** `model` of the request body. */
  readonly model: string;
  /** Content of the last message: the scenario's name for the request. */
  readonly prompt: string;
  readonly stream: boolean;
  /** 1 for the first call with this model and prompt, 2 for its first retry, … */
  readonly attempt: number;
}

/** What the upstream does with one call. */
export type UpstreamAction =
  | { readonly kind: 'answer' }
  /** 404 `model_not_found`, as OpenAI answers a model id it does not serve. */
  | { readonly kind: 'model-not-found' }
  | {
      readonly kind: 'fault';
      readonly fault: UpstreamFault;
      /**
       * Where a `cut`, `ended-early` or `malformed` stream fails: the number of whole events
       * written first. For a non-streamed body: eighths of the body written before a `cut`.
       * Taken modulo what the answer has, so any number names a valid place.
       */
      readonly at: number;
    };

/** Decides each call's fate. */
export type FaultPlan = (call: UpstreamCall) => UpstreamAction;

/** Options of `randomFaults`. */
export interface RandomFaultsOptions {
  /** The run's seed. */
  readonly seed: number;
  /** Fraction of calls that fail, in [0, 1]. */
  readonly rate: number;
  /** The faults drawn from, uniformly. Default every one of `UPSTREAM_FAULTS`. */
  readonly faults?: readonly UpstreamFault[];
}

/**
 * Fails `rate` of the calls with a fault drawn uniformly from `faults`, at a drawn place. Every
 * draw is keyed by the seed, the model, the prompt and the attempt (`seededFraction`), so a run
 * replays exactly although concurrent calls arrive in a different order each time, and a retry
 * of a failed call draws afresh, as a real transient fault would.
 */
export function randomFaults(options: RandomFaultsOptions): FaultPlan {
  const faults = options.faults ?? UPSTREAM_FAULTS;
  if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError('rate must be in [0, 1]');
  if (faults.length === 0) throw new RangeError('faults must name at least one fault');
  return ({ model, prompt, attempt }) => {
    const draw = (purpose: string) => seededFraction(options.seed, purpose, model, prompt, attempt);
    if (draw('fails') >= options.rate) return { kind: 'answer' };
    const fault = faults[Math.floor(draw('fault') * faults.length)] as UpstreamFault;
    return { kind: 'fault', fault, at: Math.floor(draw('at') * 64) };
  };
}
