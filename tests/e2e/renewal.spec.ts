import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './helpers';

// The demo teacher earned "The Assessment Cycle" (valid three years) almost three years ago, so it
// is inside the renewal window (prisma/seed-data/demo-work.ts, renewalDueApplication).
test('the demo teacher is reminded a badge expires soon, renews it, and finds the renewal on her dashboard', async ({ page }) => {
  await signIn(page, 'teacher@demo.school');

  // The reminder: the periodic job sends it once the server is up (notification, and email).
  await expect(async () => {
    await page.goto('/notifications');
    await expect(page.getByText(/Your badge “The Assessment Cycle” expires on/)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // The dashboard nudges her toward it.
  await page.goto('/dashboard');
  await expect(page.getByText('Your badge “The Assessment Cycle” is due for renewal')).toBeVisible();
  await page.getByRole('link', { name: 'See your renewals' }).click();
  await expect(page).toHaveURL(/\/badges#renewals$/);
  const renewals = page.getByRole('heading', { name: 'Renewals' }).locator('..');
  await expect(renewals.getByText(/The Assessment Cycle: expires on/)).toBeVisible();
  await expectNoAxeViolations(page);
  await renewals.getByRole('button', { name: 'Renew “The Assessment Cycle”' }).click();

  await expect(page).toHaveURL(/\/apply\/the-assessment-cycle\?renewing=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your renewal' })).toBeVisible();
  // The Renew button is gone: the notice says what happened and holds the keyboard focus.
  await expect(page.locator(':focus')).toContainText('You are renewing this badge');
  await expect(page.getByText('Renewing your badge')).toBeVisible();
  await expect(page.getByText(/stays valid until/)).toBeVisible();
  // A fresh application, answered from scratch against today's requirements.
  await expect(page.getByRole('textbox', { name: 'Answer for Overview and context' })).toHaveValue('');
  await expectNoAxeViolations(page);

  // The badge she holds is still valid meanwhile, and the badges page points back to the renewal.
  await page.goto('/badges');
  await expect(page.getByRole('link', { name: 'Continue your renewal' })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page.getByText('Renewing your badge')).toBeVisible();
  await expect(page.getByText(/is due for renewal/)).toHaveCount(0);
});
