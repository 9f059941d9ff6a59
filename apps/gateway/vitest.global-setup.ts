import { buildDashboardUi } from './ui/build-ui.js';

/** Builds the dashboard once before the tests, so the served UI is the current source's. */
export async function setup(): Promise<void> {
  await buildDashboardUi({ quiet: true });
}
