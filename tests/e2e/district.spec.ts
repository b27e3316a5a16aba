import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { confirmOwnEmail, signIn, signOut, signUpTeacher, uniqueEmail, linkFromOutbox } from './helpers';

test('a district teacher sends a proposal; the leader returns it, then approves the revision; reports open', async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('ines');
  // A name of this run's own: a retry (CI retries once, on the same database) finds only its teacher.
  const name = `Ines Moreau ${Date.now().toString(36).slice(-5)}`;
  // A new teacher in a district that asks for proposals.
  await signUpTeacher(page, { name, email, district: 'Kettle Moraine School District' });
  await confirmOwnEmail(page);
  await signOut(page);

  // Choosing the district asked to join it; a leader confirms her (tests/e2e/district-join.spec.ts).
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/people');
  await page.getByRole('listitem').filter({ hasText: email }).getByRole('button', { name: `Confirm ${name}` }).click();
  await expect(page.getByText('Confirmed. The teacher is now listed under Teachers')).toBeVisible();
  await signOut(page);
  await signIn(page, email, 'a long enough password');

  await page.goto('/micro-credentials/project-based-learning-driving-questions');
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await page.getByRole('link', { name: 'Write a proposal' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('How will this study serve your students’ learning goals?').fill('My grade 6 science students will plan their own investigations around a driving question about local water quality.');
  await page.getByRole('button', { name: 'Send to my district' }).click();
  await expect(page.getByText('Waiting for a decision from Kettle Moraine School District')).toBeVisible();
  await expect(page.locator(':focus')).toContainText('Sent to your district.');
  await signOut(page);

  // The leader returns it with a comment.
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/proposals');
  await expectNoAxeViolations(page);
  const card = page.getByRole('article').filter({ hasText: name });
  await card.getByLabel(`Comment to ${name}`).fill('Please say how you will know students learned more.');
  await card.getByRole('button', { name: 'Return with comment' }).click();
  // Decided proposals leave the waiting list.
  await expect(page.getByRole('article').filter({ hasText: name })).toHaveCount(0);
  await page.goto('/district/proposals?status=RETURNED');
  await expect(page.getByRole('article').filter({ hasText: name })).toContainText('Please say how you will know students learned more.');
  await signOut(page);

  // The teacher sees why, revises and resends.
  await signIn(page, email, 'a long enough password');
  await page.goto('/micro-credentials/project-based-learning-driving-questions/proposal');
  await expect(page.getByText('Please say how you will know students learned more.')).toBeVisible();
  await page.getByLabel('How will this study serve your students’ learning goals?').fill('My grade 6 science students will plan investigations around a driving question about local water quality; I will compare their final reports with last year’s on the same rubric.');
  await page.getByRole('button', { name: 'Send to my district' }).click();
  await expect(page.getByText('Waiting for a decision from Kettle Moraine School District')).toBeVisible();
  await expect(page.locator(':focus')).toContainText('Sent to your district.');
  await signOut(page);

  await signIn(page, 'leader@demo.school');
  await page.goto('/district/proposals');
  await page.getByRole('article').filter({ hasText: name }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('article').filter({ hasText: name })).toHaveCount(0);
  await page.goto('/district/proposals?status=APPROVED');
  await expect(page.getByRole('article').filter({ hasText: name })).toBeVisible();
  await page.goto('/district/reports');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, email, 'a long enough password');
  await page.goto('/notifications');
  await expect(page.getByText(/proposal .* was approved/)).toBeVisible();
  // Marking everything read takes the button away: the notice that says so takes focus.
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page).toHaveURL(/\/notifications\?marked=1$/);
  await expect(page.locator(':focus')).toContainText('Your notifications are marked as read.');
});

