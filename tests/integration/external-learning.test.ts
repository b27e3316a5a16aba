// Other professional learning (/badges/other-learning, lib/external-learning): a teacher records
// workshops, conferences and courses done elsewhere, and adds, changes and deletes their own entries
// only. Every field is checked on the server (a real day not in the teacher's own future, hours in
// half-hour-or-finer steps within bounds, https links only); the same form sent twice adds one entry;
// an account keeps at most 500. Real Postgres, real actions and pages; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import pg from 'pg';
import { resetDatabase } from '../setup/db';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { liveRegionsAround } from '../setup/live-regions';
import { decodeEntities, textOf } from '../setup/html';
import { createActor, createEarnedAward, createPublishedCredential } from '../factories';
import { dayAfter, dayLabel, utcDay } from '@/lib/dates';
import {
  dayIn, ENTRY_NOT_FOUND, ENTRY_OUT_OF_DATE, EXTERNAL_LEARNING_MAX_ENTRIES, externalLearningFields, latestCompletedOn,
} from '@/lib/external-learning/schemas';
import { addExternalLearning, deleteExternalLearning, editExternalLearning, ENTRIES_FULL } from '@/lib/external-learning/mutations';
import { EXTERNAL_LEARNING_PAGE_SIZE, getOwnExternalLearningTotals, listOwnExternalLearning } from '@/lib/external-learning/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { addExternalLearningAction, editExternalLearningAction, deleteExternalLearningAction } = await import('@/app/badges/other-learning/actions');
const { default: OtherLearningPage } = await import('@/app/badges/other-learning/page');
const { default: BadgesPage } = await import('@/app/badges/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const as = <T,>(actor: Actor | null, run: () => Promise<T>) => {
  session.actor = actor;
  return run();
};
const TODAY = '2026-11-24';
const fieldsFor = (today = TODAY) => externalLearningFields(today);
/** A valid entry as the form posts it, with `over` changed. */
const posted = (over: Record<string, string> = {}) => ({ title: 'Wisconsin Reading Summit', provider: 'Wisconsin DPI', completedOn: '2026-03-14', pdHours: '6', url: '', note: '', ...over });
const parsed = (over: Record<string, string> = {}, today = TODAY) => fieldsFor(today).parse(posted(over));
/** The messages zod gives each field for `over`. */
const errorsFor = (over: Record<string, string>, today = TODAY) => {
  const r = fieldsFor(today).safeParse(posted(over));
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[String(i.path[0])] ??= []).push(i.message);
  return out;
};

async function teachers() {
  const ann = await createActor({ name: 'Ann Avery', email: 'ann@school.test' });
  const bo = await createActor({ name: 'Bo Brown', email: 'bo@school.test' });
  return { ann, bo };
}

