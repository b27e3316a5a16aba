import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, signOut, uniqueEmail } from './helpers';

test('a district teacher sends a proposal; the leader returns it, then approves the revision; reports open', async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('ines');
  // A new teacher in a district that asks for proposals.
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Ines Moreau');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('District (optional)').selectOption({ label: 'Kettle Moraine School District' });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await page.goto('/micro-credentials/project-based-learning-driving-questions');
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await page.getByRole('link', { name: 'Write a proposal' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('How will this study serve your students’ learning goals?').fill('My grade 6 science students will plan their own investigations around a driving question about local water quality.');
  await page.getByRole('button', { name: 'Send to my district' }).click();
  await expect(page.getByText('Sent to your district leader')).toBeVisible();
  await signOut(page);

  // The leader returns it with a comment.
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/proposals');
  await expectNoAxeViolations(page);
  const card = page.getByRole('article').filter({ hasText: 'Ines Moreau' });
  await card.getByLabel('Comment to the teacher').fill('Please say how you will know students learned more.');
  await card.getByRole('button', { name: 'Return with comment' }).click();
  // Decided proposals leave the waiting list.
  await expect(page.getByRole('article').filter({ hasText: 'Ines Moreau' })).toHaveCount(0);
  await page.goto('/district/proposals?status=RETURNED');
  await expect(page.getByRole('article').filter({ hasText: 'Ines Moreau' })).toContainText('Please say how you will know students learned more.');
  await signOut(page);

  // The teacher sees why, revises and resends.
  await signIn(page, email, 'a long enough password');
  await page.goto('/micro-credentials/project-based-learning-driving-questions/proposal');
  await expect(page.getByText('Please say how you will know students learned more.')).toBeVisible();
  await page.getByLabel('How will this study serve your students’ learning goals?').fill('My grade 6 science students will plan investigations around a driving question about local water quality; I will compare their final reports with last year’s on the same rubric.');
  await page.getByRole('button', { name: 'Send to my district' }).click();
  await expect(page.getByText('Sent to your district leader')).toBeVisible();
  await signOut(page);

  await signIn(page, 'leader@demo.school');
  await page.goto('/district/proposals');
  await page.getByRole('article').filter({ hasText: 'Ines Moreau' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Ines Moreau' })).toHaveCount(0);
  await page.goto('/district/proposals?status=APPROVED');
  await expect(page.getByRole('article').filter({ hasText: 'Ines Moreau' })).toBeVisible();
  await page.goto('/district/reports');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, email, 'a long enough password');
  await page.goto('/notifications');
  await expect(page.getByText(/proposal .* was approved/)).toBeVisible();
});
