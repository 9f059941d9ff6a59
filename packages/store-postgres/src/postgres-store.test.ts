import { connectTestDatabase, DATABASE_URL, dropSchema, uniqueSchema } from '@hub/testing/postgres';
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openGovernanceStore } from './open-governance-store.js';
import { describeGovernanceStore } from './test-support/describe-governance-store.js';

const schema = uniqueSchema('hub_test', 'store');
let inspector: pg.Client;

beforeAll(async () => {
  inspector = await connectTestDatabase(5000);
});

afterAll(async () => {
  await dropSchema(inspector, schema);
  await inspector.end();
});

describeGovernanceStore('PostgreSQL (pg pool)', () => ({
  schema,
  open: (overrides = {}) =>
    openGovernanceStore({
      url: DATABASE_URL,
      schema,
      sweepIntervalMs: 0,
      flushIntervalMs: 20,
      poolSize: 4,
      ...overrides,
    }),
  query: async <Row>(text: string, params: unknown[] = []) =>
    (await inspector.query(text, params)).rows as Row[],
}));
