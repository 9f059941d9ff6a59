// The public API of @hub/testing/postgres, listed explicitly: helpers for tests against a real
// PostgreSQL. A subpath of its own so that only tests that use PostgreSQL need pg.
export { connectTestDatabase, DATABASE_URL, dropSchema, uniqueSchema } from './connect-test-database.js';