describe('a teacher’s own list', () => {
  it('adds, lists newest first, changes and deletes their own entries, with the total of their hours', async () => {
    const { ann, bo } = await teachers();
    const summit = (await addExternalLearning({ actor: ann, input: parsed() })).entry;
    const course = (await addExternalLearning({ actor: ann, input: parsed({ title: 'EDU 620: Assessment for Learning', provider: 'UW–Madison', completedOn: '2025-12-10', pdHours: '45', url: 'https://registrar.wisc.edu/transcript/123', note: 'Graduate credit, 3 credits.' }) })).entry;
    const latest = (await addExternalLearning({ actor: ann, input: parsed({ title: 'Math Circle', provider: 'Local network', completedOn: '2026-10-01', pdHours: '1.5' }) })).entry;
    await addExternalLearning({ actor: bo, input: parsed({ title: 'Bo’s workshop', pdHours: '99' }) });

    const list = await listOwnExternalLearning({ actor: ann });
    expect(list.items.map((e) => e.title)).toEqual(['Math Circle', 'Wisconsin Reading Summit', 'EDU 620: Assessment for Learning']);
    expect(list.items[2]).toMatchObject({ provider: 'UW–Madison', completedOn: new Date('2025-12-10T00:00:00Z'), pdHours: 45, url: 'https://registrar.wisc.edu/transcript/123', note: 'Graduate credit, 3 credits.' });
    expect(await getOwnExternalLearningTotals({ actor: ann })).toEqual({ entries: 3, hours: 52.5 });
    expect(await getOwnExternalLearningTotals({ actor: bo })).toEqual({ entries: 1, hours: 99 });

    const changed = await editExternalLearning({ actor: ann, id: summit.id, seenAt: summit.updatedAt, input: parsed({ pdHours: '6.5', note: 'Keynote and two sessions.' }), now: new Date(summit.updatedAt.getTime() + 1000) });
    expect(changed).toMatchObject({ pdHours: 6.5, note: 'Keynote and two sessions.' });
    await deleteExternalLearning({ actor: ann, id: latest.id });
    expect((await listOwnExternalLearning({ actor: ann })).items.map((e) => e.id)).toEqual([summit.id, course.id]);
    expect(await getOwnExternalLearningTotals({ actor: ann })).toEqual({ entries: 2, hours: 51.5 });
  });

  it('never lets one teacher read, change or delete another’s entry: it reads as not found, and nothing changes', async () => {
    const { ann, bo } = await teachers();
    const entry = (await addExternalLearning({ actor: ann, input: parsed() })).entry;
    expect((await listOwnExternalLearning({ actor: bo })).items).toEqual([]);
    const edit = await errorOf(editExternalLearning({ actor: bo, id: entry.id, seenAt: entry.updatedAt, input: parsed({ title: 'Taken over' }) }));
    expect(edit.code).toBe('NOT_FOUND');
    expect(edit.message).toBe(ENTRY_NOT_FOUND);
    expect((await errorOf(deleteExternalLearning({ actor: bo, id: entry.id }))).code).toBe('NOT_FOUND');
    // Through the actions too: the id in the form does not matter, the signed-in teacher does.
    const viaEdit = await as(bo, () => editExternalLearningAction({ ok: true }, form({ ...posted({ title: 'Taken over' }), id: entry.id, seenAt: entry.updatedAt.toISOString() })));
    expect(viaEdit).toEqual({ ok: false, formError: ENTRY_NOT_FOUND });
    const viaDelete = await as(bo, () => deleteExternalLearningAction({ ok: true }, form({ id: entry.id })));
    expect(viaDelete).toEqual({ ok: false, formError: ENTRY_NOT_FOUND });
    expect(await db.externalLearning.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ userId: ann.id, title: 'Wisconsin Reading Summit' });
    // An id that is no entry's shape never reaches the database.
    expect(await as(ann, () => deleteExternalLearningAction({ ok: true }, form({ id: "x' OR 1=1 --" })))).toEqual({ ok: false, formError: ENTRY_NOT_FOUND });
    expect(await as(ann, () => editExternalLearningAction({ ok: true }, form({ ...posted(), id: '', seenAt: entry.updatedAt.toISOString() })))).toEqual({ ok: false, formError: ENTRY_NOT_FOUND });
  });

  it('is read a page at a time, newest first, and a tampered cursor starts from the first page', async () => {
    const { ann } = await teachers();
    const n = EXTERNAL_LEARNING_PAGE_SIZE + 3;
    await db.externalLearning.createMany({
      data: Array.from({ length: n }, (_, i) => ({ userId: ann.id, title: `Session ${i}`, provider: 'Network', completedOn: new Date(Date.UTC(2025, 0, 1 + (i % 10))), pdHours: new Prisma.Decimal(1) })),
    });
    const first = await listOwnExternalLearning({ actor: ann });
    expect(first.items).toHaveLength(EXTERNAL_LEARNING_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listOwnExternalLearning({ actor: ann, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(3);
    expect(second.continued).toBe(true);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((e) => e.id)).size).toBe(n);
    // Newest first across the pages.
    const days = all.map((e) => e.completedOn.getTime());
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    const bad = await listOwnExternalLearning({ actor: ann, cursor: Buffer.from(JSON.stringify({ d: '2025-02-30', id: 'x' })).toString('base64url') });
    expect(bad.continued).toBe(false);
  });
});

