import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'microcred-demo';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/**
 * The one-time link (the path matching `link`) in the newest demo-outbox message that contains every
 * text in `filters`, read through `page` (a platform admin sees every message, anyone else their own). The
 * job queue sends most emails within seconds, so this polls.
 */
export async function linkFromOutbox(page: Page, filters: string[], link: RegExp): Promise<string> {
  let found = '';
  await expect
    .poll(async () => {
      await page.goto('/outbox');
      let message = page.locator('li');
      for (const text of filters) message = message.filter({ hasText: text });
      const text = (await message.first().textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
      found = link.exec(text)?.[0] ?? '';
      return found;
    }, { timeout: 20_000, intervals: [500, 1_000] })
    .not.toBe('');
  return found;
}

/** A new teacher signs up on /sign-up (choosing a district asks to join it) and lands on the dashboard. */
export async function signUpTeacher(page: Page, who: { name: string; email: string; district?: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill('a long enough password');
  if (who.district) await page.getByLabel('District (optional)').selectOption({ label: who.district });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

/** The signed-in person confirms their email address with the link emailed at sign-up. */
export async function confirmOwnEmail(page: Page) {
  const link = await linkFromOutbox(page, ['Confirm your email address for Microcred'], /\/verify-email\/[A-Za-z0-9_-]+/);
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByRole('heading', { name: 'Email address confirmed' })).toBeVisible();
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
