import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { linkFromOutbox, signIn, signOut, signUpTeacher, uniqueEmail } from './helpers';

test('a platform admin brings an issuer onto the platform; its first admin sets the profile and the review rules', async ({ page, browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const name = `Lakeside Teaching Collaborative ${suffix}`;
  const firstAdmin = uniqueEmail('first-admin');
  await signIn(page, 'platform@demo.school');
  await page.getByRole('link', { name: 'Platform' }).click();
  await expect(page.getByRole('heading', { name: 'Organisations' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('First admin or leader’s email (optional)').fill(firstAdmin);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByText(`${name} created, and its first admin invited by email (${firstAdmin}).`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText(firstAdmin);
  const link = await linkFromOutbox(page, [firstAdmin, '/invitations/'], /\/invitations\/[A-Za-z0-9_-]+/);
  await signOut(page);

  // The first admin accepts in their own browser and runs the organisation from there.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await admin.goto(link);
  await admin.getByLabel('Your name').fill('Imani Clarke');
  await admin.getByLabel('Choose a password').fill('a long enough password');
  await admin.getByRole('button', { name: 'Accept and create my account' }).click();
  await expect(admin).not.toHaveURL(/\/invitations\//);
  await admin.goto('/admin/settings');
  await expect(admin.getByRole('heading', { name: `Settings for ${name}` })).toBeVisible();
  await expectNoAxeViolations(admin);

  await admin.getByLabel('About').fill('A collaborative of lakeside schools helping teachers grow their practice.');
  await admin.getByLabel('Website').fill('http://lakeside.example.org');
  await admin.getByRole('button', { name: 'Save profile' }).click();
  await expect(admin.getByText('Use a full https:// address')).toBeVisible();
  await admin.getByLabel('Website').fill('https://lakeside.example.org');
  await admin.getByRole('button', { name: 'Save profile' }).click();
  await expect(admin.getByText('Saved. Your public page and badges issued from now on show the new details.')).toBeVisible();

  await admin.getByLabel('Second scoring (% of submissions)').fill('20');
  await admin.getByLabel('Blind review').check();
  await admin.getByLabel('A claim lasts').selectOption({ label: '8 hours' });
  await admin.getByRole('button', { name: 'Save review settings' }).click();
  await expect(admin.getByText('Saved. The new settings apply from now on, also to reviews under way.')).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('Blind review')).toBeChecked();
  await expect(admin.getByLabel('Second scoring (% of submissions)')).toHaveValue('20');
  await expect(admin.getByLabel('A claim lasts')).toHaveValue('480');

  // The public page shows the new profile at once (its cached copy was cleared).
  await admin.getByRole('link', { name: 'your page' }).click();
  await expect(admin.getByText('A collaborative of lakeside schools helping teachers grow their practice.')).toBeVisible();
  await context.close();
});

test('a platform admin disables an account, which then cannot sign in, and enables it again', async ({ page, browser }) => {
  const email = uniqueEmail('leaver');
  await signUpTeacher(page, { name: 'Lee Leaver', email });
  await signOut(page);

  await signIn(page, 'platform@demo.school');
  await page.goto('/platform/accounts');
  await page.getByLabel('Name or email').fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Active');
  await row.getByText('Disable').first().click();
  await row.getByLabel('Reason').fill('Account reported as compromised');
  await row.getByRole('button', { name: /Yes, disable/ }).click();
  await expect(row.getByRole('status').filter({ hasText: /^Disabled/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Disabled');
  await expectNoAxeViolations(page);
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();

  await signIn(page, 'platform@demo.school');
  await page.goto(`/platform/accounts?q=${encodeURIComponent(email)}`);
  await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /Enable/ }).click();
  await expect(page.getByRole('row').filter({ hasText: email }).getByRole('status').filter({ hasText: /^Active/ })).toBeVisible();
  await signOut(page);
  // The old password (perhaps known to whoever got in) does not come back; the emailed link sets a new one.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'platform@demo.school');
  // The reset email of an account enabled again says why it came ("…active again: set a new password").
  const link = await linkFromOutbox(admin, [email, 'set a new password'], /\/reset-password\/[A-Za-z0-9_-]+/);
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('a brand new password');
  await page.getByLabel('New password again').fill('a brand new password');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?password=reset/);
  await signIn(page, email, 'a brand new password');
  await expect(page).toHaveURL(/\/dashboard/);
});

test('a district leader adds a school and renames it; teachers can then be invited to it', async ({ page }) => {
  const school = `Juniper Ridge Middle ${Math.random().toString(36).slice(2, 7)}`;
  await signIn(page, 'leader@demo.school');
  await page.goto('/district');
  await page.getByRole('navigation', { name: 'District' }).getByRole('link', { name: 'Schools' }).click();
  await expect(page.getByRole('heading', { name: 'Schools', exact: true })).toBeVisible();
  await page.getByLabel('School name').fill(school);
  await page.getByRole('button', { name: 'Add school' }).click();
  await expect(page.getByText(`${school} added.`)).toBeVisible();
  // A refusal after a success keeps what was typed (the form is emptied on success, not rebuilt) and marks the field.
  await page.getByLabel('School name').fill('A');
  await page.getByRole('button', { name: 'Add school' }).click();
  await expect(page.getByLabel('School name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('School name')).toHaveValue('A');
  const row = page.getByRole('row').filter({ has: page.getByText(school, { exact: true }) });
  await expect(row).toContainText('0');
  await expectNoAxeViolations(page);
  await row.getByLabel(`New name for ${school}`).fill(`${school} School`);
  await row.getByRole('button', { name: `Rename ${school}` }).click();
  const renamed = page.getByRole('row').filter({ has: page.getByText(`${school} School`, { exact: true }) });
  await expect(renamed.getByRole('status')).toHaveText('Renamed.');
  // A name another school has is refused beside the field, and the field says so to screen readers.
  const field = renamed.getByLabel(`New name for ${school} School`);
  await field.fill('Cushing Elementary School');
  await renamed.getByRole('button', { name: `Rename ${school} School` }).click();
  await expect(renamed.getByRole('alert')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(await renamed.getByRole('alert').innerText());
  await page.goto('/district/people');
  await expect(page.getByLabel('Invite to').locator('option', { hasText: `${school} School` })).toHaveCount(1);
});
