import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the current page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}) {
  // Next streams page metadata: after a client-side navigation the <title> lands a moment after the
  // content. Scan once it has; a page that never gets one still fails axe's document-title rule.
  await page.waitForFunction(() => document.title.trim().length > 0, undefined, { timeout: 5_000 }).catch(() => undefined);
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * WCAG 1.4.10 Reflow: at 320 CSS px wide nothing scrolls sideways except wide tables, inside their
 * own scrolling box. Restores the viewport afterwards.
 */
export async function expectReflowAt320(page: Page) {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    const excess = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(excess, `${page.url()} is ${excess} px wider than a 320 px screen`).toBeLessThanOrEqual(0);
  } finally {
    await page.setViewportSize(before);
  }
}
