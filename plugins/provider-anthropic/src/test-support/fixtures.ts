import { fixtureReader } from '@hub/testing';

/** The wire fixtures of this package (`src/__fixtures__/`), taken from Anthropic's documentation. */
export const fixtures = fixtureReader(new URL('../__fixtures__/', import.meta.url));

/** The documented error bodies (`error-bodies.json`), by Anthropic's `error.type` or a case name. */
export const errorBodies = fixtures.json<Record<string, object>>('error-bodies.json');
