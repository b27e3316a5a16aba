import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { SAMPLE_PDF, signIn } from './helpers';

/** Adds an entry through the page's add form (not the edit forms of entries already listed), and returns its list item. */
async function addEntry(page: Page, e: { title: string; provider: string; completedOn: string; pdHours: string }) {
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Add professional learning', exact: true }) });
  await add.getByLabel('Title').fill(e.title);
  await add.getByLabel('Provided by').fill(e.provider);
  await add.getByLabel('Completed on').fill(e.completedOn);
  await add.getByLabel('PD hours').fill(e.pdHours);
  await add.getByRole('button', { name: 'Add to my list' }).click();
  await expect(page.getByText(`Added: “${e.title}”`)).toBeVisible();
  return page.getByRole('listitem').filter({ hasText: e.title });
}

// A teacher records a workshop done elsewhere from My badges, attaches its certificate (a file of
// the wrong kind is refused in the browser, a web page renamed .pdf by the server), opens it through
// its private link; it prints on her PD transcript in its own self-reported section, and she deletes
// it again. A title unique to the run, so a CI retry finds its own entry.
test('a teacher adds learning done elsewhere, attaches its certificate, sees it on her transcript apart from her badges, her district leader opens it, and she deletes it', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const title = `Regional assessment summit (${Date.now().toString(36).slice(-6)})`;

  await signIn(page, 'teacher@demo.school');
  await page.goto('/badges');
  await page.getByRole('link', { name: /(Add professional learning done elsewhere|See, add or change your other professional learning)/ }).click();
  await expect(page).toHaveURL(/\/badges\/other-learning/);
  const listed = await addEntry(page, { title, provider: 'Wisconsin DPI', completedOn: '2026-03-14', pdHours: '6' });

  // The certificate: straight from the browser to storage, then checked by the server.
  await expect(listed.getByText('No certificate attached.')).toBeVisible();
  const attach = listed.getByLabel(/^Attach a certificate/);
  await attach.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Attended all day.') });
  await expect(listed.getByText('“notes.txt” is not a PDF or an image this site keeps.', { exact: false })).toBeVisible();
  await attach.setInputFiles({ name: 'renamed.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><html><body>Certificate</body></html>') });
  await expect(listed.getByText('“renamed.pdf” does not look like a PDF or an image inside', { exact: false })).toBeVisible();
  await attach.setInputFiles({ name: 'summit-certificate.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await expect(listed.getByText('Attached: “summit-certificate.pdf” (PDF,', { exact: false })).toBeVisible();
  await expect(listed.getByText('summit-certificate.pdf', { exact: true })).toBeVisible();
  await expect(listed.getByLabel(/^Replace the certificate/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Its link checks who asks, then sends a short-lived signed address that is never cached.
  const href = await listed.getByRole('link', { name: /^View the certificate/ }).getAttribute('href');
  expect(href).toMatch(/^\/other-learning\/certificates\/[a-z0-9]+\?inline=1$/);
  const opened = await page.request.get(href!, { maxRedirects: 0 });
  expect(opened.status()).toBe(302);
  expect(opened.headers()['cache-control']).toContain('no-store');
  const file = await page.request.get(opened.headers().location);
  expect(file.ok()).toBe(true);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.goto('/badges/transcript');
  await expect(page.getByRole('heading', { name: 'Other professional learning (self-reported)' })).toBeVisible();
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Certificate on file');

  // Her district's leader, who verifies hours, opens it from her teacher record.
  const leaderContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  await signIn(leader, 'leader@demo.school');
  await leader.goto(`/district/teachers?q=${encodeURIComponent('teacher@demo.school')}`);
  await leader.getByRole('link', { name: 'Maya Okafor' }).click();
  await expect(leader).toHaveURL(/\/district\/teachers\/[a-z0-9]+/);
  const link = leader.getByRole('link', { name: `Certificate of “${title}”: summit-certificate.pdf (opens in a new tab)` });
  await expect(link).toBeVisible();
  const forLeader = await leader.request.get((await link.getAttribute('href'))!, { maxRedirects: 0 });
  expect(forLeader.status()).toBe(302);
  expect(forLeader.headers()['cache-control']).toContain('no-store');
  await leaderContext.close();

  await page.goto('/badges/other-learning');
  const entry = page.getByRole('listitem').filter({ hasText: title });
  await entry.locator('summary', { hasText: 'Delete…' }).click();
  await entry.getByRole('button', { name: /^Yes, delete it/ }).click();
  await expect(page.getByText(/^Deleted\./)).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

// The connection drops while the certificate is on its way to storage: the teacher is told so in
// plain words, Retry sends it again and it is attached; removing it says so, and no longer says it
// is attached.
test('a certificate upload cut off by a dropped connection is attached by Retry, then removed', async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Coaching institute (${Date.now().toString(36).slice(-6)})`;
  await signIn(page, 'teacher@demo.school');
  await page.goto('/badges/other-learning');
  const listed = await addEntry(page, { title, provider: 'CESA 1', completedOn: '2026-06-20', pdHours: '3' });

  // The first request to storage's upload address fails as a dropped connection does.
  await page.route(/\/uploads\/[0-9a-f]+\?/, (route) => route.abort('connectionreset'), { times: 1 });
  await listed.getByLabel(/^Attach a certificate/).setInputFiles({ name: 'institute.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await expect(listed.getByText('The connection dropped while “institute.pdf” was uploading. Check your connection, then Retry.')).toBeVisible();
  // Focus waits on Retry (the file input was disabled while the file was on its way).
  await expect(listed.getByRole('button', { name: 'Retry uploading “institute.pdf”' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(listed.getByText('Attached: “institute.pdf” (PDF,', { exact: false })).toBeVisible();
  await expect(listed.getByText('institute.pdf', { exact: true })).toBeVisible();
  await expect(listed.getByLabel(/^Replace the certificate/)).toBeFocused();

  await listed.locator('summary', { hasText: 'Remove…' }).click();
  await listed.getByRole('button', { name: /^Yes, remove it/ }).click();
  await expect(listed.getByText('Removed. The entry has no certificate now.')).toBeVisible();
  await expect(listed.getByText('No certificate attached.')).toBeVisible();
  await expect(listed.getByText('Attached: “institute.pdf”', { exact: false })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await listed.locator('summary', { hasText: 'Delete…' }).click();
  await listed.getByRole('button', { name: /^Yes, delete it/ }).click();
  await expect(page.getByText(/^Deleted\./)).toBeVisible();
});
