import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectReflowAt320 } from './axe';
import { signIn } from './helpers';

// Every page not already scanned inside a journey gets an accessibility scan, as its role sees it.
const pages: Record<string, string[]> = {
  '': ['/', '/catalog?q=team', '/micro-credentials/designing-an-effective-team-agenda', '/tracks/ptc-leadership-tools-for-teacher-leaders', '/stacks/student-centered-learning', '/micro-credentials/designing-an-effective-team-agenda/versions/1', '/issuers/teaching-matters', '/verify', '/u/maya-okafor', '/sign-in', '/forgot-password', '/reset-password/not-a-real-link', '/verify-email/not-a-real-link', '/verify-email/confirmed', '/unsubscribe/not-a-real-link/confirm', '/micro-credentials/designing-an-effective-team-agenda/questions'],
  'teacher@demo.school': ['/micro-credentials/designing-an-effective-team-agenda', '/dashboard', '/badges', '/account', '/notifications', '/apply/designing-an-effective-team-agenda', '/micro-credentials/designing-an-effective-team-agenda/proposal', '/outbox', '/stacks/student-centered-learning', '/badges/transcript', '/badges/transcript?period=this-school-year', '/catalog?forMe=1', '/micro-credentials/stages-of-team-building/feedback', '/micro-credentials/designing-an-effective-team-agenda/feedback', '/micro-credentials/designing-an-effective-team-agenda/questions', '/badges/other-learning', '/colleagues', '/colleagues?same=1'],
  'reviewer@demo.school': ['/review', '/review?kind=SECOND', '/review/history'],
  'admin@demo.school': ['/admin', '/admin/dashboard', '/admin/credentials', '/admin/credentials/new', '/admin/credentials/import', '/admin/tracks', '/admin/tracks/new', '/admin/stacks', '/admin/stacks/new', '/admin/people', '/admin/people/enrol', '/admin/review-quality', '/admin/awards', '/admin/submissions', '/admin/submissions?status=undecided&q=a', '/admin/audit', '/admin/audit?group=awards', '/admin/settings', '/admin/questions', '/admin/questions?status=answered'],
  'leader@demo.school': ['/district', '/district/teachers', '/district/people', '/district/reports', '/district/policy', '/district/audit', '/district/schools', '/district/recommendations', '/district/recommendations?q=assessment', '/district/proposals?status=APPROVED', '/district/proposals?q=a', '/district/people/invite'],
  'platform@demo.school': ['/platform', '/platform/accounts?q=demo', '/platform/audit'],
  'principal@demo.school': ['/school', '/school/teachers', '/school/reports', '/school/recommendations'],
};

for (const [who, paths] of Object.entries(pages)) {
  test(`accessibility of ${who || 'public'} pages`, async ({ page }) => {
    test.setTimeout(180_000);
    if (who) await signIn(page, who);
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(400);
      await expect(page.locator('main')).toBeVisible();
      await expectNoAxeViolations(page);
      await expectReflowAt320(page);
    }
  });
}

test('the scoring screen and calibration pass an accessibility scan', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'reviewer@demo.school');
  await page.goto('/review');
  // The demo reviewer is already calibrated; the page still shows the exemplars to practise on.
  const mcId = await page.locator('#microCredentialId option').nth(1).getAttribute('value');
  await page.goto(`/review/calibration/${mcId}`);
  await expect(page.locator('main')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);
  // A claimed submission's scoring screen.
  await page.goto('/review');
  await page.locator('tbody tr').last().getByRole('button', { name: 'Claim' }).click();
  await expect(page).toHaveURL(/\/review\/[a-z0-9]+$/);
  await expect(page.getByRole('heading', { name: 'Rubric' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);
});

test('an issuer admin’s record pages (a track, a stack, a credential’s calibration samples) pass an accessibility scan', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'admin@demo.school');
  const open = async (list: string, record: RegExp) => {
    await page.goto(list);
    const href = await page.locator('main a[href]').evaluateAll((as, source) => as.map((a) => a.getAttribute('href')!).find((h) => new RegExp(source).test(h)) ?? null, record.source);
    expect(href, list).not.toBeNull();
    await page.goto(href!);
    await expect(page.locator('main')).toBeVisible();
    await expectNoAxeViolations(page);
    await expectReflowAt320(page);
    return href!;
  };
  await open('/admin/tracks', /^\/admin\/tracks\/(?!new$)[^/]+$/);
  await open('/admin/stacks', /^\/admin\/stacks\/(?!new$)[^/]+$/);
  const edit = await open('/admin/credentials', /^\/admin\/credentials\/[^/]+\/edit$/);
  for (const sub of ['/calibration', '/feedback']) {
    await page.goto(edit.replace(/\/edit$/, sub));
    await expect(page.locator('main')).toBeVisible();
    await expectNoAxeViolations(page);
    await expectReflowAt320(page);
  }
});

test('one teacher’s record, as a district leader and as the teacher’s principal, passes an accessibility scan', async ({ page }) => {
  test.setTimeout(60_000);
  for (const [who, list] of [['leader@demo.school', '/district/teachers'], ['principal@demo.school', '/school/teachers']] as const) {
    await signIn(page, who);
    await page.goto(list);
    const href = await page.locator('main a[href^="/district/teachers/"]').first().getAttribute('href');
    expect(href, list).toMatch(/^\/district\/teachers\/[^/]+$/);
    await page.goto(href!);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectReflowAt320(page);
    await page.context().clearCookies();
  }
});

test('an issuer admin opens the evidence and reviews behind a badge, and the page passes an accessibility scan', async ({ page }) => {
  await signIn(page, 'admin@demo.school');
  await page.goto('/admin/awards');
  await page.getByRole('link', { name: /^Evidence and reviews/ }).first().click();
  await expect(page).toHaveURL(/\/admin\/submissions\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('heading', { level: 2, name: /^Attempt \d+$/ }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Evidence' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);
});

test('navigation marks the page you are on, for screen readers and by sight', async ({ page }) => {
  await signIn(page, 'admin@demo.school');
  await page.goto('/admin/people/enrol');
  const admin = page.getByRole('navigation', { name: 'Administration' });
  await expect(admin.getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  await expect(admin.getByRole('link', { name: 'Overview' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
  // After a client-side navigation too.
  await admin.getByRole('link', { name: 'Stacks' }).click();
  await expect(page).toHaveURL(/\/admin\/stacks$/);
  await expect(admin.getByRole('link', { name: 'Stacks' })).toHaveAttribute('aria-current', 'page');
  await expect(admin.getByRole('link', { name: 'People' })).not.toHaveAttribute('aria-current', 'page');
});
