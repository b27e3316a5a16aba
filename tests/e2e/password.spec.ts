// A teacher who forgot their password gets a link by email, sets a new one (the link then stops
// working), and later changes it from their account; each change signs them out everywhere.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectReflowAt320 } from './axe';
import { signIn, signOut, uniqueEmail, linkFromOutbox } from './helpers';

test('forgot password: emailed link, new password once, then a change from the account page', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail('forgetful');
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Ama Forgetful');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('the first password I chose');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByText(`If ${email} has a Microcred account, a link to choose a new password is on its way.`)).toBeVisible();

  // The job queue sends the email within seconds; the demo outbox shows it to a platform admin.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'platform@demo.school');
  const link = await linkFromOutbox(admin, [email, 'Reset your Microcred password'], /\/reset-password\/[A-Za-z0-9_-]+/);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('New password', { exact: true }).fill('my brand new password');
  await page.getByLabel('New password again').fill('my brand new passwort');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page.getByText('The two passwords do not match.')).toBeVisible();
  await page.getByLabel('New password again').fill('my brand new password');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?password=reset/);
  await expect(page.getByText('Your new password is saved. Sign in with it.')).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByText('This link has already been used')).toBeVisible();

  await signIn(page, email, 'my brand new password');
  await page.goto('/account');
  await page.getByLabel('Current password').fill('my brand new password');
  await page.getByLabel('New password', { exact: true }).fill('and now a third password');
  await page.getByLabel('New password again').fill('and now a third password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?password=changed/);
  await expect(page.getByText('Your password is changed and you were signed out everywhere.')).toBeVisible();
  await signIn(page, email, 'and now a third password');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
