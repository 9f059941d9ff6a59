import type { CallOptions } from '@hub/core';
import type { BedrockTransport } from './internal/bedrock-transport.js';

/**
 * Proves the runtime endpoint answers these credentials: a signed `GET /async-invoke?maxResults=1`
 * (ListAsyncInvokes, the cheapest authenticated call on the runtime host, a one-item page).
 * Resolves when it answered; rejects with the classified error otherwise — including
 * `permission` when the credentials may not call `bedrock:ListAsyncInvokes` — and the hub judges
 * the outcome (its budget, healthy / degraded / unhealthy).
 */
export async function probeBedrock(runtime: BedrockTransport, options: CallOptions): Promise<void> {
  const call = runtime.startCall(options);
  try {
    await runtime.getJson('/async-invoke', { maxResults: '1' }, call);
  } finally {
    call.deadline.dispose();
  }
}
