import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, signOut } from './helpers';

const TEACHER = 'sam.patel@riverside.example';

test('a teacher asks about a returned decision; the issuer admin asks for a second look; the teacher waits for it instead of revising', async ({ page }) => {
  test.setTimeout(180_000);

  // The reviewer returns Sam Patel's submission for revision, every criterion below the standard.
  await signIn(page, 'reviewer@demo.school');
  await page.goto('/review');
  await page.locator('tbody tr', { hasText: 'Sam Patel' }).first().getByRole('button', { name: 'Claim' }).click();
  await expect(page).toHaveURL(/\/review\/[a-z0-9]+$/);
  const groups = page.locator('fieldset');
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await groups.nth(i).getByRole('radio').first().check();
    await groups.nth(i).getByRole('textbox').fill('Say what the team did at each stage, with one example from a meeting.');
  }
  await page.getByLabel('Overall comment to the teacher').fill('The stages are named but not shown in your own team yet.');
  await page.getByRole('button', { name: 'Submit: needs revision' }).click();
  await expect(page.getByText(/Scores submitted: needs revision|You submitted this review: needs revision/)).toBeVisible();
  await signOut(page);

  // Sam thinks the reviewer missed his meeting notes and asks the issuer.
  await signIn(page, TEACHER);
  await page.goto('/dashboard');
  await page.getByRole('link', { name: 'Read feedback and revise →' }).click();
  await page.getByText('Ask about this feedback').click();
  await page.getByLabel('Your question').fill('Part 2 has my notes from three team meetings, one per stage. Did the reviewer see them?');
  await page.getByRole('button', { name: /^Send my question/ }).click();
  await expect(page.getByText(/question (was )?sent|sent your question/i).first()).toBeVisible();
  const applyUrl = page.url();
  await signOut(page);

  // The admin opens the question from their home page and asks for a second look, with a reason.
  await signIn(page, 'admin@demo.school');
  await page.goto('/admin');
  await page.getByRole('link', { name: /open the oldest question/ }).click();
  await expect(page).toHaveURL(/\/admin\/submissions\/[A-Za-z0-9_-]+/);
  const reason = page.getByLabel('Why attempt 1 needs a second look');
  await expect(reason).toBeVisible();
  await expectNoAxeViolations(page);
  // A reason is required, on the server too.
  await reason.evaluate((el) => el.removeAttribute('required'));
  await page.getByRole('button', { name: 'Ask for a second look' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await reason.fill('The meeting notes in part 2 show each stage; the review does not mention them.');
  await page.getByRole('button', { name: 'Ask for a second look' }).click();
  await expect(page.getByText(/Asked for by/)).toBeVisible();
  await expect(page.getByText('The meeting notes in part 2 show each stage; the review does not mention them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask for a second look' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await signOut(page);

  // Sam is told, and waits for the independent decision instead of revising.
  await signIn(page, TEACHER);
  await page.goto(applyUrl);
  await expect(page.getByText(/A second look was asked for on/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Start revision/ })).toHaveCount(0);
  // The admin's reason stays with the issuer.
  await expect(page.getByText('The meeting notes in part 2 show each stage')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
