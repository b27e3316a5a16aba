import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './helpers';

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

test('an issuer admin builds a micro-credential with a three-criterion rubric, publishes it, and it is in the catalogue', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const title = `Questioning for Discourse ${stamp}`;
  await signIn(page, 'admin@demo.school');
  await expect(page).toHaveURL(/\/admin/);
  await page.goto('/admin/credentials/new');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Issuing organisation').selectOption({ label: 'Digital Promise' });
  await byId(page, 'title').fill(title);
  await byId(page, 'slug').fill(`questioning-for-discourse-${stamp}`);
  await byId(page, 'summary').fill('Plan and ask open questions that get students reasoning with each other.');
  await byId(page, 'competency').fill('The educator uses planned open questions to extend student-to-student discourse.');
  // Write / Preview is a tab list: one tab stop, arrow keys and Home move between the tabs and show their panel.
  const tabs = page.getByRole('tablist', { name: 'Competency: write or preview' });
  await tabs.getByRole('tab', { name: 'Write' }).focus();
  await page.keyboard.press('ArrowRight');
  const preview = tabs.getByRole('tab', { name: 'Preview' });
  await expect(preview).toBeFocused();
  await expect(preview).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Preview' }).first()).toContainText('planned open questions');
  await expect(byId(page, 'competency')).toBeHidden();
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { name: 'Write' })).toBeFocused();
  await expect(byId(page, 'competency')).toBeVisible();
  await byId(page, 'keyMethod').fill('Plan three open questions, ask them, and use wait time and follow-ups so students build on each other.');
  await byId(page, 'topic').fill('Student engagement');
  await byId(page, 'pdHours').fill('6');
  await page.getByLabel('Level (optional)', { exact: true }).selectOption('2');

  // One written part, then a second part for classroom video or a transcript.
  await byId(page, 'parts.0.title').fill('Plan and context');
  await byId(page, 'parts.0.prompt').fill('Describe the class and the three questions you planned.');
  await page.getByRole('button', { name: '+ Add a part' }).click();
  // Focus goes to the new part's title, ready to type.
  await expect(byId(page, 'parts.1.title')).toBeFocused();
  await byId(page, 'parts.1.title').fill('Classroom evidence');
  await byId(page, 'parts.1.prompt').fill('Upload a short video or a transcript of the discussion.');
  await byId(page, 'parts.1.responseType').selectOption('FILES');
  await page.getByRole('checkbox', { name: /Video/ }).last().check();
  await page.getByRole('checkbox', { name: /PDF/ }).last().check();

  // Rubric: three criteria across the four default levels.
  await page.getByRole('button', { name: '+ Add a criterion' }).click();
  await expect(byId(page, 'rubric.criteria.1.title')).toBeFocused();
  await page.getByRole('button', { name: '+ Add a criterion' }).click();
  const criteria = [
    ['Question design', ['No open questions', 'Some open questions', 'Three open questions tied to the goal', 'Questions sequenced to deepen reasoning']],
    ['Student-to-student talk', ['Teacher-led only', 'Brief exchanges', 'Students build on each other', 'Students challenge and extend each other']],
    ['Reflection on discourse', ['Missing', 'Describes the lesson', 'Analyses what worked', 'Plans a clear next step from evidence']],
  ] as const;
  for (const [i, [name, descriptors]] of criteria.entries()) {
    await byId(page, `rubric.criteria.${i}.title`).fill(name);
    for (const [rank, text] of descriptors.entries()) await byId(page, `rubric.criteria.${i}.descriptors.${rank}`).fill(text);
  }
  await byId(page, 'rubric.criteria.1.partIndex').selectOption('1');
  // Scanned from the top: scrolled down, the level names pass under the editor's sticky bar, whose
  // buttons axe's target-size rule then counts as overlapping them (a scroll position, not a layout).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Publish' }).first().click();
  await expect(page.getByText(/Published/).first()).toBeVisible({ timeout: 20_000 });

  // Public: no account needed.
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(`/catalog?q=${encodeURIComponent('questioning discourse')}`);
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const rubric = visitor.getByRole('table', { name: /rubric/i });
  await expect(rubric.getByRole('rowheader')).toHaveCount(3);
  await expect(rubric).toContainText('Students build on each other');
  await expect(visitor.getByText('Every criterion must reach “Demonstrated”', { exact: false })).toBeVisible();
  await visitor.close();

  // An edit is a draft of version 2: previewed as teachers will read it, with what changed, before
  // anyone sees it.
  await expect(page).toHaveURL(/\/admin\/credentials\/[^/]+\/edit/, { timeout: 20_000 });
  const calibration = new URL(page.url()).pathname.replace(/\/edit$/, '/calibration');
  await byId(page, 'summary').fill('Plan and ask open questions that get every student reasoning with their peers.');
  await page.getByRole('button', { name: 'Save draft' }).first().click();
  const previewLink = page.getByRole('link', { name: 'Preview as teachers will see it' });
  await expect(previewLink).toBeVisible({ timeout: 20_000 });
  await previewLink.click();
  await expect(page.getByText('Preview of version 2, a draft')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^Summary$/ })).toBeVisible();
  await expect(page.getByText('get every student reasoning with their peers')).toBeVisible();
  await expect(page.getByRole('table', { name: /rubric/i }).getByRole('rowheader')).toHaveCount(3);
  await expectNoAxeViolations(page);

  // A calibration sample deleted: its item goes, with the button and its message, so the page says
  // so and focus stays in the page, not on <body>.
  await page.goto(calibration);
  await page.getByLabel('Title shown to reviewers').fill('Sample A: grade 7 discussion');
  await page.getByLabel('Answer to “Plan and context”').fill('Three open questions about ratios, planned before the lesson.');
  for (const [name] of criteria) await page.getByLabel(name, { exact: true }).selectOption({ index: 3 });
  await page.getByRole('button', { name: 'Add calibration sample' }).click();
  await expect(page.getByRole('heading', { name: 'Samples (1)' })).toBeVisible();
  await page.locator('summary', { hasText: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Yes, delete the sample' }).click();
  await expect(page.getByRole('heading', { name: 'Samples (0)' })).toBeVisible();
  await expect(page.locator('#page-announcer')).toHaveText('The sample “Sample A: grade 7 discussion” was deleted.');
  await expect(page.locator('main :focus')).toHaveCount(1);
});