describe('what an entry may hold', () => {
  it('a real calendar day, not in the future and not before 2000', () => {
    expect(parsed({ completedOn: TODAY }).completedOn).toEqual(new Date(`${TODAY}T00:00:00Z`));
    expect(errorsFor({ completedOn: '2026-11-25' }).completedOn).toEqual(['That date is in the future. Enter the day you completed it: today (24 Nov 2026) or earlier.']);
    expect(errorsFor({ completedOn: '2026-02-30' }).completedOn).toEqual(['That is not a real date. Enter it as year-month-day, like 2026-03-14.']);
    expect(errorsFor({ completedOn: '14/03/2026' }).completedOn).toEqual(['That is not a real date. Enter it as year-month-day, like 2026-03-14.']);
    expect(errorsFor({ completedOn: '1999-12-31' }).completedOn).toEqual(['Enter a date on or after 1 Jan 2000.']);
    expect(errorsFor({ completedOn: '' }).completedOn).toEqual(['Enter the day you completed it, like 2026-03-14.']);
  });

  it('“today” is the teacher’s own: their time zone, or the latest day anywhere when it is not known', async () => {
    const evening = new Date('2026-03-14T20:00:00Z');
    expect(latestCompletedOn('Pacific/Auckland', evening)).toBe('2026-03-15');
    expect(latestCompletedOn('America/Chicago', evening)).toBe('2026-03-14');
    expect(latestCompletedOn(null, evening)).toBe('2026-03-15');
    expect(latestCompletedOn('', new Date('2026-03-14T05:00:00Z'))).toBe('2026-03-14');
    expect(latestCompletedOn('Not/AZone', evening)).toBe('2026-03-15');

    // The action takes the zone of whoever is signed in. Kiritimati (UTC+14) is always a day or two
    // ahead of Pago Pago (UTC−11): its today is the future for a teacher in Pago Pago.
    const { ann } = await teachers();
    const aheadToday = dayIn(new Date(), 'Pacific/Kiritimati')!;
    const behind = { ...ann, timeZone: 'Pacific/Pago_Pago' };
    const refused = await as(behind, () => addExternalLearningAction({ ok: true }, form(posted({ completedOn: aheadToday }))));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors?.completedOn?.[0]).toMatch(/^That date is in the future\./);
    const ahead = { ...ann, timeZone: 'Pacific/Kiritimati' };
    expect((await as(ahead, () => addExternalLearningAction({ ok: true }, form(posted({ completedOn: aheadToday }))))).ok).toBe(true);
    const tomorrow = dayLabel(dayAfter(utcDay(aheadToday)!));
    expect((await as(ahead, () => addExternalLearningAction({ ok: true }, form(posted({ completedOn: tomorrow }))))).ok).toBe(false);
  });

  it('PD hours from 0.5 to 1,000, to one decimal', () => {
    for (const ok of ['0.5', '1', '7.5', '1000', ' 12.3 ', '7,5']) expect(errorsFor({ pdHours: ok }).pdHours, ok).toBeUndefined();
    expect(parsed({ pdHours: '7,5' }).pdHours).toBe(7.5);
    expect(errorsFor({ pdHours: '0.4' }).pdHours).toEqual(['Enter at least 0.5 PD hours.']);
    expect(errorsFor({ pdHours: '0' }).pdHours).toEqual(['Enter at least 0.5 PD hours.']);
    expect(errorsFor({ pdHours: '-3' }).pdHours).toEqual(['Enter at least 0.5 PD hours.']);
    expect(errorsFor({ pdHours: '1000.5' }).pdHours).toEqual(['Enter at most 1,000 PD hours.']);
    expect(errorsFor({ pdHours: '1.25' }).pdHours).toEqual(['Use at most one decimal place, like 7.5.']);
    expect(errorsFor({ pdHours: 'six' }).pdHours).toEqual(['Enter the PD hours as a number from 0.5 to 1,000, like 3 or 7.5.']);
    expect(errorsFor({ pdHours: '' }).pdHours).toEqual(['Enter the PD hours as a number from 0.5 to 1,000, like 3 or 7.5.']);
    expect(errorsFor({ pdHours: 'Infinity' }).pdHours).toEqual(['Enter the PD hours as a number from 0.5 to 1,000, like 3 or 7.5.']);
  });

  it('a link only as a full https:// address, stored as the browser reads it', () => {
    expect(parsed({ url: ' https://example.org/cert?id=7 ' }).url).toBe('https://example.org/cert?id=7');
    expect(parsed({ url: 'HTTPS://Example.ORG' }).url).toBe('https://example.org/');
    expect(parsed({ url: '' }).url).toBeNull();
    const rule = ['Enter a full web address starting with https://, like https://example.org/certificate.'];
    for (const bad of ['http://example.org/cert', 'javascript:alert(1)', 'example.org/cert', '//example.org', 'https://', 'https://exa mple.org', 'data:text/html,hi', 'ftp://example.org']) {
      expect(errorsFor({ url: bad }).url, bad).toEqual(rule);
    }
    expect(errorsFor({ url: `https://example.org/${'a'.repeat(2000)}` }).url).toEqual(['Use at most 2,000 characters.']);
  });

  it('a title and a provider on one line, a note of up to 2,000 characters', () => {
    expect(parsed({ title: '  Reading\nSummit\t2026 ', provider: ' DPI ' })).toMatchObject({ title: 'Reading Summit 2026', provider: 'DPI' });
    expect(errorsFor({ title: '   ' }).title).toEqual(['Enter the title of the workshop, conference or course.']);
    expect(errorsFor({ provider: '' }).provider).toEqual(['Enter who provided it: an organisation, a university or a conference.']);
    expect(errorsFor({ title: 'x'.repeat(201) }).title).toEqual(['Use at most 200 characters.']);
    expect(errorsFor({ title: '\u0000' }).title).toEqual(['Enter the title of the workshop, conference or course.']);
    // Line breaks count once, as the browser's counter counts them (a form posts each as CR LF).
    expect(parsed({ note: `${'a'.repeat(999)}\r\n${'b'.repeat(1000)}` }).note).toHaveLength(2000);
    expect(errorsFor({ note: 'n'.repeat(2001) }).note).toEqual(['Use at most 2,000 characters.']);
    expect(parsed({ note: '   ' }).note).toBeNull();
  });

  it('the action answers a bad form with a message at each field, keeps nothing, and never fails with a server error', async () => {
    const { ann } = await teachers();
    const r = await as(ann, () => addExternalLearningAction({ ok: true }, form(posted({ title: '', completedOn: '2999-01-01', pdHours: '0', url: 'http://x.org' }))));
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.fieldErrors ?? {}).sort()).toEqual(['completedOn', 'pdHours', 'title', 'url']);
    // A hand-made request with no fields at all, or an array for a field.
    const empty = await as(ann, () => addExternalLearningAction({ ok: true }, new FormData()));
    expect(!empty.ok && Object.keys(empty.fieldErrors ?? {}).sort()).toEqual(['completedOn', 'pdHours', 'provider', 'title']);
    const twice = new FormData();
    for (const [k, v] of Object.entries(posted())) twice.append(k, v);
    twice.append('title', 'again');
    expect((await as(ann, () => addExternalLearningAction({ ok: true }, twice))).ok).toBe(false);
    expect(await db.externalLearning.count()).toBe(0);
    // Signed out.
    expect(await as(null, () => addExternalLearningAction({ ok: true }, form(posted())))).toEqual({ ok: false, formError: 'Your session has ended. Sign in again to continue.' });
  });
});

