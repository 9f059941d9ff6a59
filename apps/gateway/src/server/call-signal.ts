import type { FastifyReply } from 'fastify';

/**
 * A signal that aborts when the client disconnects before the response finished, or when the
 * gateway's request timeout passes. `dispose` clears the timer.
 */
export function callSignal(
  reply: FastifyReply,
  timeoutMs: number,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const raw = reply.raw;
  const onClose = (): void => {
    if (!raw.writableFinished) controller.abort(new DOMException('The client disconnected.', 'AbortError'));
  };
  raw.once('close', onClose);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`The request exceeded ${timeoutMs} ms.`, 'TimeoutError')),
    timeoutMs,
  );
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      raw.removeListener('close', onClose);
    },
  };
}
