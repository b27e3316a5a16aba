// The professional development transcript (/badges/transcript): the signed-in teacher's own badges
// in a period, with the hours the app counts for them. Badges are issued, revoked and suspended by
// the real domain code, on dates in different school years; the page is rendered as the teacher.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { credentialUrl, issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';
import { createStack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { getTranscript, resolveTranscriptPeriod, TRANSCRIPT_MAX_ROWS, type TranscriptPeriod } from '@/lib/reporting/transcript';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: TranscriptPage } = await import('@/app/badges/transcript/page');
const { default: BadgesPage } = await import('@/app/badges/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const NOW = new Date('2026-11-24T12:00:00Z');

/** The teacher earns a micro-credential (the review flow is tested elsewhere) and its badge is issued on `issuedAt`. */
async function earn(teacher: Actor, microCredentialId: string, issuedAt: string) {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  return (await issueAwardForSubmission(sub.id, { now: new Date(issuedAt) })).awardId;
}

/**
 * Ann (placed at a school) holds, oldest first: an expired badge (2021–22), a badge issued in the
 * last hour of 2023–24 and one in the first moment of 2024–25, the stack those two complete, a
 * revoked badge (2024–25) and a suspended one (2025–26). Bo, another teacher, holds two badges.
 */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine School District' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  const first = await createPublishedCredential({ def: { title: 'Exit Tickets', pdHours: 10, level: 1, expiryMonths: 12 } });
  const { admin, issuer } = first;
  const mc = async (title: string, pdHours: number, level: number) => (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title, pdHours, level } })).mc;
  const socratic = await mc('Socratic Seminars', 5, 2);
  const peer = await mc('Peer Feedback', 7.5, 2);
  const walks = await mc('Learning Walks', 12, 2);
  const questions = await mc('Questioning', 4, 2);
  await createStack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'discussion-stack', title: 'Discussion Stack', summary: 'Both.', microCredentials: [socratic.slug, peer.slug] } });

  const ann = await createActor({ name: 'Ann Avery', email: 'ann@school.test', districtId: district.id, schoolId: school.id });
  const bo = await createActor({ name: 'Bo Brown', email: 'bo@school.test' });
  const ids = {
    exit: await earn(ann, first.mc.id, '2021-09-15T10:00:00Z'),
    socratic: await earn(ann, socratic.id, '2024-06-30T23:00:00Z'),
    peer: await earn(ann, peer.id, '2024-07-01T00:00:00Z'),
    walks: await earn(ann, walks.id, '2025-03-01T10:00:00Z'),
    questions: await earn(ann, questions.id, '2025-10-01T10:00:00Z'),
  };
  const stack = await db.award.findFirstOrThrow({ where: { userId: ann.id, stackId: { not: null } }, select: { id: true } });
  await revokeAward({ actor: admin, awardId: ids.walks, reason: 'Evidence was not the teacher’s own.' });
  await suspendAward({ actor: admin, awardId: ids.questions, reason: 'A concern is being looked into.' });
  const boIds = [await earn(bo, walks.id, '2024-09-01T10:00:00Z'), await earn(bo, questions.id, '2025-09-01T10:00:00Z')];
  return { ann, bo, admin, ids: { ...ids, stack: stack.id }, boIds };
}

const all: TranscriptPeriod = { choice: 'all', from: null, to: null, fromLabel: null, toLabel: null };
const periodOf = (query: Record<string, string>, now = NOW) => {
  const r = resolveTranscriptPeriod(query, now);
  if (!r.ok) throw new Error(r.formError);
  return r.period;
};

