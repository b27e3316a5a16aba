import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './helpers';

// A teacher records a workshop done elsewhere from My badges; it prints on her PD transcript in its
// own self-reported section, and she deletes it again. A title unique to the run, so a CI retry finds
// its own entry.
test('a teacher adds learning done elsewhere, sees it on her transcript apart from her badges, and deletes it', async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Regional assessment summit (${Date.now().toString(36).slice(-6)})`;

  await signIn(page, 'teacher@demo.school');
  await page.goto('/badges');
  await page.getByRole('link', { name: /(Add professional learning done elsewhere|See, add or change your other professional learning)/ }).click();
  await expect(page).toHaveURL(/\/badges\/other-learning/);
  // The add form, not the edit forms of entries already listed.
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Add professional learning', exact: true }) });
  await add.getByLabel('Title').fill(title);
  await add.getByLabel('Provided by').fill('Wisconsin DPI');
  await add.getByLabel('Completed on').fill('2026-03-14');
  await add.getByLabel('PD hours').fill('6');
  await add.getByRole('button', { name: 'Add to my list' }).click();
  await expect(page.getByText(`Added: “${title}”`)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/badges/transcript');
  await expect(page.getByRole('heading', { name: 'Other professional learning (self-reported)' })).toBeVisible();
  await expect(page.getByText(title).first()).toBeVisible();

  await page.goto('/badges/other-learning');
  const entry = page.getByRole('listitem').filter({ hasText: title });
  await entry.locator('summary', { hasText: 'Delete…' }).click();
  await entry.getByRole('button', { name: /^Yes, delete it/ }).click();
  await expect(page.getByText(/^Deleted\./)).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});
