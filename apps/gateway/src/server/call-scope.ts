import { ConnectorError } from '@hub/core';
import type { FastifyReply } from 'fastify';
import type { GatewayTimers } from './gateway-timers.js';

/** Options of `createCallScope`. */
export interface CallScopeOptions {
  /** The whole request's deadline (`server.requestTimeoutMs`). */
  readonly timeoutMs: number;
  /** The longest wait for the next stream chunk (`server.streamIdleTimeoutMs`); see `next`. */
  readonly idleTimeoutMs: number | undefined;
  readonly timers: GatewayTimers;
}

/**
 * The lifetime of one hub call made for one HTTP request. Its `signal` aborts the call when the
 * client disconnects or when one of the gateway's own deadlines passes, and it remembers which:
 * a deadline is the gateway's failure to report (a `timeout` error, as a 504 or an error frame),
 * a disconnect leaves nobody to report to.
 */
export interface CallScope {
  readonly signal: AbortSignal;
  /** The `timeout` error the gateway ended the call with, once a deadline passed. */
  readonly failure: ConnectorError | undefined;
  /** True once the client went away before the response finished. */
  readonly clientGone: boolean;
  /**
   * Settles like `work`, unless the scope ends first: then rejects at once with `failure` (or a
   * `cancelled` error), so a provider that ignores its abort cannot hold the response open.
   */
  race<T>(work: Promise<T>): Promise<T>;
  /**
   * The next chunk of `iterator`, raced like `race` and bounded by the idle deadline (armed while
   * waiting for upstream only, never while the client is slow to read).
   */
  next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>>;
  /** True while an `iterator.next()` the scope gave up on is still running upstream. */
  readonly abandonedNext: boolean;
  /** Clears the timers and the disconnect listener. */
  dispose(): void;
}

/** Creates the scope of one request's hub call; see `CallScope`. */
export function createCallScope(reply: FastifyReply, options: CallScopeOptions): CallScope {
  const { timers } = options;
  const controller = new AbortController();
  const raw = reply.raw;
  let failure: ConnectorError | undefined;
  let clientGone = false;
  let abandonedNext = false;
  let rejectEnded: (error: ConnectorError) => void = () => {};
  const ended = new Promise<never>((_resolve, reject) => {
    rejectEnded = reject;
  });
  // every use races it; this only keeps an unraced end from being reported as unhandled
  ended.catch(() => undefined);

  const end = (error: ConnectorError, reason: DOMException): void => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    rejectEnded(error);
  };
  const expire = (message: string): void => {
    failure = new ConnectorError('timeout', message, { retryable: false });
    end(failure, new DOMException(message, 'TimeoutError'));
  };
  const onClose = (): void => {
    if (raw.writableFinished) return;
    clientGone = true;
    end(
      new ConnectorError('cancelled', 'The client disconnected.'),
      new DOMException('The client disconnected.', 'AbortError'),
    );
  };
  raw.once('close', onClose);
  const deadline = timers.setTimeout(
    () => expire(`The gateway's request timeout of ${options.timeoutMs} ms passed.`),
    options.timeoutMs,
  );
  let idle: unknown;

  const race = <T>(work: Promise<T>): Promise<T> => {
    if (controller.signal.aborted) {
      work.catch(() => undefined);
      return ended;
    }
    return Promise.race([work, ended]);
  };

  return {
    signal: controller.signal,
    get failure() {
      return failure;
    },
    get clientGone() {
      return clientGone;
    },
    get abandonedNext() {
      return abandonedNext;
    },
    race,
    async next(iterator) {
      if (controller.signal.aborted) return ended;
      const idleMs = options.idleTimeoutMs;
      if (idleMs !== undefined)
        idle = timers.setTimeout(
          () => expire(`No stream event arrived within the gateway's idle timeout of ${idleMs} ms.`),
          idleMs,
        );
      const pending = iterator.next();
      let settled = false;
      pending.then(
        () => {
          settled = true;
          abandonedNext = false;
        },
        () => {
          settled = true;
          abandonedNext = false;
        },
      );
      try {
        return await race(pending);
      } finally {
        if (!settled) abandonedNext = true;
        if (idle !== undefined) timers.clearTimeout(idle);
        idle = undefined;
      }
    },
    dispose() {
      timers.clearTimeout(deadline);
      if (idle !== undefined) timers.clearTimeout(idle);
      raw.removeListener('close', onClose);
    },
  };
}