describe('the transcript’s data', () => {
  it('lists only the teacher’s own badges, with statuses and the hours My badges counts', async () => {
    const w = await world();
    const t = await getTranscript({ actor: w.ann, period: all, now: NOW });
    expect(t.holder).toEqual({ name: 'Ann Avery', email: 'ann@school.test', licenceNumber: null, districtName: 'Kettle Moraine School District', schoolName: 'Cushing Elementary' });
    // The licence number the teacher recorded on their account goes on their own transcript (the number a licensing office files it under).
    await db.user.update({ where: { id: w.ann.id }, data: { licenceNumber: 'WI-123456' } });
    expect((await getTranscript({ actor: w.ann, period: all, now: NOW })).holder.licenceNumber).toBe('WI-123456');
    expect((await getTranscript({ actor: w.bo, period: all, now: NOW })).holder.licenceNumber).toBeNull();
    const ids = t.rows.map((r) => r.id);
    expect(ids).toHaveLength(6);
    expect(ids.some((id) => w.boIds.includes(id))).toBe(false);
    // Oldest first; the stack was issued the moment its last part was.
    expect([ids[0], ids[1], ids[4], ids[5]]).toEqual([w.ids.exit, w.ids.socratic, w.ids.walks, w.ids.questions]);
    expect(new Set(ids.slice(2, 4))).toEqual(new Set([w.ids.peer, w.ids.stack]));
    const byId = new Map(t.rows.map((r) => [r.id, r]));
    expect(byId.get(w.ids.exit)).toMatchObject({ title: 'Exit Tickets', state: 'expired', level: 1, pdHours: 10, countedHours: 10, stack: false, schoolYear: '2021–22', validUntil: new Date('2022-09-15T10:00:00Z') });
    expect(byId.get(w.ids.stack)).toMatchObject({ title: 'Discussion Stack', state: 'valid', stack: true, level: null, countedHours: 0, schoolYear: '2024–25' });
    expect(byId.get(w.ids.walks)).toMatchObject({ state: 'revoked', pdHours: 12, countedHours: 0 });
    expect(byId.get(w.ids.questions)).toMatchObject({ state: 'suspended', pdHours: 4, countedHours: 4 });
    for (const r of t.rows) expect(r.url).toBe(credentialUrl(r.id));
    expect(t.verifyUrl).toBe('http://127.0.0.1:3100/verify');

    // 10 + 5 + 7.5 + 4: the revoked badge's 12 hours are left out; the stack adds none.
    expect(t.totalHours).toBe(26.5);
    expect([t.suspendedHours, t.revokedHours]).toEqual([4, 12]);
    expect(t.years.map((y) => [y.label, y.badges, y.hours])).toEqual([
      ['2021–22', 1, 10],
      ['2022–23', 0, 0],
      ['2023–24', 1, 5],
      ['2024–25', 3, 7.5],
      ['2025–26', 1, 4],
    ]);
    // The same total the teacher's own record (My badges) gives, by the same rule.
    const record = await getTeacherRecord(w.ann, NOW);
    expect(record.totalHours).toBe(t.totalHours);
    expect(record.years.map((y) => [y.label, y.hours])).toEqual(t.years.map((y) => [y.label, y.hours]));

    // Bo's transcript has his two badges only; a teacher with none has an empty one.
    expect((await getTranscript({ actor: w.bo, period: all, now: NOW })).rows.map((r) => r.id).sort()).toEqual([...w.boIds].sort());
    const none = await getTranscript({ actor: await createActor(), period: all, now: NOW });
    expect(none).toMatchObject({ rows: [], totalHours: 0, years: [], tooMany: false });
  });

  it('takes the period’s first and last days whole, and nothing outside them', async () => {
    const w = await world();
    const titles = async (period: TranscriptPeriod, now = NOW) => (await getTranscript({ actor: w.ann, period, now })).rows.map((r) => r.title).sort();

    // The school year 2024–25 begins at midnight UTC on 1 July: the badge of 23:00 on 30 June is the year before.
    const schoolYear = periodOf({ period: 'this-school-year' }, new Date('2024-12-01T10:00:00Z'));
    expect(await titles(schoolYear)).toEqual(['Discussion Stack', 'Learning Walks', 'Peer Feedback']);
    const t = await getTranscript({ actor: w.ann, period: schoolYear, now: NOW });
    expect([t.totalHours, t.years.map((y) => y.label)]).toEqual([7.5, ['2024–25']]);

    // The last day is included to its end; the first day from its start.
    expect(await titles(periodOf({ from: '2021-09-15', to: '2024-06-30' }))).toEqual(['Exit Tickets', 'Socratic Seminars']);
    expect(await titles(periodOf({ from: '2021-09-16', to: '2024-06-29' }))).toEqual([]);
    expect(await titles(periodOf({ to: '2024-06-30' }))).toEqual(['Exit Tickets', 'Socratic Seminars']);
    expect(await titles(periodOf({ from: '2025-03-01' }))).toEqual(['Learning Walks', 'Questioning']);

    // The last 5 years up to 24 Nov 2026 begin on 24 Nov 2021: the 2021 badge is outside.
    const five = await getTranscript({ actor: w.ann, period: periodOf({ period: 'last-5-years' }), now: NOW });
    expect(five.rows.map((r) => r.title)).not.toContain('Exit Tickets');
    expect(five.totalHours).toBe(16.5);
  });

  it('asks for a shorter period rather than printing part of one', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const teacher = await createActor();
    const list = await db.statusList.create({ data: { issuerId: issuer.id, purpose: 'revocation', bits: new Uint8Array(16) } });
    await db.award.createMany({
      data: Array.from({ length: TRANSCRIPT_MAX_ROWS + 1 }, (_, i) => ({
        userId: teacher.id, issuerId: issuer.id, title: `Badge ${i}`, pdHours: 1, recipientName: teacher.name, credential: {}, statusListId: list.id, statusListIndex: i,
        issuedAt: new Date(Date.UTC(i < 500 ? 2023 : 2024, 0, 1, 0, i)),
      })),
    });
    expect(await getTranscript({ actor: teacher, period: all, now: NOW })).toMatchObject({ tooMany: true, rows: [], totalHours: 0 });
    const y2024 = await getTranscript({ actor: teacher, period: periodOf({ from: '2024-01-01', to: '2024-12-31' }), now: NOW });
    expect([y2024.tooMany, y2024.rows.length, y2024.totalHours]).toEqual([false, TRANSCRIPT_MAX_ROWS + 1 - 500, TRANSCRIPT_MAX_ROWS + 1 - 500]);
  });
});

