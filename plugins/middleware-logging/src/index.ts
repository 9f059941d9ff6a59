/**
 * @packageDocumentation
 * @module @hub/middleware-logging
 * @document ../README.md
 */

// The public API of @hub/middleware-logging, listed explicitly: an API change is one visible diff here.

export { createSanitizer, DEFAULT_REDACT_PATHS, type SanitizerOptions } from './create-sanitizer.js';
export { type LoggingLevels, type LoggingOptions, logging } from './logging.js';
export { loggingPlugin } from './logging-plugin.js';
export type { Sanitizer } from './sanitizer.js';