test('an issuer admin imports a copy as a draft, then deletes the draft it turned out not to need', async ({ page }) => {
  await signIn(page, 'admin@demo.school');
  await page.goto('/admin/credentials?status=PUBLISHED');
  const editHref = await page.locator('a[href$="/edit"]').first().getAttribute('href');
  const sourceId = editHref!.split('/')[3];
  const definition = await (await page.request.get(`/admin/credentials/${sourceId}/export`)).text();
  const slug = `draft-to-delete-${Math.random().toString(36).slice(2, 7)}`;

  await page.goto('/admin/credentials/import');
  await page.getByLabel('…or paste the JSON').fill(definition);
  await page.getByLabel('Use a different web address (optional)').fill(slug);
  await page.getByRole('button', { name: 'Import as draft' }).click();
  await page.getByRole('link', { name: 'Open it in the editor' }).click();
  await expect(page.getByRole('heading', { name: 'Delete this draft' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Two steps: the first only explains.
  await page.getByText('Delete draft…').click();
  await page.getByRole('button', { name: 'Yes, delete the draft' }).click();
  await expect(page).toHaveURL(/\/admin\/credentials\?deleted=1/);
  await expect(page.getByText('The draft was deleted.')).toBeVisible();
  await page.goto(`/admin/credentials?q=${slug}`);
  await expect(page.locator(`a[href*="${slug}"]`)).toHaveCount(0);
  await expect(page.getByText(slug)).toHaveCount(0);

  // A published credential offers no such thing: it is retired instead.
  await page.goto(editHref!);
  await expect(page.getByRole('heading', { name: 'Delete this draft' })).toHaveCount(0);
});

test('an admin saves a half-written credential, reopens it as it was, and cannot publish it until it is finished', async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, 'admin@demo.school');
  await page.goto('/admin/credentials/new');
  await page.getByLabel('Issuing organisation').selectOption({ label: 'Digital Promise' });
  await byId(page, 'title').fill(`Exit tickets ${stamp}`);
  // The web address follows the title until the admin writes their own.
  await expect(byId(page, 'slug')).toHaveValue(`exit-tickets-${stamp}`);
  await byId(page, 'pdHours').fill('3');
  // "+ Add a level" puts focus on the new level's name, as the other Add buttons do; at six levels
  // it is disabled, and focus is not lost with it.
  const addLevel = page.getByRole('button', { name: '+ Add a level' });
  await addLevel.click();
  await expect(byId(page, 'rubric.levels.4')).toBeFocused();
  await addLevel.click();
  await expect(byId(page, 'rubric.levels.5')).toBeFocused();
  await expect(addLevel).toBeDisabled();
  await byId(page, 'rubric.criteria.0.descriptors.0').fill('No tickets');
  await page.getByRole('button', { name: 'Save draft' }).first().click();

  // Saved on the server although unfinished; the notice says what publishing still needs, and takes focus with a visible ring.
  await expect(page).toHaveURL(/\/admin\/credentials\/[^/]+\/edit/, { timeout: 20_000 });
  // A list, named by its heading (which takes focus and is read out), each problem a link to its field.
  const notice = page.getByRole('list', { name: 'Draft saved. Before you can publish:' });
  await expect(notice.getByRole('link', { name: 'Summary: This field is required.' })).toBeVisible();
  const focused = page.locator(':focus');
  await expect(focused).toContainText('Draft saved');
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await expectNoAxeViolations(page);

  // Reopened, it is exactly what was saved. The arrival drops ?saved=1 from the address once it has
  // run; reloading before that would race the editor's own navigation.
  await expect(page).toHaveURL(/\/admin\/credentials\/[^/?]+\/edit$/);
  await page.reload();
  await expect(byId(page, 'summary')).toHaveValue('');
  await expect(byId(page, 'rubric.criteria.0.descriptors.0')).toHaveValue('No tickets');
  await expect(page.getByText('This draft is not ready to publish yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).first().click();
  await expect(page.getByText(/fields? needs? attention/).first()).toBeVisible();
  await expect(byId(page, 'summary')).toHaveAttribute('aria-invalid', 'true');
});
