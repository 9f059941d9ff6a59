import { ERROR_CODES } from '@hub/core';
import { z } from 'zod';
import { adminConfigSchema, databaseConfigSchema } from '../governance/governance-config.js';

const milliseconds = z.number().int().positive();

/**
 * The three per-call deadlines of `CallOptions` (see `@hub/core`'s `call-options.ts`), for a
 * provider or a route: the whole call, the wait for response headers, the longest gap between
 * two stream events. Unset: the provider's own default.
 */
const deadlines = {
  /** Deadline of one upstream call, from sending the request to the last byte. */
  timeoutMs: milliseconds.optional(),
  /** Deadline for the upstream's response headers. */
  firstByteTimeoutMs: milliseconds.optional(),
  /** Longest gap between two upstream stream events (or body reads). */
  idleTimeoutMs: milliseconds.optional(),
};

// codes that say something about a provider's health; `cancelled` and `circuit_open` never do
const BREAKER_FAILURE_CODES = ERROR_CODES.filter(
  (code) => code !== 'cancelled' && code !== 'circuit_open',
) as [string, ...string[]];

const routeSchema = z.union([
  z.array(z.string().min(1)).min(1),
  z.object({ targets: z.array(z.string().min(1)).min(1), ...deadlines }).strict(),
]);

const providerBase = {
  /** Provider id in the hub (`openai`, `groq`, …); defaults to the type's own id. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"')
    .optional(),
  /** Name of the environment variable holding the API key: keys are never written in the file. */
  apiKeyEnv: z.string().min(1).optional(),
  baseUrl: z.string().url('must be an absolute URL').optional(),
  ...deadlines,
};

const providerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mock'), ...providerBase }).strict(),
  z
    .object({
      type: z.literal('openai'),
      ...providerBase,
      organization: z.string().optional(),
      project: z.string().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('azure-openai'),
      ...providerBase,
      endpoint: z.string().url('must be an absolute URL'),
      apiVersion: z.string().optional(),
      deployments: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('openai-compatible'),
      ...providerBase,
      preset: z
        .enum([
          'ollama',
          'vllm',
          'lmstudio',
          'groq',
          'together',
          'fireworks',
          'deepseek',
          'mistral',
          'openrouter',
          'xai',
        ])
        .optional(),
    })
    .strict(),
  z.object({ type: z.literal('anthropic'), ...providerBase, version: z.string().optional() }).strict(),
  z.object({ type: z.literal('google'), ...providerBase }).strict(),
  // credentials come from the standard AWS chain (env, profile, SSO, roles), or a Bedrock API key by apiKeyEnv
  z.object({ type: z.literal('aws-bedrock'), ...providerBase, region: z.string().optional() }).strict(),
]);

const virtualKeySchema = z
  .object({
    name: z.string().min(1),
    /** `sha256:<hex>` of the key (see `hub-gateway --hash-key`). */
    keyHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 hex digits')
      .optional(),
    /** Or: the environment variable holding the key, hashed at start-up. */
    keyEnv: z.string().min(1).optional(),
    /** Models and routes this key may call; `*` suffix matches a prefix (`openai/*`). Default: all. */
    models: z.array(z.string().min(1)).optional(),
    requestsPerMinute: z.number().int().positive().optional(),
  })
  .strict()
  .refine((key) => (key.keyHash === undefined) !== (key.keyEnv === undefined), {
    message: 'give exactly one of keyHash or keyEnv',
  });

