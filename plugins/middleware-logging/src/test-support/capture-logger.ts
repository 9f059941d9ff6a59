import { type Level, type Logger, pino } from 'pino';

/** A pino logger writing into memory: the raw JSON lines and their parsed form. */
export interface CapturedLogger {
  readonly logger: Logger;
  readonly raw: string[];
  readonly lines: Array<Record<string, unknown>>;
}

/** Creates a logger without pid, hostname and time, so tests can compare whole lines. */
export function captureLogger(level: Level = 'trace'): CapturedLogger {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level, base: null, timestamp: false },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, raw, lines };
}
