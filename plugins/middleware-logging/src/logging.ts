import {
  type CallOutcome,
  ConfigError,
  type ConnectorError,
  type Middleware,
  type MiddlewareContext,
} from '@hub/core';
import { type Level, type Logger, pino } from 'pino';
import { createSanitizer } from './create-sanitizer.js';
import { describeError } from './internal/describe-error.js';
import { describeMessages } from './internal/describe-messages.js';
import { observeFirstContent } from './internal/observe-first-content.js';
import { REDACTED } from './mask-secrets.js';
import type { Sanitizer } from './sanitizer.js';

/** Log levels of the lines the middleware writes. */
export interface LoggingLevels {
  /** A hub call that succeeded. Default `info`. */
  readonly success?: Level;
  /** A hub call that failed. Default `error`. */
  readonly failure?: Level;
  /** A hub call the caller cancelled (or stopped reading). Default `warn`. */
  readonly cancelled?: Level;
  /** One failed attempt (later retried, fallen back from, or final). Default `debug`. */
  readonly attemptFailure?: Level;
}

/** Options of `logging`. */
export interface LoggingOptions {
  /** Where lines go. Default `pino({ level: 'info' })`, writing JSON lines to stdout. */
  readonly logger?: Logger;
  /** What is masked and whether content is logged. Default `createSanitizer()`. */
  readonly sanitizer?: Sanitizer;
  /** Log the request's `metadata` and the middleware annotations in `context.metadata`. Default true. */
  readonly includeMetadata?: boolean;
  readonly levels?: LoggingLevels;
}

/** Token counts as logged; `cached` and `reasoning` appear when the provider reported them. */
interface LoggedTokens {
  readonly input: number;
  readonly output: number;
  readonly cached?: number;
  readonly reasoning?: number;
}

const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Middleware that writes one structured line per hub call, in `onSettled` (after all retries and
 * fallbacks, and when a stream ended or was abandoned), plus one `debug` line per failed attempt.
 *
 * The call line (`event: "hub.call"`) holds: `requestId`, `operation`, `provider`, `model`,
 * `route`, `messages` (count), `latencyMs`, `ttftMs` (streams: time to the first content chunk),
 * `attempts`, `fallbacks`, `outcome` (`success` or the error code), `cached`, `finishReason`,
 * `responseModel`, `tokens` (`input`, `output`, `cached`, `reasoning`), `costUsd`, `metadata`,
 * `annotations`, and for failures `error` (`code`, `status`, `providerId`, `message`,
 * `retryable`, `providerCode`). Prompt (`prompt`) and completion (`completion`) text only with
 * `createSanitizer({ includeContent: true })`.
 *
 * Every value passes the sanitizer (credential-shaped strings masked, credential-named fields
 * redacted) and the logger gets the sanitizer's paths as pino `redact` on a child logger. Errors
 * are logged by fields, never with their `cause`. Register it first (outermost) so it sees every
 * attempt and measures what the caller experienced.
 *
 * @throws ConfigError naming the field for an invalid logger, sanitizer or level.
 */
