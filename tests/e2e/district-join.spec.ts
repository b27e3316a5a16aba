import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { confirmOwnEmail, signIn, signOut, signUpTeacher, uniqueEmail } from './helpers';

test('a teacher asks to join her district at sign-up; a district leader confirms her at a school', async ({ page }) => {
  const email = uniqueEmail('noor');
  await signUpTeacher(page, { name: 'Noor Haddad', email, district: 'Kettle Moraine School District' });

  // Not counted yet: her account page says the district still has to confirm her.
  await page.goto('/account');
  await expect(page.getByText('Not linked to a district.')).toBeVisible();
  await expect(page.getByText(/You asked to join Kettle Moraine School District/)).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // Until she confirms her email address, the leader cannot tell the account is hers.
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/people');
  await expect(page.getByRole('listitem').filter({ hasText: email }).getByText('Can be confirmed once they confirm their email address')).toBeVisible();
  await signOut(page);
  await signIn(page, email, 'a long enough password');
  await confirmOwnEmail(page);
  await signOut(page);

  await signIn(page, 'leader@demo.school');
  await page.goto('/district');
  // The overview counts requests and links to them.
  await page.locator('dt', { hasText: 'Requests to join' }).locator('..').getByRole('link').click();
  await expect(page.getByRole('heading', { name: /Requests to join \(\d+\)/ })).toBeVisible();
  const request = page.getByRole('listitem').filter({ hasText: email });
  await expect(request.getByText('Email confirmed')).toBeVisible();
  await expectNoAxeViolations(page);
  await request.getByLabel('School for Noor Haddad').selectOption({ index: 1 });
  await request.getByRole('button', { name: 'Confirm Noor Haddad' }).click();
  await expect(page.getByText('Confirmed. The teacher is now listed under Teachers')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);
  await page.goto('/district/teachers');
  await expect(page.getByText(email)).toBeVisible();
  await signOut(page);

  await signIn(page, email, 'a long enough password');
  await page.goto('/account');
  await expect(page.getByText(/District: Kettle Moraine School District/)).toBeVisible();
  await expect(page.getByText(/You asked to join/)).toHaveCount(0);
});