describe('the transcript page', () => {
  it('prints the holder, every badge with its link and status in words, and the totals; the chooser does not print', async () => {
    const w = await world();
    session.actor = w.ann;
    const html = renderToStaticMarkup(await TranscriptPage({ searchParams: Promise.resolve({}) }));
    const text = textOf(html);
    expect(html).toMatch(/<h1[^>]*>Professional development transcript<\/h1>/);
    for (const s of ['Ann Avery', 'ann@school.test', 'Kettle Moraine School District', 'Cushing Elementary', 'All time: every badge issued up to']) expect(text).toContain(s);
    expect(text).not.toContain('Licence number');
    await db.user.update({ where: { id: w.ann.id }, data: { licenceNumber: 'WI-123456' } });
    expect(textOf(renderToStaticMarkup(await TranscriptPage({ searchParams: Promise.resolve({}) })))).toContain('Licence number WI-123456');
    // Every badge: its full verification link as text (for a reader of paper) and its id.
    for (const id of Object.values(w.ids)) {
      expect(html).toContain(`<a href="${credentialUrl(id)}" class="break-all">${credentialUrl(id)}</a>`);
      expect(text).toContain(`Credential ID: ${id}`);
    }
    expect(text).toContain('Level 1: the holder showed they understand the method');
    expect(text).toContain('Level 2: shown in the holder’s own classroom');
    for (const s of ['Expired', 'Revoked by the issuer', 'Suspended by the issuer', 'Stack credential', '12 not counted: revoked', 'a stack: its hours are counted on the micro-credentials it is made of']) expect(text).toContain(s);
    expect(text).toContain('26.5 PD hours counted in the period, from 6 badges listed');
    expect(text).toContain('4 of the hours above come from suspended badges');
    expect(text).toMatch(/Total PD hours counted in the period 26\.5/);
    expect(text).toContain('Open Badges 3.0');
    expect(html).toContain('http://127.0.0.1:3100/verify');
    // Nobody else's badge.
    for (const id of w.boIds) expect(html).not.toContain(id);
    expect(text).not.toContain('Bo Brown');
    // The print button and back link, and the period chooser, are screen-only.
    expect(html).toContain('Print or save as PDF');
    expect(html).toMatch(/<section aria-labelledby="period-heading" class="no-print /);
    expect(html).toMatch(/<div class="no-print [^"]*"><a href="\/badges">Back to My badges<\/a>/);
    expect(html).toMatch(/<a href="\/badges\/transcript\?period=last-5-years"[^>]*>Last 5 years/);
  });

  it('shows what is wrong with a bad period, next to the date to fix, and no transcript', async () => {
    const w = await world();
    session.actor = w.ann;
    const html = renderToStaticMarkup(await TranscriptPage({ searchParams: Promise.resolve({ from: '2026-03-01', to: '2025-09-01' }) }));
    const text = textOf(html);
    expect(text).toContain('That period could not be used');
    expect(html).toMatch(/<input[^>]*id="to"[^>]*aria-invalid="true"[^>]*aria-describedby="to-hint to-error"/);
    expect(html).toMatch(/<p id="to-error"[^>]*>The end date is before the start date\. Choose an end date on or after 1 Mar 2026\.<\/p>/);
    // What was typed stays in the form.
    expect(html).toMatch(/id="from"[^>]*value="2026-03-01"/);
    expect(text).not.toContain('Badges issued in the period');
    expect(text).not.toContain('Print or save as PDF');
    expect(html).not.toContain(w.ids.exit);

    const both = textOf(renderToStaticMarkup(await TranscriptPage({ searchParams: Promise.resolve({ period: 'last-5-years', to: '2026-01-01' }) })));
    expect(both).toContain('Choose a quick period or your own dates, not both.');
  });

  it('is linked from My badges once the teacher has a badge', async () => {
    const w = await world();
    session.actor = w.ann;
    expect(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }))).toMatch(/<a[^>]*href="\/badges\/transcript"[^>]*>PD transcript \(print or PDF\)<\/a>/);
    session.actor = await createActor();
    expect(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }))).not.toContain('/badges/transcript');
  });

  it('offers every badge as one download, saying what it is for, once the teacher has a badge', async () => {
    const w = await world();
    session.actor = w.ann;
    const html = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/<a[^>]*href="\/badges\/export\.json"[^>]*>Download my badges as a file for another badge site \(JSON\)<\/a>/);
    expect(html).not.toContain('Export all (JSON)');
    // The download itself: a file of the signed credentials, saved rather than shown.
    const { GET } = await import('@/app/badges/export.json/route');
    const res = await GET();
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my-credentials.json"');
    expect((await res.json()).credentials.length).toBeGreaterThan(0);
    session.actor = await createActor();
    expect(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }))).not.toContain('/badges/export.json');
  });
});
