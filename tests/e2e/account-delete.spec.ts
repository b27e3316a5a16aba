import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signUpTeacher, uniqueEmail } from './helpers';

test('a teacher deletes her account: password and a ticked box, then she is signed out and cannot sign in again', async ({ page }) => {
  const email = uniqueEmail('della');
  await signUpTeacher(page, { name: 'Della Street', email });
  await page.goto('/account');
  await page.waitForLoadState('networkidle');
  await page.getByText('Delete my account', { exact: true }).first().click();
  await expect(page.getByRole('link', { name: 'export them all (JSON)' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The box has to be ticked, and the password has to be right.
  await page.getByLabel('Your password').fill('not my password at all');
  await page.getByLabel(/I understand this deletes my account/).check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('That password is not right.').first()).toBeVisible();

  await page.waitForLoadState('networkidle');
  const password = page.getByLabel('Your password');
  await password.fill('a long enough password');
  await expect(password).toHaveValue('a long enough password');
  await page.getByLabel(/I understand this deletes my account/).check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?account=deleted/);
  await expect(page.getByText('Your account has been deleted')).toBeVisible();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);
});
