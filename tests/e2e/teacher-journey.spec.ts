import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { SAMPLE_PDF, SAMPLE_PNG, confirmOwnEmail, signOut, uniqueEmail } from './helpers';

test('a teacher browses, signs up, enrols, writes, uploads, and submits', async ({ page }) => {
  test.setTimeout(120_000);
  // Browse without an account.
  await page.goto('/catalog');
  await expectNoAxeViolations(page);
  await page.getByRole('searchbox', { name: 'Search' }).fill('assessment cycle');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=assessment\+cycle/);
  await page.getByRole('link', { name: 'The Assessment Cycle' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'The Assessment Cycle' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How reviewers score it' })).toBeVisible();
  await expect(page.getByRole('table', { name: /rubric/i })).toBeVisible();
  await expectNoAxeViolations(page);

  // Sign up and land back on the credential chosen, to enrol.
  await page.getByRole('link', { name: 'Create a free account to enrol' }).click();
  await page.getByLabel('Your name').fill('Kofi Mensah');
  await page.getByLabel('Email').fill(uniqueEmail('kofi'));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/micro-credentials\/the-assessment-cycle$/);
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await expect(page.getByRole('link', { name: 'Start your application' })).toBeVisible();
  await page.getByRole('link', { name: 'Start your application' }).click();
  await page.getByRole('button', { name: 'Start my application' }).click();
  // The button gives way to the application: a notice says so, and keyboard focus lands on it.
  await expect(page).toHaveURL(/\?started=1$/);
  await expect(page.locator(':focus')).toContainText('Your application is started');

  // Write answers: they save themselves, with a live word count.
  const context = page.getByRole('textbox', { name: 'Answer for Overview and context' });
  await context.fill('I teach grade 8 mathematics to 27 students in a mixed-ability class at a public middle school.');
  await expect(page.getByText(/Saved at/).first()).toBeVisible();
  await expect(page.getByText('17 words of 350')).toBeVisible();
  const mapping = page.getByRole('textbox', { name: 'Answer for Mapping the cycle' });
  await mapping.fill('Learning goal: solve linear equations. Evidence: exit tickets. Feedback: next-day mini lessons. Adjustment: regrouping.');
  await page.getByRole('textbox', { name: 'Answer for Reflection' }).fill('Students used the feedback to correct their own errors before the quiz.');
  await expect(page.getByText(/Saved at/).nth(2)).toBeVisible();

  // Nothing is lost on reload.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Answer for Overview and context' })).toHaveValue(/grade 8 mathematics/);

  // Upload a PDF and an image, with a progress bar for each.
  const input = page.getByLabel('Add files to “Mapping the cycle”');
  const progress = page.waitForSelector('[role=progressbar][aria-label="Upload of cycle-map.pdf"]', { state: 'attached' });
  await input.setInputFiles({ name: 'cycle-map.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await progress;
  await expect(page.getByText('cycle-map.pdf', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download cycle-map.pdf' })).toBeVisible();
  const progress2 = page.waitForSelector('[role=progressbar][aria-label="Upload of exit-tickets.png"]', { state: 'attached' });
  await input.setInputFiles({ name: 'exit-tickets.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
  await progress2;
  await expect(page.getByRole('img', { name: 'Preview of exit-tickets.png' })).toBeVisible();

  // A renamed file is refused with a clear message.
  await input.setInputFiles({ name: 'not-really.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is a program') });
  await expect(page.getByRole('list', { name: 'Uploads in progress' }).getByText(/does not look like a pdf file inside/)).toBeVisible();
  // The reason is read out once, as an error (the alert region), not politely as well.
  await expect(page.getByRole('alert').filter({ hasText: 'not-really.pdf was not uploaded: That file does not look like a pdf file inside.' })).toHaveCount(1);
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'not-really.pdf was not uploaded' })).toHaveCount(0);
  // A type the part does not take is refused in the browser: never started, never said to be uploading.
  await input.setInputFiles({ name: 'lesson.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await expect(page.getByRole('alert').filter({ hasText: /Not added: lesson\.exe — this part does not take that type of file/ })).toHaveCount(1);
  await expect(page.getByText(/Uploading lesson\.exe/)).toHaveCount(0);
  await expect(page.locator('[role=progressbar][aria-label="Upload of lesson.exe"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove not-really.pdf' }).click();
  // Removing a stored file asks first; Escape keeps it and puts focus back on Remove.
  await page.getByRole('button', { name: 'Remove exit-tickets.png' }).press('Enter');
  // The question opens on its safe answer.
  await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Remove exit-tickets.png?' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove exit-tickets.png' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove exit-tickets.png' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('img', { name: 'Preview of exit-tickets.png' })).toBeVisible();
  // Then it goes, is read out, and focus lands on the part's files heading (no file after it).
  await page.getByRole('button', { name: 'Remove exit-tickets.png' }).click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.getByRole('img', { name: 'Preview of exit-tickets.png' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Files for Mapping the cycle' })).toBeFocused();
  await expect(page.locator('#page-announcer')).toHaveText('exit-tickets.png removed.');

  // Storage unreachable during an upload: a clear error, the answers kept, and Retry works.
  const toStorage = (url: URL) => url.searchParams.has('X-Amz-Signature');
  await page.route(toStorage, (route) => route.fulfill({ status: 503, headers: { 'access-control-allow-origin': '*' }, body: 'Service Unavailable' }));
  await input.setInputFiles({ name: 'lesson-plan.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  // The uploader tries again a few times, backing off, before it says so (about 15 s at most).
  await expect(page.getByRole('list', { name: 'Uploads in progress' }).getByText(/Your answers are saved; press Retry/)).toBeVisible({ timeout: 30_000 });
  await page.unroute(toStorage);
  // Retry from the keyboard: focus moves to the row's Cancel while the upload runs again (held here).
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(toStorage, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Retry lesson-plan.pdf' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Cancel the upload of lesson-plan.pdf' })).toBeFocused();
  release();
  await expect(page.getByRole('link', { name: 'Download lesson-plan.pdf' })).toBeVisible();
  await page.unroute(toStorage);
  // Removing a file with another after it: focus moves to that file's Remove.
  await page.reload();
  // The Remove button is drawn by the server; a key press before the page has hydrated does nothing,
  // so press again until the question opens (it needs the page's script, as a teacher's would).
  await expect(async () => {
    await page.getByRole('button', { name: 'Remove cycle-map.pdf' }).press('Enter');
    await expect(page.getByRole('button', { name: 'Yes, remove it' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Yes, remove it' }).press('Enter');
  await expect(page.getByRole('link', { name: 'Download cycle-map.pdf' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove lesson-plan.pdf' })).toBeFocused();
  await expect(page.locator('#page-announcer')).toHaveText('cycle-map.pdf removed.');
  // Cancel from the keyboard while an upload is under way: its row goes and focus returns to the file picker.
  await page.route(toStorage, () => undefined);
  await input.setInputFiles({ name: 'second-thoughts.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await page.getByRole('button', { name: 'Cancel the upload of second-thoughts.pdf' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Cancel the upload of second-thoughts.pdf' })).toHaveCount(0);
  await expect(input).toBeFocused();
  await page.unroute(toStorage);
  // An upload that finishes while its Cancel has focus: its row goes, and focus returns to the file picker.
  let finish: () => void = () => undefined;
  const finishing = new Promise<void>((resolve) => (finish = resolve));
  await page.route(toStorage, async (route) => {
    await finishing;
    await route.continue();
  });
  await input.setInputFiles({ name: 'unit-plan.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await page.getByRole('button', { name: 'Cancel the upload of unit-plan.pdf' }).focus();
  finish();
  await expect(page.getByRole('link', { name: 'Download unit-plan.pdf' })).toBeVisible();
  await expect(input).toBeFocused();
  await page.unroute(toStorage);
  // The file that fills the part (three at most) disables the picker it was chosen with: focus goes
  // to the part's uploads, not to the page.
  await input.setInputFiles({ name: 'feedback-example.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await expect(page.getByRole('group', { name: 'Uploads for “Mapping the cycle”' })).toBeFocused();
  await expect(input).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Download feedback-example.pdf' })).toBeVisible();
  // Nothing of it is left on the server, not even a stopped upload (which Submit would name).
  await page.reload();
  await expect(page.getByText('second-thoughts.pdf')).toHaveCount(0);

  // A new account confirms its address before its work goes to review: the emailed link.
  await expect(page.getByText('Confirm your email address before you submit (below). Your work is saved.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeDisabled();
  await expectNoAxeViolations(page);
  const application = page.url();
  await confirmOwnEmail(page);
  await expectNoAxeViolations(page);
  await page.goto(application);

  // Submit: one click, one submission.
  await page.getByRole('checkbox', { name: /This evidence is from my own teaching/ }).check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page).toHaveURL(/submitted=1/);
  await expect(page.getByText('Submitted: waiting for review')).toBeVisible();
  await expect(page.getByText(/Your evidence is with the reviewers/)).toBeVisible();
  await expect(page.locator(':focus')).toContainText('Your evidence is with the reviewers');
  await expect(page.getByRole('textbox', { name: 'Answer for Overview and context' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Sent too soon: taken back before any reviewer opened it, the answers are all still there, the
  // statement is confirmed again, and it goes back to the reviewers.
  await page.getByRole('button', { name: 'Take it back to edit' }).click();
  await expect(page.getByText('Your attempt is back with you as a draft')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Answer for Overview and context' })).toHaveValue(/grade 8 mathematics/);
  await expect(page.getByText('Submitted: waiting for review')).toHaveCount(0);
  const statement = page.getByRole('checkbox', { name: /This evidence is from my own teaching/ });
  await expect(statement).not.toBeChecked();
  await expectNoAxeViolations(page);
  await statement.check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted: waiting for review')).toBeVisible();

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: /Submitted/ })).toBeVisible();
  await expect(page.getByText(/Decision expected by/)).toBeVisible();

  // On a shared school computer, signing out leaves none of this teacher's unsent text behind: a
  // copy that never reached the server (the connection dropped as the tab closed), and one kept
  // before copies shared a prefix. Another site's key on the same origin stays.
  await page.evaluate(() => {
    localStorage.setItem('microcred:draft:unsent-attempt:unsent-part', JSON.stringify({ text: 'A paragraph that never reached the server.', baseRevision: 1 }));
    localStorage.setItem('draft:unsent-attempt:unsent-part', 'A paragraph kept before the upgrade.');
    localStorage.setItem('another-tool:theme', 'dark');
  });
  await signOut(page);
  const keysLeft = await page.evaluate(() => Object.keys(localStorage));
  expect(keysLeft.filter((key) => key.startsWith('microcred:'))).toEqual([]);
  expect(keysLeft).not.toContain('draft:unsent-attempt:unsent-part');
  expect(keysLeft).toContain('another-tool:theme');
});