test('a district leader invites a teacher to a school, moves them to another school, then unlinks them when they leave', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail('omar');
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/people');
  await expectNoAxeViolations(page);
  await expect(page.getByRole('heading', { name: 'District leaders' })).toBeVisible();
  // "Invite someone" (the page also has a form that invites a school leader, with its own Email).
  const invite = page.locator('form').filter({ has: page.getByLabel('Invite to') });
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Invite to').selectOption({ label: 'Cushing Elementary School' });
  await invite.getByLabel('Role').selectOption({ label: 'Teacher' });
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation emailed to ${email}.`)).toBeVisible();
  // The link went to the teacher's inbox only: the leader never sees it.
  await expect(page.locator('code').filter({ hasText: '/invitations/' })).toHaveCount(0);
  await expect(page.getByText(`${email} · Teacher · Cushing Elementary School`)).toBeVisible();

  // The demo outbox stands in for the teacher's inbox (it shows every message to a platform admin).
  const outbox = await (await browser.newContext()).newPage();
  await signIn(outbox, 'platform@demo.school');
  const link = await linkFromOutbox(outbox, [email, '/invitations/'], /\/invitations\/[A-Za-z0-9_-]+/);
  await outbox.context().close();

  // The teacher accepts in their own browser and is placed at the school.
  const other = await browser.newContext();
  const teacher = await other.newPage();
  await teacher.goto(link);
  await teacher.getByLabel('Your name').fill('Omar Haddad');
  await teacher.getByLabel('Choose a password').fill('a long enough password');
  await teacher.getByRole('button', { name: 'Accept and create my account' }).click();
  await expect(teacher).not.toHaveURL(/\/invitations\//);
  await other.close();

  await page.goto(`/district/teachers?q=${encodeURIComponent(email)}`);
  const row = page.getByRole('listitem').filter({ hasText: 'Omar Haddad' });
  await expect(row).toContainText('Cushing Elementary School');
  await row.locator('summary').first().click();
  await row.getByLabel('School').selectOption({ label: 'Kettle Moraine High School' });
  await row.getByRole('button', { name: /^Save/ }).click();
  await expect(row.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: 'Omar Haddad' })).toContainText('Kettle Moraine High School');

  const again = page.getByRole('listitem').filter({ hasText: 'Omar Haddad' });
  await again.locator('summary').first().click();
  await again.getByText('Remove from the district…').click();
  await expectNoAxeViolations(page);
  await again.getByRole('button', { name: 'Remove Omar Haddad from Kettle Moraine School District' }).click();
  await expect(page.getByText('No teacher matches that search')).toBeVisible();
  // The row went with its message: the page's own live region says what happened.
  await expect(page.locator('#page-announcer')).toHaveText('Omar Haddad was removed from Kettle Moraine School District.');
});

test('a district leader decides that only badges valid on the day count toward salary steps', async ({ page }) => {
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/policy');
  const expired = page.getByLabel(/Badges past their end date still count/);
  // The demo default counts them; a retry after a failure part-way may find it switched off.
  if (!(await expired.isChecked())) {
    await expired.check();
    await page.getByRole('button', { name: /Save/ }).click();
    await expect(page.getByText('Saved. Reports now use these steps.')).toBeVisible();
    await page.reload();
  }
  await expect(expired).toBeChecked();
  await expired.uncheck();
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByText('Saved. Reports now use these steps.')).toBeVisible();
  await page.goto('/district/reports');
  await expect(page.getByText(/Only badges valid on that day count \(your policy\)/)).toBeVisible();
  // Back as it was, for the other tests.
  await page.goto('/district/policy');
  await expect(page.getByLabel(/Badges past their end date still count/)).not.toBeChecked();
  await page.getByLabel(/Badges past their end date still count/).check();
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByText('Saved. Reports now use these steps.')).toBeVisible();
});

test('a district leader invites staff from a pasted list: checked first, then invited in one step, and a second send invites nobody twice', async ({ page }) => {
  const ana = uniqueEmail('ana');
  const ben = uniqueEmail('ben');
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/people');
  await page.getByRole('link', { name: 'Invite from a file' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const list = page.getByLabel('…or paste the list');
  // A school the district does not have is a row to fix: nobody is invited.
  await list.fill(`email,name,school\n${ana},Ana Díaz,Cushing Elementary School\n${ben},Ben Ode,Nowhere Academy`);
  await page.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByRole('heading', { name: 'Rows to fix' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Invite / })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await list.fill(`email,name,school\n${ana},Ana Díaz,Cushing Elementary School\n${ben},Ben Ode,`);
  await page.getByRole('button', { name: 'Check the list again' }).click();
  const rows = page.getByRole('table');
  await expect(rows.getByRole('row').filter({ hasText: ana })).toContainText('Cushing Elementary School');
  await expect(rows.getByRole('row').filter({ hasText: ben })).toContainText('District-wide');
  await page.getByRole('button', { name: 'Invite 2 teachers' }).click();
  await expect(page.getByText(/Invited 2 teachers; the emails are on their way/)).toBeVisible();
  await page.getByRole('link', { name: 'See the open invitations on the People page' }).click();
  await expect(page.getByText(`${ana} · Teacher · Cushing Elementary School`)).toBeVisible();

  // The same list again: both already have an open invitation, so nobody is invited twice.
  await page.goto('/district/people/invite');
  await page.getByLabel('…or paste the list').fill(`email,name,school\n${ana},Ana Díaz,Cushing Elementary School\n${ben},Ben Ode,`);
  await page.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: ana })).toContainText(/already/i);
  await expect(page.getByRole('button', { name: /^Invite / })).toHaveCount(0);
});

test('a district leader counts only approved issuers toward salary steps, and teachers are told on the credential page', async ({ page, browser }) => {
  await signIn(page, 'leader@demo.school');
  await page.goto('/district/policy');
  // Each part of the policy is a heading to jump to, as well as the name of its group of choices.
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual(expect.arrayContaining(['Salary steps', 'Licence renewal']));
  await page.getByLabel('Only issuers your district approves').check();
  // None chosen: refused, nothing saved.
  const approved = page.getByRole('group', { name: 'Approved issuers' });
  for (const box of await approved.getByRole('checkbox').all()) await box.uncheck();
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByText(/Choose at least one issuer whose badges count/).first()).toBeVisible();
  await approved.getByRole('checkbox', { name: /Principals’ Training Center|Principals' Training Center/ }).check();
  // The same lists count toward licence renewal too (ADR 024).
  await page.getByRole('group', { name: 'Licence renewal' }).getByLabel(/^Only credentials from issuers and micro-credentials/).check();
  // One micro-credential from an issuer not approved as a whole, found by search (Enter searches, it does not save) and added.
  const single = page.getByRole('group', { name: 'Single micro-credentials that also count' });
  await single.getByLabel('Find a published micro-credential by title').fill('mindset');
  await single.getByLabel('Find a published micro-credential by title').press('Enter');
  await expect(single.getByRole('status').filter({ hasText: /match/ })).toBeVisible();
  await single.getByRole('button', { name: /^Add .*Growth Mindset/ }).click();
  await expect(single.getByRole('button', { name: /^Remove .*Growth Mindset.*from the list/ })).toBeFocused();
  await expect(single.getByRole('list', { name: /Approved on their own/ })).toContainText('Growth Mindset: Praising the Process');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /Save/ }).press('Enter');
  await expect(page.getByText('Saved. Reports now use these steps.')).toBeVisible();
  // Disabled while it saved, the button has focus again after (not the start of the page).
  await expect(page.getByRole('button', { name: /Save/ })).toBeFocused();
  await page.goto('/district/reports');
  await expect(page.getByText(/approved/i).first()).toBeVisible();
  await expect(page.getByText(/Also counted, approved on its own/).first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Approved by the district' })).toBeVisible();

  // A teacher of the district reads whether an issuer's badges count, on its credential page.
  const other = await browser.newContext();
  const teacher = await other.newPage();
  await signIn(teacher, 'teacher@demo.school');
  await teacher.goto('/micro-credentials/designing-an-effective-team-agenda');
  await expect(teacher.locator('[data-salary-issuer-note]')).toBeVisible();
  // The one approved on its own counts, and its page says so.
  await teacher.goto('/micro-credentials/growth-mindset-praising-the-process');
  await expect(teacher.locator('[data-salary-issuer-note]')).toContainText('your district has approved this micro-credential');
  await other.close();

  // Back as it was, for the other tests.
  await page.goto('/district/policy');
  await page.getByRole('button', { name: /^Remove .*Growth Mindset/ }).click();
  await expect(page.getByRole('group', { name: 'Single micro-credentials that also count' }).getByText('None yet.')).toBeVisible();
  await page.getByLabel('Every issuer on the platform').check();
  await page.getByLabel('Every credential teachers earn').check();
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByText('Saved. Reports now use these steps.')).toBeVisible();
});
