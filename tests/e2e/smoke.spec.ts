import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test('home page renders and passes an accessibility scan', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBeLessThan(400);
  await expect(page.locator('main')).toBeVisible();
  await expect(page).toHaveTitle(/\S/);
  await expectNoAxeViolations(page);
});
