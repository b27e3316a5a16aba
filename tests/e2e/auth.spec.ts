import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, signOut, uniqueEmail } from './helpers';

test('sign up as a new teacher, land on an empty dashboard, sign out', async ({ page }) => {
  await page.goto('/sign-up');
  await expectNoAxeViolations(page);
  await page.getByLabel('Your name').fill('Rosa Diaz');
  await page.getByLabel('Email').fill(uniqueEmail('rosa'));
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  // What she typed is still there.
  await expect(page.getByLabel('Your name')).toHaveValue('Rosa Diaz');
  await page.getByLabel('Password').fill('a much longer password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole('heading', { name: 'Welcome, Rosa' })).toBeVisible();
  await expect(page.getByText('You are not enrolled in anything yet')).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);
});

test('a wrong password gets one clear message that does not reveal whether the account exists', async ({ page }) => {
  await page.goto('/sign-in');
  await expectNoAxeViolations(page);
  for (const email of ['teacher@demo.school', 'nobody@demo.school']) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  }
});

for (const [email, home, heading] of [
  ['teacher@demo.school', '/dashboard', /Welcome, Maya/],
  ['reviewer@demo.school', '/review', /review/i],
  ['admin@demo.school', '/admin', /admin|credentials|overview/i],
  ['leader@demo.school', '/district', /district|Kettle Moraine/i],
] as const) {
  test(`${email} signs in and sees their own home`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${home}(\\?|$)`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expectNoAxeViolations(page);
  });
}

test('a teacher cannot open admin, review or district pages', async ({ page }) => {
  await signIn(page, 'teacher@demo.school');
  for (const path of ['/admin', '/review', '/district']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});

test('anonymous visitors are sent to sign in and come back afterwards', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
  await page.getByLabel('Email').fill('teacher@demo.school');
  await page.getByLabel('Password').fill('microcred-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  // Already signed in, a sign-in link goes straight on to where it pointed (same site only).
  await page.goto('/sign-in?callbackUrl=%2Fbadges');
  await expect(page).toHaveURL(/\/badges$/);
  await page.goto('/sign-in?callbackUrl=%2F.%2F%2Fevil.example');
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('pages answer with security headers', async ({ request }) => {
  // A rendered page: scripts only with this response's nonce.
  const res = await request.get('/sign-in');
  const h = res.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  // A public page served to anonymous visitors as plain HTML (ADR 007): no script at all.
  const cached = (await request.get('/catalog')).headers()['content-security-policy'];
  expect(cached).toContain("frame-ancestors 'none'");
  expect(cached).toContain("script-src 'none'");
  expect(h['strict-transport-security']).toContain('max-age=');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['x-powered-by']).toBeUndefined();
});

test('missing pages get a helpful 404', async ({ page }) => {
  const res = await page.goto('/micro-credentials/does-not-exist');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('in a browser in Chicago', () => {
  test.use({ timezoneId: 'America/Chicago' });

  test('a new teacher’s times are in her own zone, taken at sign-up, and she can change it on her account page', async ({ page }) => {
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Tess Zone');
    await page.getByLabel('Email').fill(uniqueEmail('tess'));
    await page.getByLabel('Password').fill('a much longer password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await page.goto('/account');
    const zone = page.getByLabel('Time zone', { exact: true });
    await expect(zone).toHaveValue('America/Chicago');
    await zone.selectOption('Europe/London');
    await page.getByRole('button', { name: 'Set time zone' }).press('Enter');
    await expect(page.getByText(/^Saved\. Times are now shown in London time \(Europe\), where it is \d\d:\d\d now\.$/)).toBeVisible();
    // The button, disabled while it saved, has focus again.
    await expect(page.getByRole('button', { name: 'Set time zone' })).toBeFocused();
    await page.reload();
    await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/London');
    await expectNoAxeViolations(page);
  });
});
