// Other professional learning on the teacher's own documents: the PD transcript (in the period it
// covers), the PD record CSV and the JSON export each list it in a section of its own, labelled
// self-reported, with its own total; the verified totals and rows are exactly what they were
// without it, and another teacher's entries never show. Real Postgres, real pages and routes; only
// who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { parseCsv } from '@/lib/csv';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { addExternalLearning } from '@/lib/external-learning/mutations';
import { completeCertificateUpload, requestCertificateUpload } from '@/lib/external-learning/certificates';
import { listOwnExternalLearningInPeriod } from '@/lib/external-learning/queries';
import { getTranscript, resolveTranscriptPeriod } from '@/lib/reporting/transcript';
import { getTeacherRecord } from '@/lib/reporting/teacher';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: TranscriptPage } = await import('@/app/badges/transcript/page');
const { GET: pdRecordCsv } = await import('@/app/badges/pd-record.csv/route');
const { GET: exportJson } = await import('@/app/badges/export.json/route');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const as = <T,>(actor: Actor | null, run: () => Promise<T>) => {
  session.actor = actor;
  return run();
};
const entry = (over: Record<string, string>) => externalLearningFields('2026-11-24').parse({ title: 'Summit', provider: 'DPI', completedOn: '2026-03-14', pdHours: '6', url: '', note: '', ...over });
const transcriptHtml = (actor: Actor, query: Record<string, string>) => as(actor, async () => renderToStaticMarkup(await TranscriptPage({ searchParams: Promise.resolve(query) })));

/**
 * Ann holds two badges (10 h in 2025, 5 h in 2026) and recorded three other learnings: 2021 (45 h),
 * 2025 (6 h, with a link and a note) and 2026 (1.5 h). Bo recorded one (99 h).
 */
async function world() {
  const { mc, admin, issuer } = await createPublishedCredential({ def: { title: 'Exit Tickets', pdHours: 10, level: 2 } });
  const other = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Questioning', pdHours: 5, level: 2 } })).mc;
  const ann = await createActor({ name: 'Ann Avery', email: 'ann@school.test' });
  const bo = await createActor({ name: 'Bo Brown', email: 'bo@school.test' });
  await createEarnedAward(ann, mc, { title: 'Exit Tickets', hours: 10, level: 2, issuedAt: '2025-09-10T10:00:00Z' });
  await createEarnedAward(ann, other, { title: 'Questioning', hours: 5, level: 2, issuedAt: '2026-02-01T10:00:00Z' });
  return { ann, bo };
}

async function withEntries(w: Awaited<ReturnType<typeof world>>) {
  await addExternalLearning({ actor: w.ann, input: entry({ title: 'EDU 620: Assessment for Learning', provider: 'UW–Madison', completedOn: '2021-05-20', pdHours: '45' }) });
  await addExternalLearning({ actor: w.ann, input: entry({ title: 'Wisconsin Reading Summit', provider: 'Wisconsin DPI', completedOn: '2025-10-02', pdHours: '6', url: 'https://example.org/cert/42', note: 'Certificate no. 42' }) });
  await addExternalLearning({ actor: w.ann, input: entry({ title: 'Math Circle', provider: 'Local network', completedOn: '2026-03-14', pdHours: '1.5' }) });
  await addExternalLearning({ actor: w.bo, input: entry({ title: 'Bo’s workshop', pdHours: '99' }) });
}

