// "What I teach" on the account page, against Postgres through the real action and page: a teacher
// ticks subjects and grade bands from the catalogue's own lists, all but "All subjects" (which
// matches every teacher who ticks any subject, so it is not theirs to tick); values the form does
// not offer (a hand-made request) are refused with nothing saved; a value saved earlier that the
// form no longer offers stays, shown so it can be removed; only the signed-in person's own row
// changes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { decodeEntities, textJoined, textOf } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { invalidateCatalogFacets } from '@/lib/catalog/queries';
import { retireMicroCredential } from '@/lib/authoring/mutations';

const { revalidated } = vi.hoisted(() => ({ revalidated: [] as string[] }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { setTeachingAction } = await import('@/app/account/actions');
const { default: AccountPage } = await import('@/app/account/page');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
  session.actor = null;
  revalidated.length = 0;
});

/** A form as the browser posts the checkbox groups: one entry per ticked box. */
const ticked = (fields: { subjects?: string[]; gradeBands?: string[] }) => {
  const fd = new FormData();
  for (const s of fields.subjects ?? []) fd.append('subjects', s);
  for (const g of fields.gradeBands ?? []) fd.append('gradeBands', g);
  return fd;
};
const save = (as: Actor | null, fd: FormData) => {
  session.actor = as;
  return setTeachingAction({ ok: true }, fd);
};
const stored = async (u: Actor) => {
  const row = await db.user.findUniqueOrThrow({ where: { id: u.id }, select: { teachesSubjects: true, teachesGradeBands: true } });
  return { subjects: row.teachesSubjects, gradeBands: row.teachesGradeBands };
};
const accountHtml = async (as: Actor) => {
  session.actor = as;
  return renderToStaticMarkup(await AccountPage());
};
/** The section's markup: from its heading to the end of its form. */
const sectionOf = (html: string) => {
  const at = html.indexOf('id="teaching"');
  expect(at).toBeGreaterThan(-1);
  return html.slice(at, html.indexOf('</form>', at));
};
/** A group's boxes as [value, label, checked], in order. */
const boxesOf = (html: string, name: string) =>
  [...html.matchAll(/<input ([^>]*)\/><label for="([^"]+)">(.*?)<\/label>/g)]
    .filter((m) => m[1].includes(`name="${name}"`) && m[1].includes(`id="${m[2]}"`) && m[1].includes('type="checkbox"'))
    .map((m) => [decodeEntities(/value="([^"]*)"/.exec(m[1])![1]), textJoined(m[3]), m[1].includes('checked=""')]);

/** Three published credentials: Mathematics 6-8, Science 9-12, All subjects K-5 and 6-8. */
async function catalogue() {
  const first = await createPublishedCredential({ def: { title: 'Fraction Talks', subjects: ['Mathematics'], gradeBands: ['6-8'] } });
  const lab = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: 'Lab Notebooks', subjects: ['Science'], gradeBands: ['9-12'] } });
  await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: 'Exit Tickets', subjects: ['All subjects'], gradeBands: ['K-5', '6-8'] } });
  invalidateCatalogFacets();
  return { admin: first.admin, lab: lab.mc };
}

