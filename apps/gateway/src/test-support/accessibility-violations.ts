import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = createRequire(import.meta.url)('axe-core').source as string;

/** One failed WCAG rule, with the elements that fail it. */
export interface AccessibilityViolation {
  readonly rule: string;
  readonly impact: string | null;
  readonly targets: string[];
}

/**
 * Runs axe-core's WCAG 2 A and AA rules (labels, names, contrast, landmarks, …) on what `page`
 * shows now. The engine is evaluated through the DevTools protocol, which the page's content
 * security policy does not govern, so the dashboard needs no exception for it.
 */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })))`);
}