describe('the PD transcript', () => {
  it('lists the period’s self-reported learning in its own section and total; the verified total is unchanged', async () => {
    const w = await world();
    const period = resolveTranscriptPeriod({ from: '2025-07-01', to: '2026-06-30' });
    if (!period.ok) throw new Error('period');
    const before = await getTranscript({ actor: w.ann, period: period.period });
    const beforeText = textOf(await transcriptHtml(w.ann, { from: '2025-07-01', to: '2026-06-30' }));
    expect(beforeText).not.toContain('self-reported');
    await withEntries(w);
    const after = await getTranscript({ actor: w.ann, period: period.period });
    expect(after.totalHours).toBe(15);
    expect(after.totalHours).toBe(before.totalHours);
    expect(after.years).toEqual(before.years);

    // Only the period's entries, the edges included, oldest first: not 2021's, and never Bo's.
    const section = await listOwnExternalLearningInPeriod({ actor: w.ann, from: period.period.from, to: period.period.to });
    expect(section.rows.map((r) => r.title)).toEqual(['Wisconsin Reading Summit', 'Math Circle']);
    expect(section.totalHours).toBe(7.5);
    const edge = await listOwnExternalLearningInPeriod({ actor: w.ann, from: new Date('2026-03-14T00:00:00Z'), to: new Date('2026-03-15T00:00:00Z') });
    expect(edge.rows.map((r) => r.title)).toEqual(['Math Circle']);

    const html = await transcriptHtml(w.ann, { from: '2025-07-01', to: '2026-06-30' });
    const text = textOf(html);
    expect(text).toContain('15 PD hours counted in the period, from 2 badges listed.');
    expect(text).toContain('Not included: 7.5 PD hours of other professional learning that Ann Avery reported themselves (2 entries), listed separately below under “Other professional learning (self-reported)”. They are not verified.');
    expect(html).toMatch(/<h2 id="self-reported-heading"[^>]*>Other professional learning \(self-reported\)<\/h2>/);
    expect(text).toContain('Self-reported: not verified by any issuer , and not part of the 15 PD hours counted from badges above.');
    expect(text).toContain('7.5 self-reported PD hours in the period, from 2 entries.');
    expect(text).toContain('Total self-reported PD hours in the period (not verified) 7.5');
    expect(text).toContain('Wisconsin Reading Summit Self-reported: not verified Wisconsin DPI 2 Oct 2025 6 Record: https://example.org/cert/42 Note: Certificate no. 42');
    expect(text).toContain('Math Circle');
    expect(text).not.toContain('EDU 620');
    expect(text).not.toContain('Bo’s workshop');
    // The badges' table and its total stay the badges' own.
    expect(text).toContain('Total PD hours counted in the period 15');
    // The section comes after the badges, before how to verify them.
    expect(html.indexOf('id="self-reported-heading"')).toBeGreaterThan(html.indexOf('id="badges-heading"'));
    expect(html.indexOf('id="self-reported-heading"')).toBeLessThan(html.indexOf('id="verify-heading"'));

    // All time: every entry, the total still only the badges'.
    const all = textOf(await transcriptHtml(w.ann, {}));
    expect(all).toContain('15 PD hours counted in the period');
    expect(all).toContain('52.5 self-reported PD hours in the period, from 3 entries.');
    expect(all).toContain('EDU 620');
    // A period with none of them has no section.
    expect(textOf(await transcriptHtml(w.ann, { from: '2022-01-01', to: '2022-12-31' }))).not.toContain('Other professional learning (self-reported)');
    // Bo's transcript: his entry, none of Ann's.
    const bo = textOf(await transcriptHtml(w.bo, {}));
    expect(bo).toContain('Bo’s workshop');
    expect(bo).not.toContain('Math Circle');
  });
});

describe('the PD record (CSV)', () => {
  it('keeps the credentials as they were, then a self-reported section with its own header and total', async () => {
    const w = await world();
    const beforeText = await (await as(w.ann, () => pdRecordCsv())).text();
    await withEntries(w);
    const res = await as(w.ann, () => pdRecordCsv());
    expect(res.status).toBe(200);
    const csv = await res.text();
    // The credentials' part is exactly what it was.
    expect(csv.startsWith(beforeText)).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Holder', 'Email', 'Credential', 'Issuer', 'Level', 'Kind', 'Issued', 'Valid until', 'School year', 'PD hours', 'Status', 'Verify at']);
    expect(rows.slice(1, 3).map((r) => r[2])).toEqual(['Questioning', 'Exit Tickets']);
    expect(rows.slice(1, 3).reduce((s, r) => s + Number(r[9]), 0)).toBe(15);
    // Then, after an empty line, the section: its name, what it is, its header, its rows (newest first), its total.
    expect(csv).toContain('\r\n\r\nOther professional learning (self-reported),');
    expect(rows[3]).toEqual(['Other professional learning (self-reported)', 'Recorded by the holder; not verified by any issuer. These hours are not part of the PD hours of the credentials above.']);
    expect(rows[4]).toEqual(['Holder', 'Email', 'Title', 'Provided by', 'Completed on', 'School year', 'PD hours (self-reported)', 'Record of completion', 'Note', 'Certificate on file']);
    expect(rows.slice(5, 8).map((r) => r.slice(0, 7))).toEqual([
      ['Ann Avery', 'ann@school.test', 'Math Circle', 'Local network', '2026-03-14', '2025–26', '1.5'],
      ['Ann Avery', 'ann@school.test', 'Wisconsin Reading Summit', 'Wisconsin DPI', '2025-10-02', '2025–26', '6'],
      ['Ann Avery', 'ann@school.test', 'EDU 620: Assessment for Learning', 'UW–Madison', '2021-05-20', '2020–21', '45'],
    ]);
    expect(rows[6].slice(7)).toEqual(['https://example.org/cert/42', 'Certificate no. 42', 'no']);
    expect(rows[8]).toEqual(['Total PD hours (self-reported)', '', '', '', '', '', '52.5']);
    expect(rows).toHaveLength(9);
    expect(csv).not.toContain('Bo’s workshop');
  });

  it('is the credentials alone for a teacher with no entries, and a cell that would run as a formula is defused', async () => {
    const w = await world();
    const csv = await (await as(w.ann, () => pdRecordCsv())).text();
    expect(csv).not.toContain('self-reported');
    await addExternalLearning({ actor: w.ann, input: entry({ title: '=HYPERLINK("https://evil.example")', provider: '+provider' }) });
    const rows = parseCsv(await (await as(w.ann, () => pdRecordCsv())).text());
    expect(rows[5].slice(2, 4)).toEqual(['\'=HYPERLINK("https://evil.example")', "'+provider"]);
  });
});

