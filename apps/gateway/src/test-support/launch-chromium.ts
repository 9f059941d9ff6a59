import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests save screenshots (gitignored). */
export const TEST_ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/**
 * Whether the browser tests run: always under `CI=true` (a missing Chromium then fails them
 * loudly at launch, never skips them); elsewhere only when Chromium is installed.
 */
export function browserTestsEnabled(): boolean {
  return process.env.CI === 'true' || existsSync(CHROMIUM_PATH);
}

/**
 * Launches headless Chromium through `playwright-core` (Playwright gives each launch a fresh
 * profile directory). The flags keep it off the network: no background requests, updates, sync
 * or QUIC, whose connection attempts would pile up on a machine without internet.
 *
 * @throws Error naming the path and the install command when Chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(TEST_ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