export function logging(options: LoggingOptions = {}): Middleware {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('logging: options must be an object.', { path: '' });
  }
  const sanitizer = options.sanitizer ?? createSanitizer();
  if (typeof sanitizer.value !== 'function' || typeof sanitizer.text !== 'function') {
    throw new ConfigError('logging: "sanitizer" must come from createSanitizer().', { path: 'sanitizer' });
  }
  if (options.logger !== undefined && typeof options.logger.child !== 'function') {
    throw new ConfigError('logging: "logger" must be a pino logger.', { path: 'logger' });
  }
  const levels = {
    success: checkLevel(options.levels?.success ?? 'info', 'success'),
    failure: checkLevel(options.levels?.failure ?? 'error', 'failure'),
    cancelled: checkLevel(options.levels?.cancelled ?? 'warn', 'cancelled'),
    attemptFailure: checkLevel(options.levels?.attemptFailure ?? 'debug', 'attemptFailure'),
  };
  const includeMetadata = options.includeMetadata ?? true;
  const base = options.logger ?? pino({ level: 'info' });
  // pino paths are a second line of defence for anything the sanitizer's walk did not rename
  const logger = base.child({}, { redact: { paths: [...sanitizer.redactPaths], censor: REDACTED } });
  const firstContentAt = new WeakMap<MiddlewareContext, number>();

  const callLine = (outcome: CallOutcome, context: MiddlewareContext): Record<string, unknown> => {
    const request = context.originalRequest;
    const line: Record<string, unknown> = {
      event: 'hub.call',
      requestId: context.requestId,
      operation: context.operation,
      provider: context.providerId,
      model: context.model,
      route: context.route,
      messages: request.messages.length,
      latencyMs: Math.round(context.elapsed()),
      ttftMs: roundOrUndefined(firstContentAt.get(context)),
      attempts: context.attempt,
      fallbacks: context.fallbacks,
      outcome: outcome.ok ? 'success' : outcome.error.code,
      cached: wasCached(outcome, context),
    };
    if (outcome.ok) {
      const { response } = outcome;
      const usage = response.usage;
      const tokens: LoggedTokens = {
        input: usage.inputTokens,
        output: usage.outputTokens,
        ...(usage.cachedInputTokens !== undefined && { cached: usage.cachedInputTokens }),
        ...(usage.reasoningTokens !== undefined && { reasoning: usage.reasoningTokens }),
      };
      line.finishReason = response.finishReason;
      line.responseModel = response.model;
      line.tokens = tokens;
      if (response.cost !== undefined) line.costUsd = response.cost.totalUsd;
      if (sanitizer.includeContent) line.completion = response.text;
    } else {
      line.error = describeError(outcome.error, sanitizer);
    }
    if (includeMetadata) {
      if (request.metadata !== undefined && Object.keys(request.metadata).length > 0)
        line.metadata = request.metadata;
      if (context.metadata.size > 0) line.annotations = Object.fromEntries(context.metadata);
    }
    if (sanitizer.includeContent) line.prompt = describeMessages(request.messages);
    return sanitizer.value(line) as Record<string, unknown>;
  };

  return {
    name: 'logging',

    wrapStream(stream, context) {
      if (firstContentAt.has(context)) return stream;
      return observeFirstContent(stream, () => {
        if (!firstContentAt.has(context)) firstContentAt.set(context, context.elapsed());
      });
    },

    onError(error: ConnectorError, context) {
      if (!logger.isLevelEnabled(levels.attemptFailure)) return;
      const line = {
        event: 'hub.attempt',
        requestId: context.requestId,
        operation: context.operation,
        provider: context.providerId,
        model: context.model,
        route: context.route,
        attempt: context.attempt,
        latencyMs: Math.round(context.elapsed()),
        contentYielded: context.contentYielded,
        error: describeError(error, sanitizer),
      };
      logger[levels.attemptFailure](sanitizer.value(line) as object, 'hub attempt failed');
    },

    onSettled(outcome, context) {
      const level = outcome.ok
        ? levels.success
        : outcome.error.code === 'cancelled'
          ? levels.cancelled
          : levels.failure;
      if (!logger.isLevelEnabled(level)) return;
      logger[level](callLine(outcome, context), outcome.ok ? 'hub call succeeded' : 'hub call failed');
    },
  };
}

function checkLevel(level: Level, field: string): Level {
  if (!LEVELS.includes(level)) {
    throw new ConfigError(`logging: levels.${field} must be one of ${LEVELS.join(', ')}.`, {
      path: `levels.${field}`,
    });
  }
  return level;
}

function roundOrUndefined(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value);
}

/**
 * Whether a cache answered: from the outcome when the hub reports it, else from the
 * `cache.hit` annotation that `@hub/middleware-cache` sets.
 */
function wasCached(outcome: CallOutcome, context: MiddlewareContext): boolean {
  const reported = (outcome as { readonly cached?: unknown }).cached;
  if (typeof reported === 'boolean') return reported;
  return outcome.ok && context.metadata.get('cache.hit') === 'true';
}
