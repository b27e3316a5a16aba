import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectReflowAt320 } from './axe';
import { signIn } from './helpers';

// A principal (ADR 016) follows her own school: the demo's principal leads Kettle Moraine Middle
// School, where Maya Okafor teaches. Read only, her school only, and no /district page.
test('a principal signs in, sees her school’s overview, teachers and reports, and downloads a CSV', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'principal@demo.school');
  // A school leader lands on her school.
  await expect(page).toHaveURL(/\/school$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kettle Moraine Middle School' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'School' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'District' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);

  await page.getByRole('navigation', { name: 'School' }).getByRole('link', { name: 'Teachers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Teachers' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /^Maya Okafor/ })).toBeVisible();
  // Read only: nothing to move or remove.
  await expect(page.getByText('Remove from the district')).toHaveCount(0);
  const disclosure = page.locator('summary', { hasText: 'for Maya Okafor' });
  await expect(disclosure.getByText('Show details')).toBeVisible();
  await expect(disclosure.getByText('Hide details')).toBeHidden();
  await disclosure.click();
  await expect(disclosure.getByText('Hide details')).toBeVisible();
  await expect(disclosure.getByText('Show details')).toBeHidden();
  await expect(page.getByRole('heading', { name: /^Earned/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);

  await page.getByRole('navigation', { name: 'School' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'PD hours per teacher' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download CSV \((all \d+ teachers|1 teacher)\)/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pd-hours_kettle-moraine-middle-school_/);
  const csv = await page.request.get((await page.getByRole('link', { name: /^Download CSV \((all \d+ teachers|1 teacher)\)/ }).getAttribute('href'))!);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text).toContain('Maya Okafor,teacher@demo.school,Kettle Moraine Middle School');
  // Another district's teachers (Riverside's) are never in it.
  expect(text).not.toContain('riverside.example');

  await page.getByRole('navigation', { name: 'School' }).getByRole('link', { name: 'Recommendations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recommendations' })).toBeVisible();
  await expect(page.getByText('For Kettle Moraine Middle School')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);

  // The district's pages are not hers.
  await page.goto('/district');
  await expect(page).toHaveURL(/\/forbidden/);
  const res = await page.request.get('/district/reports/export?report=pd-hours');
  expect(res.status()).toBe(403);
});