describe('the same form sent twice', () => {
  it('adds one entry, and says so; the same entry later, or a different one at once, is kept', async () => {
    const { ann } = await teachers();
    const now = new Date('2026-11-24T10:00:00Z');
    const first = await addExternalLearning({ actor: ann, input: parsed(), now });
    const again = await addExternalLearning({ actor: ann, input: parsed(), now: new Date(now.getTime() + 30_000) });
    expect(first.created).toBe(true);
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(await db.externalLearning.count({ where: { userId: ann.id } })).toBe(1);
    // Two at once (two clicks, two tabs): the first request is caught in flight, holding the
    // teacher's lock with its entry not yet committed; the second waits for it, then sees its entry.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`external-learning:${ann.id}`]);
      await other.query(
        `INSERT INTO "ExternalLearning" ("id", "userId", "title", "provider", "completedOn", "pdHours", "createdAt", "updatedAt") VALUES ('raced-first', $1, 'Raced', 'Wisconsin DPI', '2026-03-14', 6, $2, $2)`,
        [ann.id, now],
      );
      const second = watch(addExternalLearning({ actor: ann, input: parsed({ title: 'Raced' }), now }));
      await untilWaitingOnLocksOr(1, () => (second.settled ? 1 : 0), 'the second request never waited for the first');
      await other.query('COMMIT');
      const answer = await second.outcome;
      expect(answer.ok && answer.value).toMatchObject({ created: false, entry: { id: 'raced-first' } });
    } finally {
      await other.end();
    }
    expect(await db.externalLearning.count({ where: { userId: ann.id, title: 'Raced' } })).toBe(1);
    // Another entry at once, and the same one more than a minute later (a workshop that ran twice): kept.
    expect((await addExternalLearning({ actor: ann, input: parsed({ pdHours: '3' }), now })).created).toBe(true);
    expect((await addExternalLearning({ actor: ann, input: parsed(), now: new Date(now.getTime() + 61_000) })).created).toBe(true);
    expect(await db.externalLearning.count({ where: { userId: ann.id } })).toBe(4);
  });

  it('through the action: the second answer says it was already added', async () => {
    const { ann } = await teachers();
    const first = await as(ann, () => addExternalLearningAction({ ok: true }, form(posted())));
    const second = await as(ann, () => addExternalLearningAction({ ok: true }, form(posted())));
    expect(first).toMatchObject({ ok: true, message: 'Added: “Wisconsin Reading Summit” (Wisconsin DPI), completed 14 Mar 2026, 6 PD hours.' });
    expect(second).toMatchObject({ ok: true, message: 'Already added a moment ago, so it is on your list once: “Wisconsin Reading Summit” (Wisconsin DPI), completed 14 Mar 2026, 6 PD hours.' });
    expect(first.ok && second.ok && first.data?.id === second.data?.id).toBe(true);
    expect(await db.externalLearning.count()).toBe(1);
  });

  it('an edit saved twice is saved once; an edit over a newer save from another tab is refused', async () => {
    const { ann } = await teachers();
    const entry = (await addExternalLearning({ actor: ann, input: parsed() })).entry;
    const seenAt = entry.updatedAt;
    const later = new Date(seenAt.getTime() + 5000);
    await editExternalLearning({ actor: ann, id: entry.id, seenAt, input: parsed({ pdHours: '7' }), now: later });
    // The same change again (a double click): already saved.
    expect(await editExternalLearning({ actor: ann, id: entry.id, seenAt, input: parsed({ pdHours: '7' }), now: new Date(later.getTime() + 1) })).toMatchObject({ pdHours: 7 });
    // Another change from a tab opened before the save: refused, the newer save kept.
    const stale = await errorOf(editExternalLearning({ actor: ann, id: entry.id, seenAt, input: parsed({ pdHours: '2' }) }));
    expect(stale).toMatchObject({ code: 'CONFLICT', message: ENTRY_OUT_OF_DATE });
    expect(Number((await db.externalLearning.findUniqueOrThrow({ where: { id: entry.id } })).pdHours)).toBe(7);
    const viaAction = await as(ann, () => editExternalLearningAction({ ok: true }, form({ ...posted({ pdHours: '2' }), id: entry.id, seenAt: seenAt.toISOString() })));
    expect(viaAction).toEqual({ ok: false, formError: ENTRY_OUT_OF_DATE });
    expect(await as(ann, () => editExternalLearningAction({ ok: true }, form({ ...posted(), id: entry.id, seenAt: 'yesterday' })))).toEqual({ ok: false, formError: ENTRY_OUT_OF_DATE });
  });
});