describe('saving what I teach', () => {
  it('keeps the subjects and grade bands ticked, in the catalogue’s order, and says what it will do with them', async () => {
    await catalogue();
    const teacher = await createActor({ name: 'Maya Teacher' });
    const colleague = await createActor({ name: 'Kofi Mensah' });
    await db.user.update({ where: { id: colleague.id }, data: { teachesSubjects: ['Science'], teachesGradeBands: ['9-12'] } });

    const result = await save(teacher, ticked({ subjects: ['Science', 'Mathematics', 'Science'], gradeBands: ['6-8'] }));
    expect(result).toEqual({
      ok: true,
      message: 'Saved: Mathematics and Science, grades 6-8. Your dashboard suggests micro-credentials that match, and the catalogue’s “Matches what I teach” shows them all.',
    });
    expect(await stored(teacher)).toEqual({ subjects: ['Mathematics', 'Science'], gradeBands: ['6-8'] });
    // Pages that read it are read afresh.
    expect(revalidated).toEqual(expect.arrayContaining(['/account', '/dashboard', '/catalog']));
    // Nobody else's row changes.
    expect(await stored(colleague)).toEqual({ subjects: ['Science'], gradeBands: ['9-12'] });

    // Nothing ticked: nothing said, and said so.
    expect(await save(teacher, ticked({}))).toEqual({ ok: true, message: 'Saved. You have not said what you teach, so nothing is suggested for it.' });
    expect(await stored(teacher)).toEqual({ subjects: [], gradeBands: [] });
    expect(await stored(colleague)).toEqual({ subjects: ['Science'], gradeBands: ['9-12'] });
  });

  it('refuses values the catalogue does not offer, or that are not text, saving nothing and naming the group', async () => {
    await catalogue();
    const teacher = await createActor();
    await save(teacher, ticked({ subjects: ['Mathematics'], gradeBands: ['6-8'] }));

    const unknown = await save(teacher, ticked({ subjects: ['Mathematics', 'Underwater basket weaving'], gradeBands: ['6-8'] }));
    expect(unknown).toEqual({
      ok: false,
      formError: 'Nothing was saved. Choose only from the lists.',
      fieldErrors: { subjects: ['Choose subjects from the list: one you chose is not in the catalogue. The list below is up to date.'] },
    });
    const badBand = await save(teacher, ticked({ subjects: ['Science'], gradeBands: ['13-14'] }));
    expect(badBand.ok ? null : badBand.fieldErrors).toEqual({ gradeBands: ['Choose grade bands from the list: one you chose is not in the catalogue. The list below is up to date.'] });

    const file = new FormData();
    file.append('subjects', new File(['x'], 'x.txt'));
    expect(await save(teacher, file)).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors: { subjects: ['Choose subjects from the list.'] } });
    const flood = ticked({ gradeBands: Array.from({ length: 11 }, (_, i) => `band ${i}`) });
    expect(await save(teacher, flood)).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors: { gradeBands: ['Choose at most 10 grade bands: the ones you teach.'] } });
    // A value offered under another field is not one of this field's.
    const swapped = await save(teacher, ticked({ subjects: ['6-8'] }));
    expect(swapped.ok ? null : Object.keys(swapped.fieldErrors ?? {})).toEqual(['subjects']);

    expect(await stored(teacher)).toEqual({ subjects: ['Mathematics'], gradeBands: ['6-8'] });
  });

  it('refuses a signed-out request', async () => {
    await catalogue();
    expect(await save(null, ticked({ subjects: ['Mathematics'] }))).toEqual({ ok: false, formError: 'Your session has ended. Sign in again to continue.' });
    expect(await db.user.count({ where: { NOT: { teachesSubjects: { isEmpty: true } } } })).toBe(0);
  });

  it('keeps a saved value the catalogue no longer offers until the teacher unticks it', async () => {
    const { admin, lab } = await catalogue();
    const teacher = await createActor();
    await save(teacher, ticked({ subjects: ['Science', 'Mathematics'], gradeBands: ['9-12'] }));
    // The only Science credential (and the only 9-12 one) is retired.
    await retireMicroCredential({ actor: admin, microCredentialId: lab.id });
    invalidateCatalogFacets();

    // Saving the page as shown keeps it…
    expect((await save(teacher, ticked({ subjects: ['Mathematics', 'Science'], gradeBands: ['9-12'] }))).ok).toBe(true);
    expect(await stored(teacher)).toEqual({ subjects: ['Mathematics', 'Science'], gradeBands: ['9-12'] });
    // …where it is shown, ticked, marked, so it can be removed.
    const section = sectionOf(await accountHtml(teacher));
    expect(boxesOf(section, 'subjects')).toEqual([
      ['Mathematics', 'Mathematics', true],
      ['Science', 'Science (no longer in the catalogue)', true],
    ]);
    expect(boxesOf(section, 'gradeBands')).toEqual([
      ['6-8', 'Grades 6-8', false],
      ['K-5', 'Grades K-5', false],
      ['9-12', 'Grades 9-12 (no longer in the catalogue)', true],
    ]);
    expect(decodeEntities(section)).toContain('One marked “no longer in the catalogue” matches nothing now: untick it to remove it.');

    // Unticked, it is gone, and cannot be added back: the catalogue does not offer it.
    await save(teacher, ticked({ subjects: ['Mathematics'] }));
    expect(await stored(teacher)).toEqual({ subjects: ['Mathematics'], gradeBands: [] });
    expect((await save(teacher, ticked({ subjects: ['Science'] }))).ok).toBe(false);
    expect(boxesOf(sectionOf(await accountHtml(teacher)), 'subjects').map(([v]) => v)).toEqual(['Mathematics']);
  });

  it('does not offer “All subjects”, and refuses it from a hand-made request, saving nothing', async () => {
    await catalogue();
    const teacher = await createActor();
    await save(teacher, ticked({ subjects: ['Mathematics'], gradeBands: ['6-8'] }));
    expect(boxesOf(sectionOf(await accountHtml(teacher)), 'subjects').map(([v]) => v)).toEqual(['Mathematics', 'Science']);

    const sent = await save(teacher, ticked({ subjects: ['Mathematics', 'All subjects'], gradeBands: ['6-8'] }));
    expect(sent).toEqual({
      ok: false,
      formError: 'Nothing was saved. Choose only from the lists.',
      fieldErrors: { subjects: ['Choose subjects from the list: one you chose is not in the catalogue. The list below is up to date.'] },
    });
    expect(await stored(teacher)).toEqual({ subjects: ['Mathematics'], gradeBands: ['6-8'] });
  });

  it('shows “All subjects” saved before it stopped being offered as one to untick, keeps it until then, and not after', async () => {
    await catalogue();
    const teacher = await createActor();
    await db.user.update({ where: { id: teacher.id }, data: { teachesSubjects: ['All subjects', 'Science'], teachesGradeBands: ['6-8'] } });

    // Listed after the catalogue's, ticked, and marked as no longer needed.
    const section = sectionOf(await accountHtml(teacher));
    expect(boxesOf(section, 'subjects')).toEqual([
      ['Mathematics', 'Mathematics', false],
      ['Science', 'Science', true],
      ['All subjects', 'All subjects (no longer needed: micro-credentials for all subjects are always included)', true],
    ]);
    // It still matches, so the page does not say it matches nothing.
    expect(decodeEntities(section)).not.toContain('matches nothing now');

    // Saving the page as shown keeps it…
    expect((await save(teacher, ticked({ subjects: ['Science', 'All subjects'], gradeBands: ['6-8'] }))).ok).toBe(true);
    expect(await stored(teacher)).toEqual({ subjects: ['Science', 'All subjects'], gradeBands: ['6-8'] });
    // …unticked, it is gone for good.
    expect((await save(teacher, ticked({ subjects: ['Science'], gradeBands: ['6-8'] }))).ok).toBe(true);
    expect(await stored(teacher)).toEqual({ subjects: ['Science'], gradeBands: ['6-8'] });
    expect((await save(teacher, ticked({ subjects: ['Science', 'All subjects'], gradeBands: ['6-8'] }))).ok).toBe(false);
    expect(boxesOf(sectionOf(await accountHtml(teacher)), 'subjects')).toEqual([['Mathematics', 'Mathematics', false], ['Science', 'Science', true]]);
  });
});

