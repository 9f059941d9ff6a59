import type { FastifyInstance } from 'fastify';
import { authenticateCaller } from '../governance/authenticate-caller.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { GatewayContext } from './gateway-context.js';
import { sendWireError } from './send-wire-error.js';

/** `GET /v1/models`, `GET /health` and `GET /metrics`. */
export function registerInfoRoutes(app: FastifyInstance, context: GatewayContext): void {
  const hub = context.gateway.hub;
  app.get('/v1/models', async (request, reply) => {
    try {
      await authenticateCaller(request, context);
    } catch (error) {
      return sendWireError(reply, context.formats[0] as WireFormat, error);
    }
    const created = Math.floor(Date.now() / 1000);
    const data: Record<string, unknown>[] = Object.keys(hub.routes()).map((alias) => ({
      id: alias,
      object: 'model',
      created,
      owned_by: 'hub-route',
    }));
    for (const metadata of await hub.metadata()) {
      for (const model of metadata.models)
        data.push({
          id: `${metadata.providerId}/${model.id}`,
          object: 'model',
          created,
          owned_by: metadata.providerId,
        });
    }
    return { object: 'list', data };
  });

  app.get('/health', async (_request, reply) => {
    const providers = await hub.health();
    const healthy = providers.some((provider) => provider.status !== 'unhealthy');
    return reply.code(healthy ? 200 : 503).send({
      status: providers.every((provider) => provider.status === 'healthy')
        ? 'healthy'
        : healthy
          ? 'degraded'
          : 'unhealthy',
      providers: providers.map((provider) => ({
        id: provider.providerId,
        status: provider.status,
        latencyMs: provider.latencyMs ?? null,
        message: provider.message ?? null,
      })),
    });
  });

  const prometheus = context.gateway.prometheus;
  if (prometheus !== undefined) {
    app.get('/metrics', async (_request, reply) =>
      reply.header('content-type', prometheus.contentType).send(await prometheus.registry.metrics()),
    );
  }
}
