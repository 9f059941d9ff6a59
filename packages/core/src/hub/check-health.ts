import type { CallOptions } from '../contracts/call-options.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { ProviderHealth } from './hub.js';

const HEALTH_BUDGET_MS = 5_000;

/**
 * Runs one provider's health check, bounded to five seconds even if the provider ignores its
 * signal, and never rejecting.
 */
export async function checkHealth(provider: LLMProvider, options: CallOptions = {}): Promise<ProviderHealth> {
  const started = Date.now();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<ProviderHealth>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        providerId: provider.providerId,
        status: 'unhealthy',
        message: 'Health check exceeded 5 s.',
        checkedAt: Date.now(),
      });
    }, HEALTH_BUDGET_MS);
  });
  const check = provider
    .healthCheck({ signal: controller.signal, timeoutMs: HEALTH_BUDGET_MS })
    .then((status) => ({ ...status, providerId: provider.providerId }))
    .catch(
      (): ProviderHealth => ({
        providerId: provider.providerId,
        status: 'unhealthy',
        message: 'Health check failed.',
        latencyMs: Date.now() - started,
        checkedAt: Date.now(),
      }),
    );
  try {
    return await Promise.race([check, budget]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
