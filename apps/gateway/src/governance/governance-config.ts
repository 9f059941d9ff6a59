import { z } from 'zod';

/**
 * `database`: where virtual keys, teams, budgets and the spend ledger live. Present, it turns
 * governance on: every call needs a key (a database key, or a config-file key), and spend is
 * written to the ledger. Absent, the gateway runs without it, as before.
 */
export const databaseConfigSchema = z
  .object({
    /** `postgres://user@host:5432/db`; default `DATABASE_URL`. Any number of gateways may share it. */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** A PGlite data directory (embedded PostgreSQL, one gateway process only), or `memory://`. */
    embedded: z.string().min(1).optional(),
    /** Schema of the `hub_*` tables, created if missing. Default `public`. */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,47}$/, 'must be lower-case letters, digits and _ (at most 48)')
      .optional(),
    /** Connections of the server pool (one more is held for change notifications). Default 10. */
    poolSize: z.number().int().min(1).max(200).optional(),
    /**
     * Whether calls are admitted while the database cannot answer: `closed` (default) refuses
     * them with 503, `open` admits them unchecked (counted, their spend written once it is back).
     */
    failMode: z.enum(['closed', 'open']).default('closed'),
  })
  .strict()
  .refine((database) => database.url === undefined || database.embedded === undefined, {
    message: 'give url or embedded, not both',
  });

/** `admin`: the admin API (`/admin/*`), authenticated by one key read from the environment. */
export const adminConfigSchema = z
  .object({
    /** Name of the environment variable holding the admin key (`HUB_ADMIN_KEY`). */
    keyEnv: z.string().min(1),
  })
  .strict();

/** The validated `database` section. */
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
/** The validated `admin` section. */
export type AdminConfig = z.infer<typeof adminConfigSchema>;