describe('the account page’s “What I teach”', () => {
  it('groups the catalogue’s subjects and grade bands in fieldsets with legends, ticked as saved, and says what it is for and who sees it', async () => {
    await catalogue();
    const teacher = await createActor();
    await db.user.update({ where: { id: teacher.id }, data: { teachesSubjects: ['Mathematics'], teachesGradeBands: ['6-8'] } });
    const section = sectionOf(await accountHtml(teacher));
    expect(section).toMatch(/^id="teaching"[^>]*>What I teach<\/h2>/);
    expect(section).toContain('<fieldset class="mb-4" aria-describedby="subjects-hint"><legend class="text-sm font-semibold text-slate-900">Subjects</legend>');
    expect(section).toContain('<fieldset class="mb-4" aria-describedby="gradeBands-hint"><legend class="text-sm font-semibold text-slate-900">Grades</legend>');
    // "All subjects" (Exit Tickets) is not a box: it matches every teacher who ticks a subject.
    expect(boxesOf(section, 'subjects')).toEqual([['Mathematics', 'Mathematics', true], ['Science', 'Science', false]]);
    expect(boxesOf(section, 'gradeBands')).toEqual([['6-8', 'Grades 6-8', true], ['9-12', 'Grades 9-12', false], ['K-5', 'Grades K-5', false]]);
    const text = textOf(section);
    expect(text).toContain('we suggest micro-credentials made for them: on your dashboard, and with “Matches what I teach” in the catalogue.');
    expect(text).toContain('Only you see this. It is not on your portfolio or your badges, and reviewers and your district do not see it.');
    expect(section).toContain('>Save what I teach</button>');
  });

  it('with nothing in the catalogue, says there is nothing to choose yet, without a form to send', async () => {
    const teacher = await createActor();
    const section = sectionOf(await accountHtml(teacher));
    expect(section).toContain('The catalogue lists no subjects or grades yet, so there is nothing to choose from.');
    expect(section).not.toContain('<fieldset');
    expect(section).not.toContain('<button');
  });
});
