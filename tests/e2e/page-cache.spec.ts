// The anonymous page cache against the production build: public pages come from the cache on the
// second visit with the same security headers, as plain HTML without the client runtime, and
// signed-in visitors always get their own render of the full app.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

test('anonymous visitors get public pages from the cache, with matching CSP nonces and all security headers', async ({ request }) => {
  const path = `/catalog?q=feedback&cache-test=${Date.now()}`;
  const first = await request.get(path);
  expect(first.status()).toBe(200);
  expect(first.headers()['x-page-cache']).toBe('miss');
  const second = await request.get(path);
  expect(second.headers()['x-page-cache']).toBe('hit');
  const html = await second.text();
  expect(html).toBe(await first.text());

  const headers = second.headers();
  // Kept as plain HTML (ADR 007), so its CSP allows no script at all; the rest of the policy stays.
  expect(headers['content-security-policy']).toContain("script-src 'none'");
  expect(nonceOf(headers['content-security-policy'])).toBeUndefined();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBeTruthy();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['set-cookie']).toBeUndefined();
  // The hit never reached Next: the app server (scripts/server.ts) sent the copy compressed when
  // the page was filled, in the encoding asked for.
  expect(headers.vary).toBe('Cookie, Accept-Encoding');
  expect(['gzip', 'br']).toContain(headers['content-encoding']);
  for (const encoding of ['br', 'gzip']) {
    const res = await request.get(path, { headers: { 'accept-encoding': encoding } });
    expect(res.headers()['content-encoding']).toBe(encoding);
    expect(res.headers()['x-page-cache']).toBe('hit');
    expect(await res.text()).toBe(html);
  }

  // Every combination of filters is its own page: a cached search for "agenda" at level 2 is not
  // the level 2 list (a key cut at its first `&` once served exactly that).
  const results = async (p: string) => (await (await request.get(p)).text()).match(/href="\/(?:micro-credentials|tracks|stacks)\/[^"]+"/g);
  const agendaLevel2 = await results('/catalog?level=2&q=agenda');
  expect(agendaLevel2).toEqual(['href="/micro-credentials/designing-an-effective-team-agenda"']);
  expect(await results('/catalog?q=agenda&level=2')).toEqual(agendaLevel2);
  expect((await results('/catalog?level=2'))?.length).toBeGreaterThan(1);
  // "Matches what I teach" is for signed-in teachers: an anonymous visitor asking for it gets the
  // whole catalogue, with no word of the filter or a link to the account page.
  const forMe = await (await request.get('/catalog?forMe=1')).text();
  expect(forMe).not.toContain('Matches what I teach');
  expect(forMe).not.toContain('/account#teaching');
  expect(await results('/catalog?forMe=1')).toEqual(await results('/catalog'));

  // Not cached: unknown pages and pages that are not public.
  expect((await request.get('/micro-credentials/no-such-thing')).headers()['x-page-cache']).toBeUndefined();
  expect((await request.get('/verify')).headers()['x-page-cache']).toBeUndefined();
});

test('anonymous visitors get plain HTML that works without any script; signed-in visitors get the app', async ({ page }) => {
  const violations: string[] = [];
  const scripts: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.request.get('/catalog');
  const res = await page.goto('/catalog');
  expect(res?.headers()['x-page-cache']).toBe('hit');
  // No client runtime: nothing to download, parse or run (lib/http/static-html.ts).
  expect(await page.locator('script').count()).toBe(0);
  expect(await page.locator('html').getAttribute('data-static')).toBe('');
  expect(await page.evaluate(() => 'next' in window || '__next_f' in window)).toBe(false);
  await page.getByRole('searchbox').first().fill('assessment');
  await page.getByRole('searchbox').first().press('Enter');
  await expect(page).toHaveURL(/q=assessment/);
  await page.getByRole('link', { name: 'The Assessment Cycle' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/(micro-credentials|tracks)\//);
  await expect(page.getByRole('link', { name: /Sign in/ }).first()).toBeVisible();
  // Controls that need JavaScript are hidden rather than dead.
  await page.goto('/micro-credentials/designing-an-effective-team-agenda');
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  expect(scripts).toEqual([]);
  expect(violations).toEqual([]);

  await signIn(page, 'teacher@demo.school');
  const signedIn = await page.goto('/micro-credentials/designing-an-effective-team-agenda');
  expect(signedIn?.headers()['x-page-cache']).toBeUndefined();
  // The header shows this visitor, not the anonymous page kept in the cache, and the app runs.
  await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  expect(await page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown }).__next_f))).toBe(true);
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  expect(violations).toEqual([]);
});
