import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, signOut } from './helpers';

// A teacher asks the issuer about a micro-credential before applying; an issuer admin answers it from
// the questions inbox and shares it; a visitor reads it on the public page without the teacher's
// name, and the teacher reads the answer on the credential's questions page. Words unique to the run,
// so a CI retry finds its own question.
const SLUG = 'designing-an-effective-team-agenda';

test('a teacher’s question to the issuer is answered, shared without her name, and read by a visitor', async ({ page }) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36).slice(-6);
  const question = `Can the agenda be one I used with my grade team last spring? (${run})`;
  const answer = `Yes, if you add a note on what you would change now (${run}).`;

  await signIn(page, 'teacher@demo.school');
  await page.goto(`/micro-credentials/${SLUG}`);
  await page.getByRole('link', { name: 'Ask the issuer a question' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/micro-credentials/${SLUG}/questions`));
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: 'Your question' }).fill(question);
  await page.getByRole('button', { name: 'Send my question' }).click();
  await expect(page.getByText(question)).toBeVisible();
  await signOut(page);

  await signIn(page, 'admin@demo.school');
  await page.goto('/admin/questions');
  await expectNoAxeViolations(page);
  const item = page.getByRole('article').filter({ hasText: question });
  // The issuer never sees who asked.
  await expect(item).not.toContainText('Maya');
  await item.getByRole('textbox', { name: 'Your answer' }).fill(answer);
  await item.getByLabel('Also share it on the micro-credential’s public page').check();
  await item.getByRole('button', { name: /^Send answer/ }).click();
  await expect(page).toHaveURL(/\/admin\/questions\/[^/?]+\?done=answered-shared/);
  await expect(page.getByText('Answer sent and shared')).toBeVisible();
  await signOut(page);

  // A visitor: the shared question and answer, with no name.
  await page.goto(`/micro-credentials/${SLUG}`);
  const shared = page.getByRole('region', { name: 'Questions teachers asked' });
  await expect(shared).toContainText(question);
  await expect(shared).toContainText(answer);
  await expect(shared).not.toContainText('Maya');
  await expectNoAxeViolations(page);

  // The teacher reads the answer where she asked.
  await signIn(page, 'teacher@demo.school');
  await page.goto(`/micro-credentials/${SLUG}/questions`);
  await expect(page.getByText(answer).first()).toBeVisible();
});
