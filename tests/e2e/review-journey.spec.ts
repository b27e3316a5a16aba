import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, signOut } from './helpers';

const TEACHER = 'lena.fischer@riverside.example';

async function scoreAll(page: Page, ranks: string[], feedback: Record<number, string> = {}) {
  const groups = page.locator('fieldset[id^="level-"]');
  await expect(groups).toHaveCount(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    const group = groups.nth(i);
    await group.getByRole('radio', { name: new RegExp(`^${ranks[i]}`) }).check();
    if (feedback[i]) await group.getByRole('textbox').fill(feedback[i]);
  }
}

test('reviewer returns the oldest submission for revision; the teacher revises; a second review earns it', async ({ page }) => {
  test.setTimeout(180_000);
  // The reviewer claims the oldest submission in the queue.
  await signIn(page, 'reviewer@demo.school');
  await expect(page).toHaveURL(/\/review/);
  await expectNoAxeViolations(page);
  const firstRow = page.locator('tbody tr').first();
  await expect(firstRow).toContainText('Lena Fischer');
  await expect(firstRow).toContainText(/business days? left|due/i);
  await firstRow.getByRole('button', { name: 'Claim' }).click();
  await expect(page).toHaveURL(/\/review\/[a-z0-9]+$/);

  // Views the PDF evidence beside the rubric.
  await expect(page.getByRole('heading', { name: 'Evidence' })).toBeVisible();
  await page.getByText('Preview PDF').first().click();
  const pdf = page.locator('iframe[title^="PDF preview of"]').first();
  await expect(pdf).toBeVisible();
  const fileHref = await page.locator('a[href^="/files/"]').first().getAttribute('href');
  const file = await page.request.get(fileHref!, { maxRedirects: 5 });
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expectNoAxeViolations(page);

  // Scores each criterion; one below the passing level needs feedback, which the server enforces.
  await scoreAll(page, ['Demonstrated', 'Demonstrated', 'Developing', 'Demonstrated']);
  await expect(page.getByText('Below the standard: return for revision')).toBeVisible();
  await page.getByRole('button', { name: 'Submit: needs revision' }).click();
  await expect(page.getByText('Some criteria need attention before you submit.')).toBeVisible();
  // The first failed submit takes focus to the summary, as every later one does.
  await expect(page.getByRole('alert').filter({ hasText: 'Some criteria need attention' })).toBeFocused();
  await expect(page.getByRole('link', { name: /Write feedback for/ })).toBeVisible();
  // The summary's link takes focus to the feedback box it names.
  await page.getByRole('link', { name: /Write feedback for/ }).click();
  await expect(page.locator('fieldset[id^="level-"]').nth(2).getByRole('textbox')).toBeFocused();
  await page.locator('fieldset[id^="level-"]').nth(2).getByRole('textbox').fill('Name the specific adjustment you made after the exit tickets, and what students did next.');
  await page.getByLabel('Overall comment to the teacher').fill('A clear map of the cycle. One more step on adjustment and this meets the standard.');
  await page.getByRole('button', { name: 'Submit: needs revision' }).click();
  await expect(page.getByText(/Scores submitted: needs revision|You submitted this review: needs revision/)).toBeVisible();
  await expect(page.locator(':focus')).toContainText(/You submitted this review: needs revision|Scores submitted: needs revision/);
  await signOut(page);

  // The teacher reads the feedback and revises only what did not pass.
  await signIn(page, TEACHER);
  await page.goto('/dashboard');
  await page.getByRole('link', { name: 'Read feedback and revise →' }).click();
  await expect(page.getByText('Needs revision').first()).toBeVisible();
  await expect(page.getByText('Name the specific adjustment you made after the exit tickets')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /Start revision/ }).click();
  await expect(page.getByText(/attempt 2 ·|· attempt 2/)).toBeVisible();
  const editable = page.getByRole('textbox', { name: /^Answer for / });
  await expect(editable.first()).toBeVisible();
  // Parts that passed are kept read-only: fewer editors than parts.
  await expect(page.getByText('Passed', { exact: true }).first()).toBeVisible();
  const target = editable.last();
  await target.fill(`${await target.inputValue()}\n\nAfter the exit tickets I regrouped students for a ten-minute reteach the next morning; all but two then solved the follow-up problems.`);
  await expect(page.getByText(/Saved at/).first()).toBeVisible();
  await page.getByRole('checkbox', { name: /This evidence is from my own teaching/ }).check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted: waiting for review')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Earlier attempts' })).toBeVisible();
  await signOut(page);

  // A second review earns it.
  await signIn(page, 'reviewer@demo.school');
  const row = page.locator('tbody tr', { hasText: 'Lena Fischer' }).first();
  await expect(row).toContainText('attempt 2');
  await row.getByRole('button', { name: 'Claim' }).click();
  // What the first review asked for, folded away above the evidence.
  await expect(page.getByRole('heading', { name: 'Feedback on earlier attempts (1)' })).toBeVisible();
  await page.getByText('Show what earlier reviewers decided and wrote').click();
  await expect(page.getByRole('heading', { name: 'Attempt 1' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Attempt 1: levels and feedback by criterion' })).toBeVisible();
  await expectNoAxeViolations(page);
  await scoreAll(page, ['Demonstrated', 'Exemplary', 'Demonstrated', 'Demonstrated']);
  await page.getByRole('button', { name: 'Submit: meets the standard' }).click();
  await expect(page.getByText(/Scores submitted: meets the standard|You submitted this review: (meets the standard|earned|pass)/i)).toBeVisible();
  await signOut(page);

  await signIn(page, TEACHER);
  await page.goto('/badges');
  await page.getByRole('link', { name: 'The Assessment Cycle', exact: true }).click();
  await expect(page.getByText('Valid', { exact: true })).toBeVisible();
});
