import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './helpers';

// WCAG 2.2.1 (timing adjustable): shortly before a claim runs out the reviewer is warned and can keep
// it; once kept, the button goes and focus lands on the line saying until when, so it is not lost.
// The browser's clock is moved on; the server's claim is real and is kept by the server.
test('a reviewer is warned before their claim runs out, keeps it from the keyboard, and focus lands on the new end', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await signIn(page, 'reviewer2@demo.school');
  await page.goto('/review');
  // Sam Patel's submission: released again at the end, for the journeys that review it later.
  await page.locator('tbody tr', { hasText: 'Sam Patel' }).first().getByRole('button', { name: 'Claim' }).click();
  await expect(page).toHaveURL(/\/review\/[a-z0-9]+$/);

  const end = await page.locator('p', { hasText: 'Your claim lasts until' }).locator('time').getAttribute('datetime');
  const left = new Date(end!).getTime() - Date.now();
  // Five minutes before the end, in the browser.
  await page.clock.fastForward(left - 5 * 60_000);
  await expect(page.getByText(/Your claim runs out in [45] minutes/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const keep = page.getByRole('button', { name: /^Keep my claim for another/ }).first();
  await keep.focus();
  // Back to the real time before the server answers, so the browser counts from the claim's new end.
  await page.clock.setSystemTime(Date.now());
  await page.keyboard.press('Enter');
  await page.clock.runFor(15_000);
  const kept = page.getByRole('status').filter({ hasText: /^Claim kept until/ });
  await expect(kept).toBeVisible();
  await expect(kept).toBeFocused();
  await expect(keep).toHaveCount(0);

  // Give the work back: the later journeys review Sam Patel's submission.
  await page.getByText('Can’t finish this one? Release it').click();
  await page.getByRole('button', { name: 'Release and discard my draft' }).click();
  await expect(page).toHaveURL(/\/review\?released=1/);
  await expect(page.locator(':focus')).toContainText('The submission is back in the queue for someone else.');
});
