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

  // Leaving, and withdrawing a request, take their button away: the outcome takes focus instead.
  await page.getByText('Leave Kettle Moraine School District').click();
  await page.getByRole('button', { name: 'Yes, leave the district' }).click();
  await expect(page.locator(':focus')).toContainText('You left the district.');
  await expect(page.getByText('Not linked to a district.')).toBeVisible();
  await page.getByLabel('Ask to join a district').selectOption({ label: 'Kettle Moraine School District' });
  await page.getByRole('button', { name: 'Ask to join' }).click();
  await page.getByRole('button', { name: 'Withdraw the request' }).click();
  await expect(page.locator(':focus')).toContainText('Request withdrawn.');
  await expect(page.getByRole('button', { name: 'Withdraw the request' })).toHaveCount(0);
});

test('a district leader decides several requests at once, by keyboard: who was confirmed and who was skipped is read out', async ({ page }) => {
  const ines = uniqueEmail('ines');
  const tomas = uniqueEmail('tomas');
  await signUpTeacher(page, { name: 'Ines Duarte', email: ines, district: 'Kettle Moraine School District' });
  await confirmOwnEmail(page);
  await signOut(page);
  // Tomas never confirms his address, so he cannot be confirmed yet.
  await signUpTeacher(page, { name: 'Tomas Berg', email: tomas, district: 'Kettle Moraine School District' });
  await signOut(page);

  await signIn(page, 'leader@demo.school');
  await page.goto('/district/people');
  const bulk = page.getByRole('group', { name: 'Decide several at once' });
  const all = bulk.getByRole('checkbox', { name: 'Select all' });
  // "Select all" ticks every row and says how many; pressing Space again clears them.
  await all.focus();
  await page.keyboard.press('Space');
  const rows = page.locator('input[type="checkbox"][name="userIds"]');
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(2);
  await expect(bulk.getByText(`(${total} of ${total} selected)`)).toBeVisible();
  await page.keyboard.press('Space');
  await expect(bulk.getByText(`(0 of ${total} selected)`)).toBeVisible();

  await page.getByRole('checkbox', { name: 'Select Ines Duarte' }).check();
  await page.getByRole('checkbox', { name: 'Select Tomas Berg' }).check();
  await expect(bulk.getByText(`(2 of ${total} selected)`)).toBeVisible();
  await expect(all).toHaveJSProperty('indeterminate', total > 2);
  await bulk.getByLabel('School for those confirmed').selectOption({ index: 1 });
  await bulk.getByRole('button', { name: 'Confirm selected' }).press('Enter');

  // The answer takes focus: one confirmed, one skipped with the reason.
  const outcome = page.locator('[aria-live="polite"]').filter({ hasText: 'Confirmed 1 teacher.' });
  await expect(outcome).toBeFocused();
  await expect(outcome.getByRole('listitem').filter({ hasText: 'Ines Duarte' })).toBeVisible();
  await expect(outcome.getByText('Tomas Berg: has not confirmed their email address yet')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: ines })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: tomas })).toHaveCount(1);
  await expectNoAxeViolations(page);

  // Declining needs no confirmed address: Tomas's request goes (with one request left, from its own row).
  await page.getByRole('listitem').filter({ hasText: tomas }).getByRole('button', { name: 'Decline Tomas Berg' }).click();
  await expect(page.getByText('Declined. The teacher has been told')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: tomas })).toHaveCount(0);
  await page.goto('/district/teachers');
  await expect(page.getByText(ines)).toBeVisible();
});