describe('saving an edit', () => {
  const page = (actor: Actor, query: Record<string, string>) => as(actor, async () => renderToStaticMarkup(await OtherLearningPage({ searchParams: Promise.resolve(query) })));
  /** Where the action sent the teacher, as the page reads it. */
  const queryOf = (href: string) => Object.fromEntries(new URL(href, 'http://x').searchParams);
  const edit = (actor: Actor, entry: { id: string; updatedAt: Date }, over: Record<string, string>) =>
    redirectOf(as(actor, () => editExternalLearningAction({ ok: true }, form({ ...posted(over), id: entry.id, seenAt: entry.updatedAt.toISOString() }))));

  it('shows the list again with the outcome at its top, naming the entry, where focus lands, with a link to the entry', async () => {
    const { ann } = await teachers();
    const summit = (await addExternalLearning({ actor: ann, input: parsed() })).entry;
    await addExternalLearning({ actor: ann, input: parsed({ title: 'Math Circle', completedOn: '2026-10-01', pdHours: '1.5' }) });
    const href = await edit(ann, summit, { title: 'Reading Summit', completedOn: '2026-11-01', pdHours: '6.5' });
    expect(href).toBe(`/badges/other-learning?saved=${summit.id}`);
    expect(await db.externalLearning.findUniqueOrThrow({ where: { id: summit.id } })).toMatchObject({ title: 'Reading Summit', completedOn: new Date('2026-11-01T00:00:00Z') });

    const html = await page(ann, queryOf(href));
    const said = 'Saved: “Reading Summit” (Wisconsin DPI), completed 1 Nov 2026, 6.5 PD hours.';
    expect(textOf(html)).toContain(`${said} Go to it in your list`);
    // In an ArrivalNotice (focused when it mounts) around one status region, and before the list.
    expect(html).toMatch(new RegExp(`<div tabindex="-1"[^>]*><div role="status"[^>]*><div>${said.replace(/[.()]/g, '\\$&')}`));
    expect(liveRegionsAround(html, said)).toHaveLength(1);
    expect(html.indexOf(said)).toBeLessThan(html.indexOf('Your entries'));
    // The link goes to the entry's heading, which can take focus; now first, as most recently completed.
    expect(html).toContain(`<a href="#entry-${summit.id}">Go to it in your list</a>`);
    expect(html).toMatch(new RegExp(`<h3 id="entry-${summit.id}" tabindex="-1"[^>]*>Reading Summit</h3>`));
    expect([...html.matchAll(/<h3[^>]*>([^<]+)<\/h3>/g)].map((m) => decodeEntities(m[1]))).toEqual(['Reading Summit', 'Math Circle']);
  });

  it('shows the page of the list that now holds the entry when the edit moves it to another page', async () => {
    const { ann } = await teachers();
    const moved = (await addExternalLearning({ actor: ann, input: parsed({ title: 'Moved Workshop', completedOn: '2026-11-20' }) })).entry;
    await db.externalLearning.createMany({
      data: Array.from({ length: EXTERNAL_LEARNING_PAGE_SIZE + 5 }, (_, i) => ({ userId: ann.id, title: `Session ${i}`, provider: 'Network', completedOn: new Date(Date.UTC(2025, 0, 1 + i)), pdHours: new Prisma.Decimal(1) })),
    });
    expect((await listOwnExternalLearning({ actor: ann })).items[0].id).toBe(moved.id);
    // Completed in 2020 instead: now last, on the second page.
    const href = await edit(ann, moved, { title: 'Moved Workshop', completedOn: '2020-05-05' });
    const query = queryOf(href);
    expect(query.saved).toBe(moved.id);
    expect(query.cursor).toBeDefined();
    const second = await listOwnExternalLearning({ actor: ann, cursor: (await listOwnExternalLearning({ actor: ann })).nextCursor! });
    expect(query.cursor).toBe((await listOwnExternalLearning({ actor: ann })).nextCursor);
    expect(second.items.map((e) => e.id)).toContain(moved.id);

    const html = await page(ann, query);
    expect(textOf(html)).toContain('Saved: “Moved Workshop” (Wisconsin DPI), completed 5 May 2020, 6 PD hours. Go to it in your list');
    expect(textOf(html)).toContain('Your entries (continued)');
    expect(html).toContain(`id="entry-${moved.id}"`);
    // The first page no longer holds it: the notice names it without a link to nowhere.
    const first = await page(ann, { saved: moved.id });
    expect(textOf(first)).toContain('Saved: “Moved Workshop” (Wisconsin DPI), completed 5 May 2020, 6 PD hours.');
    expect(first).not.toContain(`href="#entry-${moved.id}"`);
    // Moved back to the top: the first page, no cursor.
    const back = await db.externalLearning.findUniqueOrThrow({ where: { id: moved.id } });
    expect(await edit(ann, back, { title: 'Moved Workshop', completedOn: '2026-11-21' })).toBe(`/badges/other-learning?saved=${moved.id}`);
  });

  it('keeps a refusal in the form: a field to correct, or a newer save in another tab, with no redirect', async () => {
    const { ann } = await teachers();
    const entry = (await addExternalLearning({ actor: ann, input: parsed() })).entry;
    const bad = await as(ann, () => editExternalLearningAction({ ok: true }, form({ ...posted({ pdHours: '0' }), id: entry.id, seenAt: entry.updatedAt.toISOString() })));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { pdHours: ['Enter at least 0.5 PD hours.'] } });
    await edit(ann, entry, { pdHours: '7' });
    const stale = await as(ann, () => editExternalLearningAction({ ok: true }, form({ ...posted({ pdHours: '2' }), id: entry.id, seenAt: entry.updatedAt.toISOString() })));
    expect(stale).toEqual({ ok: false, formError: ENTRY_OUT_OF_DATE });
  });

  it('a `saved` that is not one of the teacher’s own entries shows no notice, and never an error', async () => {
    const { ann, bo } = await teachers();
    const bos = (await addExternalLearning({ actor: bo, input: parsed({ title: 'Bo’s secret workshop' }) })).entry;
    await addExternalLearning({ actor: ann, input: parsed() });
    for (const saved of [bos.id, 'no-such-entry', "x' OR 1=1 --", '', 'x'.repeat(500)]) {
      const text = textOf(await page(ann, { saved }));
      expect(text, saved).not.toContain('Saved:');
      expect(text).not.toContain('Bo’s secret workshop');
      expect(text).toContain('Wisconsin Reading Summit');
    }
  });

  it('an out-of-range seenAt (a tampered form) is told to reload, not a server error', async () => {
    const { ann } = await teachers();
    const entry = (await addExternalLearning({ actor: ann, input: parsed() })).entry;
    for (const seenAt of ['0000-01-01', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00.000Z']) {
      expect(await as(ann, () => editExternalLearningAction({ ok: true }, form({ ...posted({ pdHours: '2' }), id: entry.id, seenAt }))), seenAt).toEqual({ ok: false, formError: ENTRY_OUT_OF_DATE });
    }
    expect(Number((await db.externalLearning.findUniqueOrThrow({ where: { id: entry.id } })).pdHours)).toBe(6);
  });
});

