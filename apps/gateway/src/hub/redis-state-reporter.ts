import { REDACTED } from '@hub/core';
import type { Logger } from 'pino';
import { redactUrl } from '../config/printable-config.js';
import type { RedisComponentName } from './redis-component.js';

/** Counts one part's transitions and logs each; see `redisStateReporter`. */
export interface RedisStateReporter {
  /** Pass as the store's `onStateChange`. */
  readonly onStateChange: (state: 'up' | 'down', error?: Error) => void;
  readonly transitions: { readonly down: number; readonly up: number };
}

/**
 * The `onStateChange` handler of one Redis-backed part: one `warn` line per transition (the
 * stores call it once per transition, never per failed command), naming the part, the server as
 * `redis://[REDACTED]@host:port` and, going down, the error — with the URL's password replaced
 * wherever it appears, so no credential reaches the log.
 */
export function redisStateReporter(
  component: RedisComponentName,
  url: string,
  logger: Logger,
  consequence: string,
): RedisStateReporter {
  const server = redactUrl(url);
  const password = passwordOf(url);
  const transitions = { down: 0, up: 0 };
  return {
    transitions,
    onStateChange(state, error) {
      transitions[state]++;
      if (state === 'up') {
        logger.warn({ component, redis: server, state }, `redis for ${component} is reachable again`);
        return;
      }
      const message = error === undefined ? undefined : withoutSecret(error.message, password);
      logger.warn(
        { component, redis: server, state, error: message },
        `redis for ${component} is unreachable: ${consequence}`,
      );
    },
  };
}

function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

// `scheme://user:pass@` anywhere in a message
const USERINFO_ANYWHERE = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

function withoutSecret(message: string, password: string | undefined): string {
  const redacted = message.replace(USERINFO_ANYWHERE, `$1${REDACTED}@`);
  return password === undefined ? redacted : redacted.replaceAll(password, REDACTED);
}
