import { invalidInput } from '../errors/store-errors.js';
import { CALL_STATUSES, type CallRecord, type CallStatus } from '../model/call-record.js';
import { requireDate, requireObject } from './field-validators.js';

const MAX_TOKENS = 2_147_483_647;

/** A call record checked and normalized for the ledger. */
export interface LedgerColumns {
  readonly cost: number;
  readonly status: CallStatus;
  readonly model: string;
  readonly operation: string;
  readonly route: string | null;
  readonly provider: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly reasoningTokens: number;
  readonly latencyMs: number | null;
  readonly requestId: string | null;
  readonly occurredAt: number;
}

function text(value: unknown, field: string, max: number, required: boolean): string | null {
  if (value === undefined && !required) return null;
  if (typeof value !== 'string' || value === '' || value.length > max) {
    throw invalidInput(field, `expected 1 to ${max} characters.`);
  }
  return value;
}

function count(value: unknown, field: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TOKENS) {
    throw invalidInput(field, `expected an integer from 0 to ${MAX_TOKENS}.`);
  }
  return value;
}

/**
 * Checks what `settle` and `record` are given, synchronously, so a bad record fails in the caller
 * instead of poisoning a later batch.
 *
 * @throws ConnectorError `invalid_request` naming the first bad field.
 */
export function validateCallRecord(input: CallRecord, now: number): LedgerColumns {
  const record = requireObject(input, 'record');
  const cost = record.cost;
  if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0) {
    throw invalidInput('cost', 'expected a finite number of USD >= 0.');
  }
  if (!CALL_STATUSES.includes(record.status as CallStatus)) {
    throw invalidInput('status', `expected one of ${CALL_STATUSES.join(', ')}.`);
  }
  const latency = record.latencyMs;
  if (latency !== undefined && (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0)) {
    throw invalidInput('latencyMs', 'expected a number of ms >= 0.');
  }
  return {
    cost,
    status: record.status as CallStatus,
    model: text(record.model, 'model', 256, true) as string,
    operation: text(record.operation, 'operation', 64, true) as string,
    route: text(record.route, 'route', 256, false),
    provider: text(record.provider, 'provider', 128, false),
    inputTokens: count(record.inputTokens, 'inputTokens'),
    outputTokens: count(record.outputTokens, 'outputTokens'),
    cachedTokens: count(record.cachedTokens, 'cachedTokens'),
    reasoningTokens: count(record.reasoningTokens, 'reasoningTokens'),
    latencyMs: latency === undefined ? null : Math.min(Math.round(latency as number), MAX_TOKENS),
    requestId: text(record.requestId, 'requestId', 256, false),
    occurredAt:
      record.occurredAt === undefined ? now : requireDate(record.occurredAt, 'occurredAt').getTime(),
  };
}