describe('how many an account keeps', () => {
  it(`refuses the ${EXTERNAL_LEARNING_MAX_ENTRIES + 1}th entry, and the page says so instead of the form`, async () => {
    const { ann } = await teachers();
    await db.externalLearning.createMany({
      data: Array.from({ length: EXTERNAL_LEARNING_MAX_ENTRIES }, (_, i) => ({ userId: ann.id, title: `Entry ${i}`, provider: 'Network', completedOn: new Date('2025-01-01T00:00:00Z'), pdHours: new Prisma.Decimal(1), createdAt: new Date('2025-01-02T00:00:00Z') })),
    });
    const refused = await errorOf(addExternalLearning({ actor: ann, input: parsed() }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: ENTRIES_FULL });
    expect(await as(ann, () => addExternalLearningAction({ ok: true }, form(posted())))).toEqual({ ok: false, formError: ENTRIES_FULL });
    expect(await db.externalLearning.count({ where: { userId: ann.id } })).toBe(EXTERNAL_LEARNING_MAX_ENTRIES);
    const page = textOf(await as(ann, async () => renderToStaticMarkup(await OtherLearningPage({ searchParams: Promise.resolve({}) }))));
    expect(page).toContain('You have 500 entries, the most one account can keep. Delete entries you no longer need to add more.');
    expect(page).not.toContain('Add to my list');
  });
});

