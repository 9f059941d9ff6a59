import {
  ConfigError,
  type ConnectorError,
  type HubOperation,
  type Middleware,
  type MiddlewareContext,
} from '@hub/core';
import { type Level, type Logger, pino } from 'pino';
import { createSanitizer } from './create-sanitizer.js';
import { createLineBuilder } from './internal/create-line-builder.js';
import { observeFirstContent } from './internal/observe-first-content.js';
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

const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Middleware that writes one structured line per hub call, in `onSettled` (after all retries and
 * fallbacks, and when a stream ended or was abandoned), plus one `debug` line per failed attempt.
 *
 * Operations: all four (`complete`, `stream`, `embed`, `count-tokens`): every call is worth a
 * line, and each line says its `operation`. Embedding inputs are user text, like prompts: their
 * lines hold `inputs` (count) and `inputCharacters` instead, never the text, even with
 * `includeContent` (and never the vectors, only `vectors` and `dimensions`). Token-count lines
 * hold the counted `tokens.input` and `exact`.
 *
 * The call line (`event: "hub.call"`) holds: `requestId`, `operation`, `provider`, `model`,
 * `route`, `messages` (count; `inputs` and `inputCharacters` for embeddings), `latencyMs`, `ttftMs` (streams: time to the first content chunk),
 * `attempts`, `fallbacks`, `outcome` (`success` or the error code), `cached`, `finishReason`,
 * `responseModel`, `tokens` (`input`, `output`, `cached`, `reasoning`), `costUsd`, `metadata`,
 * `annotations`, and for failures `error` (`code`, `status`, `providerId`, `message`,
 * `retryable`, `providerCode`). Prompt (`prompt`) and completion (`completion`) text only with
 * `createSanitizer({ includeContent: true })`.
 *
 * Lines are sanitized once, as they are built: ids, codes and numbers are written as they are;
 * model ids, error messages, provider codes and content are masked by `sanitizer.text`; request
 * metadata, annotations and the prompt pass `sanitizer.value` (credential-named fields redacted,
 * credential-shaped strings masked); and the fields named by `sanitizer.redactPaths` (pino path
 * syntax) are censored. No pino `redact` is added, so a line costs one pass and pino's
 * serialization. Errors are logged by fields, never with their `cause`. Register it first
 * (outermost) so it sees every attempt and measures what the caller experienced.
 *
 * @throws ConfigError naming the field for an invalid logger, sanitizer, redact path or level.
 */
export function logging(options: LoggingOptions = {}): Middleware<HubOperation> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('logging: options must be an object.', { path: '' });
  }
  const sanitizer = options.sanitizer ?? createSanitizer();
  if (
    typeof sanitizer.value !== 'function' ||
    typeof sanitizer.text !== 'function' ||
    !Array.isArray(sanitizer.redactPaths)
  ) {
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
  // no pino `redact` here: lines are built already sanitized, so a second pass would only cost
  const logger = options.logger ?? pino({ level: 'info' });
  const lines = createLineBuilder({ sanitizer, includeMetadata });
  // one entry per call in flight, released with the call's context (no bound needed beyond that)
  const firstContentAt = new WeakMap<MiddlewareContext<HubOperation>, number>();

  return {
    name: 'logging',
    operations: ['complete', 'stream', 'embed', 'count-tokens'],

    wrapStream(stream, context) {
      if (firstContentAt.has(context)) return stream;
      return observeFirstContent(stream, () => {
        if (!firstContentAt.has(context)) firstContentAt.set(context, context.elapsed());
      });
    },

    onError(error: ConnectorError, context) {
      if (!logger.isLevelEnabled(levels.attemptFailure)) return;
      logger[levels.attemptFailure](lines.attemptLine(error, context), 'hub attempt failed');
    },

    onSettled(outcome, context) {
      const level = outcome.ok
        ? levels.success
        : outcome.error.code === 'cancelled'
          ? levels.cancelled
          : levels.failure;
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        lines.callLine(outcome, context, firstContentAt.get(context)),
        outcome.ok ? 'hub call succeeded' : 'hub call failed',
      );
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
