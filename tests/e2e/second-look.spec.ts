import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, signOut } from './helpers';

const TEACHER = 'sam.patel@riverside.example';

test('a teacher asks about a returned decision; the issuer admin asks for a second look; an independent reviewer passes it and the teacher earns the badge', async ({ page }) => {
  test.setTimeout(180_000);

  // The reviewer returns Sam Patel's submission for revision, every criterion below the standard.
  await signIn(page, 'reviewer@demo.school');
  await page.goto('/review');
  await page.locator('tbody tr', { hasText: 'Sam Patel' }).first().getByRole('button', { name: 'Claim' }).click();
  await expect(page).toHaveURL(/\/review\/[a-z0-9]+$/);
  const groups = page.locator('fieldset[id^="level-"]');
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
  // The question and its thread stay on the page while the second look is under way.
  await expect(page.getByText('Part 2 has my notes from three team meetings')).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // The first reviewer cannot take it; the second demo reviewer finds it under "Second look".
  await signIn(page, 'reviewer@demo.school');
  await page.goto('/review?kind=SECOND_LOOK');
  await expect(page.locator('tbody tr', { hasText: 'Stages of Team Building' })).toHaveCount(0);
  await signOut(page);
  await signIn(page, 'reviewer2@demo.school');
  await page.goto('/review');
  await page.getByRole('link', { name: 'Second look' }).first().click();
  await expect(page).toHaveURL(/kind=SECOND_LOOK/);
  const row = page.locator('tbody tr', { hasText: 'Stages of Team Building' }).first();
  await expect(row).toContainText('Second look');
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: /^Claim second look/ }).click();
  await expect(page).toHaveURL(/\/review\/[a-z0-9]+$/);
  // The set-aside review is not shown to the new reviewer, nor the admin's reason.
  await expect(page.getByText('The stages are named but not shown in your own team yet.')).toHaveCount(0);
  await expect(page.getByText('The meeting notes in part 2 show each stage')).toHaveCount(0);
  const looks = page.locator('fieldset[id^="level-"]');
  for (let i = 0; i < (await looks.count()); i++) await looks.nth(i).getByRole('radio').last().check();
  // A second look's decision is final, and its button says so.
  await page.getByRole('button', { name: 'Award the credential' }).click();
  await expect(page.getByText(/Scores submitted: meets the standard|You submitted this review: meets the standard/)).toBeVisible();
  await signOut(page);

  // The independent decision is final: Sam has the badge.
  await signIn(page, TEACHER);
  await expect.poll(async () => {
    await page.goto('/badges');
    return page.getByRole('link', { name: 'Stages of Team Building' }).count();
  }, { timeout: 20_000 }).toBeGreaterThan(0);
});