describe('the JSON export', () => {
  it('keeps the signed credentials as they were, with the self-reported learning under a key of its own', async () => {
    const w = await world();
    const before = await (await as(w.ann, () => exportJson())).json();
    expect(before.otherProfessionalLearning).toMatchObject({ selfReported: true, verified: false, totalPdHours: 0, entries: [] });
    await withEntries(w);
    const body = await (await as(w.ann, () => exportJson())).json();
    expect(body.credentials).toEqual(before.credentials);
    expect(body.credentials).toHaveLength(2);
    expect(body.otherProfessionalLearning).toMatchObject({ selfReported: true, verified: false, totalPdHours: 52.5 });
    expect(body.otherProfessionalLearning.description).toContain('not part of the PD hours of the credentials in this file');
    expect(body.otherProfessionalLearning.entries).toEqual([
      { title: 'Math Circle', provider: 'Local network', completedOn: '2026-03-14', pdHours: 1.5, url: null, note: null, certificateOnFile: false },
      { title: 'Wisconsin Reading Summit', provider: 'Wisconsin DPI', completedOn: '2025-10-02', pdHours: 6, url: 'https://example.org/cert/42', note: 'Certificate no. 42', certificateOnFile: false },
      { title: 'EDU 620: Assessment for Learning', provider: 'UW–Madison', completedOn: '2021-05-20', pdHours: 45, url: null, note: null, certificateOnFile: false },
    ]);
    // Signed out: refused as before.
    expect((await as(null, () => exportJson())).status).toBe(401);
    expect((await as(null, () => pdRecordCsv())).status).toBe(401);
  });

  it('never counts the entries in the teacher’s own verified record', async () => {
    const w = await world();
    const before = await getTeacherRecord(w.ann, new Date('2026-11-24T12:00:00Z'), { rows: false });
    await withEntries(w);
    const after = await getTeacherRecord(w.ann, new Date('2026-11-24T12:00:00Z'), { rows: false });
    expect(after.totalHours).toBe(15);
    expect({ total: after.totalHours, year: after.hoursThisYear, years: after.years }).toEqual({ total: before.totalHours, year: before.hoursThisYear, years: before.years });
    expect(await db.externalLearning.count({ where: { userId: w.ann.id } })).toBe(3);
  });
});

describe('a certificate of completion in the downloads', () => {
  it('is said to be on file (yes or no), never where: no link to it, no storage address', async () => {
    const w = await world();
    await withEntries(w);
    const summit = await db.externalLearning.findFirstOrThrow({ where: { userId: w.ann.id, title: 'Wisconsin Reading Summit' }, select: { id: true } });
    const t = await requestCertificateUpload({ actor: w.ann, learningId: summit.id, fileName: 'summit.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } })).ok).toBe(true);
    await completeCertificateUpload({ actor: w.ann, certificateId: t.certificateId });
    const { storageKey } = await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: t.certificateId }, select: { storageKey: true } });

    const csv = await (await as(w.ann, () => pdRecordCsv())).text();
    const rows = parseCsv(csv);
    expect(rows.slice(5, 8).map((r) => [r[2], r[9]])).toEqual([['Math Circle', 'no'], ['Wisconsin Reading Summit', 'yes'], ['EDU 620: Assessment for Learning', 'no']]);
    const json = await (await as(w.ann, () => exportJson())).text();
    expect(JSON.parse(json).otherProfessionalLearning.entries.map((e: { certificateOnFile: boolean }) => e.certificateOnFile)).toEqual([false, true, false]);
    for (const text of [csv, json]) {
      expect(text).not.toContain(t.certificateId);
      expect(text).not.toContain(storageKey!);
      expect(text).not.toContain('summit.pdf');
    }
  });
});

