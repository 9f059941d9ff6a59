import { ConnectorError } from '@hub/core';
import type { FastifyInstance } from 'fastify';
import { authenticateCaller } from '../governance/authenticate-caller.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { GatewayContext } from './gateway-context.js';
import { sendWireError } from './send-wire-error.js';

/** One entry of OpenAI's model list. */
interface ModelEntry {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
}

/**
 * `GET /v1/models`, `GET /v1/models/{id}`, `GET /health` and `GET /metrics`.
 *
 * `/v1/models/{id}` answers a route alias, a `provider/model` (its slash sent as is or as `%2F`)
 * or a bare model id that exactly one provider's catalog lists — what a chat request accepts as
 * `model` — in OpenAI's shape; anything else is a 404 `not_found` in OpenAI's error shape.
 */
export function registerInfoRoutes(app: FastifyInstance, context: GatewayContext): void {
  const hub = context.gateway.hub;
  const listModels = async (): Promise<ModelEntry[]> => {
    const created = Math.floor(Date.now() / 1000);
    const data: ModelEntry[] = Object.keys(hub.routes()).map((alias) => ({
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
    return data;
  };

  app.get('/v1/models', async (request, reply) => {
    try {
      await authenticateCaller(request, context);
    } catch (error) {
      return sendWireError(reply, context.formats[0] as WireFormat, error);
    }
    return { object: 'list', data: await listModels() };
  });

  app.get('/v1/models/*', async (request, reply) => {
    const format = context.formats[0] as WireFormat;
    try {
      await authenticateCaller(request, context);
    } catch (error) {
      return sendWireError(reply, format, error);
    }
    // the path is bounded by Node's header limit; the id echoed in an error is bounded here
    const id = ((request.params as Record<string, string>)['*'] ?? '').slice(0, 256);
    const models = await listModels();
    const exact = models.find((model) => model.id === id);
    if (exact !== undefined) return exact;
    // a bare id, as the hub resolves it: only when exactly one provider lists it
    const listed = models.filter((model) => model.owned_by !== 'hub-route' && model.id.endsWith(`/${id}`));
    if (listed.length === 1 && !id.includes('/')) return { ...(listed[0] as ModelEntry), id };
    return sendWireError(
      reply,
      format,
      new ConnectorError(
        'not_found',
        listed.length > 1
          ? `The model '${id}' is listed by several providers (${listed.map((model) => model.owned_by).join(', ')}); ask for "provider/${id}".`
          : `The model '${id}' does not exist: GET /v1/models lists every route and provider/model.`,
        { field: 'model' },
      ),
    );
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
