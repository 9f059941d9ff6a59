import { fixtureReader } from '@hub/testing';

/** The wire fixtures of this package (`src/__fixtures__/`), taken from Google's documentation. */
export const fixtures = fixtureReader(new URL('../__fixtures__/', import.meta.url));
