// Forms work before (or without) JavaScript: each form built on a server action is also a plain
// POST form, so a slow connection, a failed script load or a locked-down browser can still sign in
// and save. With JavaScript the same forms submit in place and keep what was typed.
import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false });

test('without JavaScript a reviewer signs in, sees field errors, and saves their profile', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('reviewer@demo.school');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();

  await page.getByLabel('Email').fill('reviewer@demo.school');
  await page.getByLabel('Password').fill('microcred-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/review/);

  await page.goto('/account');
  await page.getByLabel('Portfolio address').fill('');
  await page.getByLabel('Make my portfolio public').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Choose a web address for your portfolio.')).toBeVisible();

  await page.getByLabel('Make my portfolio public').uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
});

test('without JavaScript a misspelt catalogue search suggests the word meant and shows its results', async ({ page }) => {
  await page.goto('/catalog?q=agnda');
  await expect(page.getByText('No results for “agnda”. Did you mean')).toBeVisible();
  await expect(page.getByText('Showing results for “agenda”')).toBeVisible();
  await expect(page.getByRole('link', { name: /Designing an Effective Team Agenda/i }).first()).toBeVisible();
  // The suggestion is a plain link that keeps working as a search of its own.
  await page.getByRole('link', { name: 'agenda', exact: true }).click();
  await expect(page).toHaveURL(/q=agenda/);
  await expect(page.getByText('Best matches for “agenda”')).toBeVisible();
});