describe('the pages', () => {
  it('list the entries newest first, labelled self-reported, with Edit and a confirmed Delete, and the total', async () => {
    const { ann, bo } = await teachers();
    await addExternalLearning({ actor: ann, input: parsed({ url: 'https://example.org/cert', note: 'Certificate no. 42' }) });
    await addExternalLearning({ actor: ann, input: parsed({ title: 'Math Circle', completedOn: '2026-10-01', pdHours: '1.5' }) });
    await addExternalLearning({ actor: bo, input: parsed({ title: 'Bo’s workshop' }) });
    const html = await as(ann, async () => renderToStaticMarkup(await OtherLearningPage({ searchParams: Promise.resolve({}) })));
    const text = textOf(html);
    expect(text).toContain('Self-reported PD hours 7.5');
    expect(text).toContain('Entries 2');
    const headings = [...html.matchAll(/<h3[^>]*>([^<]+)<\/h3>/g)].map((m) => decodeEntities(m[1]));
    expect(headings).toEqual(['Math Circle', 'Wisconsin Reading Summit']);
    expect(text).not.toContain('Bo’s workshop');
    expect(text).toContain('Self-reported: not verified');
    expect(html).toContain('href="https://example.org/cert"');
    expect(text).toContain('Certificate no. 42');
    // Delete asks first, then says what happened at the top of the list.
    expect(text).toContain('Delete “Math Circle” from your list? It comes off your PD transcript and your self-reported hours. This cannot be undone.');
    expect(text).toContain('Yes, delete it');
    const id = (await db.externalLearning.findFirstOrThrow({ where: { userId: ann.id, title: 'Math Circle' } })).id;
    expect(await redirectOf(as(ann, () => deleteExternalLearningAction({ ok: true }, form({ id }))))).toBe('/badges/other-learning?deleted=1');
    const after = textOf(await as(ann, async () => renderToStaticMarkup(await OtherLearningPage({ searchParams: Promise.resolve({ deleted: '1' }) }))));
    expect(after).toContain('Deleted. The entry is no longer on your list, your PD transcript or your self-reported hours.');
    expect(after).toContain('Self-reported PD hours 6');
    // Every field is labelled and described (hints and errors by aria-describedby).
    expect(html).toMatch(/<label for="add-completedOn"[^>]*>Completed on<\/label>/);
    expect(html).toMatch(/id="add-completedOn"[^>]*aria-describedby="add-completedOn-hint"/);
  });

  it('My badges leads to them with their own total, apart from the verified figures, and to the transcript even without a badge', async () => {
    const { ann } = await teachers();
    const none = textOf(await as(ann, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }))));
    expect(none).toContain('Other professional learning (self-reported)');
    expect(none).toContain('Add professional learning done elsewhere');
    expect(none).not.toContain('PD transcript (print or PDF)');
    await addExternalLearning({ actor: ann, input: parsed() });
    await addExternalLearning({ actor: ann, input: parsed({ title: 'Math Circle', pdHours: '1.5' }) });
    const html = await as(ann, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    const text = textOf(html);
    expect(text).toContain('7.5 PD hours from 2 entries you recorded yourself');
    expect(text).toContain('they are not part of the PD hours your badges verify');
    expect(html).toContain('href="/badges/other-learning"');
    expect(html).toContain('href="/badges/transcript"');

    // With a badge: the same section, beside the verified figures and not in them.
    const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', pdHours: 10, level: 2 } });
    await createEarnedAward(ann, mc, { title: 'Exit Tickets', hours: 10, level: 2, issuedAt: '2026-09-10T10:00:00Z' });
    const withBadge = textOf(await as(ann, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }))));
    expect(withBadge).toContain('PD hours, all time 10');
    expect(withBadge).toContain('Other professional learning (self-reported) 7.5 PD hours from 2 entries you recorded yourself');
  });
});