/** The gateway's configuration file (`hub.config.yaml` / `.json`). */
export const gatewayConfigSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(8787),
        host: z.string().default('127.0.0.1'),
        bodyLimitBytes: z.number().int().positive().default(1_048_576),
        /** The whole request at the gateway; expiry answers 504 or ends a stream with a timeout frame. */
        requestTimeoutMs: milliseconds.default(300_000),
        /** Longest wait for the next chunk of a stream; expiry ends it with a timeout frame. */
        streamIdleTimeoutMs: milliseconds.default(120_000),
        shutdownGraceMs: z.number().int().positive().default(30_000),
        /** Allowed CORS origins; none means no CORS headers at all. */
        corsOrigins: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    providers: z.array(providerSchema).min(1, 'configure at least one provider'),
    /** Aliases: a list of `provider/model` targets, or `{ targets, timeoutMs, … }` with deadlines. */
    routes: z.record(z.string(), routeSchema).default({}),
    selector: z
      .enum(['priority', 'round-robin', 'weighted', 'lowest-latency', 'lowest-cost'])
      .default('priority'),
    retry: z
      .union([
        z.literal(false),
        z
          .object({
            maxRetries: z.number().int().min(0).optional(),
            baseDelayMs: z.number().positive().optional(),
            maxDelayMs: z.number().positive().optional(),
          })
          .strict(),
      ])
      .default({}),
    /** Every option of `@hub/middleware-circuit-breaker`, under its own name; false disables it. */
    circuitBreaker: z
      .union([
        z.literal(false),
        z
          .object({
            scope: z.enum(['provider', 'model']).optional(),
            windowMs: milliseconds.optional(),
            minimumCalls: z.number().int().min(1).optional(),
            failureRateThreshold: z.number().gt(0).max(1).optional(),
            consecutiveFailures: z.number().int().min(1).optional(),
            openMs: milliseconds.optional(),
            halfOpenProbes: z.number().int().min(1).optional(),
            failureCodes: z
              .array(
                z.enum(BREAKER_FAILURE_CODES, 'must be an error code other than cancelled and circuit_open'),
              )
              .optional(),
            maxCircuits: z.number().int().min(1).optional(),
          })
          .strict(),
      ])
      .default({}),
    fallback: z
      .union([z.literal(false), z.object({ maxFallbacks: z.number().int().min(0).optional() }).strict()])
      .default({}),
    cache: z
      .union([
        z.literal(false),
        z
          .object({
            ttlMs: z.number().int().positive().default(300_000),
            maxBytes: z.number().int().positive().optional(),
          })
          .strict(),
      ])
      .default({ ttlMs: 300_000 }),
    rateLimit: z
      .union([
        z.literal(false),
        z
          .object({
            limits: z
              .array(
                z
                  .object({
                    scope: z.enum(['provider', 'model']),
                    requestsPerWindow: z.number().int().positive().optional(),
                    tokensPerWindow: z.number().int().positive().optional(),
                    windowMs: z.number().int().positive().optional(),
                    provider: z.string().optional(),
                  })
                  .strict(),
              )
              .min(1),
            onLimited: z.enum(['reject', 'queue']).default('queue'),
            maxQueueWaitMs: z.number().int().positive().optional(),
          })
          .strict(),
      ])
      // off unless configured: a default quota would throttle a gateway its operator did not size
      .default(false),
    /**
     * The Responses API's store (`store: true`, `previous_response_id`): entries live `ttlMs`
     * after they were stored or their conversation last continued. In Redis when Redis is
     * configured (shared by instances), else in memory bounded by `maxEntries` and `maxBytes`.
     */
    responses: z
      .object({
        ttlMs: milliseconds.default(86_400_000),
        maxEntries: z.number().int().positive().default(10_000),
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(64 * 1024 * 1024),
        /** `memory` keeps responses in this process even when Redis is configured. */
        store: z.enum(['memory', 'redis']).optional(),
      })
      .strict()
      .prefault({}),
    /** Redis for cache and limits shared by many gateway instances; default REDIS_URL when set. */
    redis: z
      .object({
        url: z
          .string()
          .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
          .optional(),
        /**
         * What a limit check (route limits, virtual-key requests per minute) does while Redis is
         * unreachable: `open` admits the call uncounted, `closed` refuses it with 429. The cache
         * always fails open (a miss).
         */
        limitsFailMode: z.enum(['open', 'closed']).default('open'),
      })
      .strict()
      .optional(),
    logging: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info') })
      .strict()
      .prefault({}),
    metrics: z
      .object({ prometheus: z.boolean().default(true) })
      .strict()
      .prefault({}),
    virtualKeys: z.array(virtualKeySchema).default([]),
    /** The admin dashboard at `/ui` (see the README); false turns it off. */
    dashboard: z
      .union([
        z.literal(false),
        z
          .object({
            /**
             * Environment variable holding the admin key that signs in, when there is no `admin`
             * section (with one, the dashboard uses `admin.keyEnv`); default `HUB_ADMIN_KEY`.
             */
            adminKeyEnv: z.string().min(1).optional(),
          })
          .strict(),
      ])
      .default({}),
    /** Governance: database keys, teams, budgets and the spend ledger (see the README). */
    database: databaseConfigSchema.optional(),
    /** The admin API, which needs `database`. */
    admin: adminConfigSchema.optional(),
  })
  .strict();

/** The validated configuration. */
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
/** One configured provider. */
export type GatewayProviderConfig = GatewayConfig['providers'][number];
/** One configured route: its targets, or its targets with deadlines. */
export type GatewayRouteConfig = GatewayConfig['routes'][string];
