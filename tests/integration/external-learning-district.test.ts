// A teacher's other professional learning on the record their leaders read (/district/teachers/[id],
// getDistrictTeacherRecord): in a section of its own, labelled self-reported, with its own total and
// outside every verified figure. The district's leaders read each entry with its link and note; the
// principal of the teacher's school reads what, who provided it, when and the hours, without the
// link or the note (removed on the server, ADR 016); anyone else gets the record's "not found".
// Real Postgres, the real page; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf } from '../setup/actions';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { awardCursorAfter } from '@/lib/awards/cursor';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { addExternalLearning } from '@/lib/external-learning/mutations';
import { getDistrictTeacherRecord } from '@/lib/district/queries';
import { completeCertificateUpload, requestCertificateUpload } from '@/lib/external-learning/certificates';
import { SAMPLE_PDF } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const RecordPage = await import('@/app/district/teachers/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const render = async (id: string) => renderToStaticMarkup(await RecordPage.default({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }));
const entry = (over: Record<string, string>) => externalLearningFields('2026-11-24').parse({ title: 'Summit', provider: 'DPI', completedOn: '2026-03-14', pdHours: '6', url: '', note: '', ...over });

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
  const otherLeader = await createActor({ name: 'Olga Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id, schoolId: school.id });
  const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', level: 2 } });
  const award = await createEarnedAward(ann, mc, { title: 'Exit Tickets', hours: 10, level: 2, issuedAt: '2025-09-10T10:00:00Z' });
  return { district, school, leader, principal, otherLeader, ann, bo, award };
}

async function withEntries(w: Awaited<ReturnType<typeof world>>) {
  await addExternalLearning({ actor: w.ann, input: entry({ title: 'Wisconsin Reading Summit', provider: 'Wisconsin DPI', completedOn: '2025-10-02', pdHours: '6', url: 'https://example.org/cert/42', note: 'Certificate no. 42' }) });
  await addExternalLearning({ actor: w.ann, input: entry({ title: 'Math Circle', provider: 'Local network', completedOn: '2026-03-14', pdHours: '1.5' }) });
  await addExternalLearning({ actor: w.bo, input: entry({ title: 'Bo’s workshop', pdHours: '99' }) });
}

describe('the district’s leaders', () => {
  it('read every entry with its link and note, with their own total, and the record’s verified figures unchanged', async () => {
    const w = await world();
    const before = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id });
    expect(before.otherLearning).toEqual({ entries: 0, hours: 0, items: [], withLinksAndNotes: true });
    await withEntries(w);
    const record = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id });
    expect(record.otherLearning).toMatchObject({ entries: 2, hours: 7.5, withLinksAndNotes: true });
    expect(record.otherLearning!.items.map((e) => [e.title, e.provider, e.pdHours, e.url, e.note])).toEqual([
      ['Math Circle', 'Local network', 1.5, null, null],
      ['Wisconsin Reading Summit', 'Wisconsin DPI', 6, 'https://example.org/cert/42', 'Certificate no. 42'],
    ]);
    // Never in a verified figure.
    expect(record.summary).toEqual(before.summary);
    expect(record.summary!.totalHours).toBe(10);

    session.actor = w.leader;
    const html = await render(w.ann.id);
    const text = textOf(html);
    expect(html).toMatch(/<h2 id="self-reported-heading"[^>]*>Other professional learning \(self-reported\)<\/h2>/);
    expect(text).toContain('Workshops, conferences and courses outside this site, as Ann Avery recorded them. Self-reported: not verified by any issuer. These hours are not in the PD hours, salary steps or licence renewal counts above.');
    expect(text).toContain('7.5 self-reported PD hours from 2 entries.');
    expect(text).toContain('Wisconsin Reading Summit Self-reported: not verified Wisconsin DPI 2 Oct 2025 6 Record: https://example.org/cert/42 Note: Certificate no. 42');
    expect(text).toContain('Total self-reported PD hours (not verified) 7.5');
    expect(text).toContain('PD hours, all time 10');
    expect(text).not.toContain('Bo’s workshop');
    // After the badges, a section of its own.
    expect(html.indexOf('id="self-reported-heading"')).toBeGreaterThan(html.indexOf('id="badges-heading"'));
  });

  it('read none on a later page of badges, where the rest of the record is not repeated', async () => {
    const w = await world();
    await withEntries(w);
    const later = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id, cursor: awardCursorAfter(w.award) });
    expect(later.otherLearning).toBeNull();
    expect(later.licenceCycle).toBeNull();
  });
});

describe('the principal of the teacher’s school', () => {
  it('reads what, who provided it, when and the hours, without the teacher’s links and notes', async () => {
    const w = await world();
    await withEntries(w);
    const record = await getDistrictTeacherRecord({ actor: w.principal, userId: w.ann.id });
    expect(record.reader).toBe('school');
    expect(record.otherLearning).toMatchObject({ entries: 2, hours: 7.5, withLinksAndNotes: false });
    expect(record.otherLearning!.items.every((e) => e.url === null && e.note === null)).toBe(true);
    expect(JSON.stringify(record)).not.toContain('example.org/cert/42');
    expect(JSON.stringify(record)).not.toContain('Certificate no. 42');

    session.actor = w.principal;
    const html = await render(w.ann.id);
    const text = textOf(html);
    expect(text).toContain('Wisconsin Reading Summit Self-reported: not verified Wisconsin DPI 2 Oct 2025 6');
    expect(text).toContain('A school leader’s copy lists what, who provided it, when and the hours; the teacher’s links, notes and certificates go to the district office.');
    expect(html).not.toContain('example.org/cert/42');
    expect(text).not.toContain('Certificate no. 42');
    expect(text).not.toContain('Record of completion and note');
  });
});

describe('anyone else', () => {
  it('gets the record’s “not found”, entries and all', async () => {
    const w = await world();
    await withEntries(w);
    for (const actor of [w.otherLeader, w.bo, w.ann]) expect((await errorOf(getDistrictTeacherRecord({ actor, userId: w.ann.id }))).code).toBe('NOT_FOUND');
  });
});

describe('a certificate of completion on an entry', () => {
  /** Ann attaches a certificate to her Wisconsin Reading Summit entry. */
  async function withCertificate(w: Awaited<ReturnType<typeof world>>) {
    await withEntries(w);
    const summit = await db.externalLearning.findFirstOrThrow({ where: { userId: w.ann.id, title: 'Wisconsin Reading Summit' }, select: { id: true } });
    const t = await requestCertificateUpload({ actor: w.ann, learningId: summit.id, fileName: 'Summit-certificate.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } })).ok).toBe(true);
    await completeCertificateUpload({ actor: w.ann, certificateId: t.certificateId });
    return t.certificateId;
  }

  it('is on the district’s copy, linked to its private route', async () => {
    const w = await world();
    const certificateId = await withCertificate(w);
    const record = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id });
    expect(record.otherLearning!.items.map((e) => [e.title, e.certificate])).toEqual([
      ['Math Circle', null],
      ['Wisconsin Reading Summit', { id: certificateId, fileName: 'Summit-certificate.pdf', contentType: 'application/pdf', sizeBytes: SAMPLE_PDF.byteLength }],
    ]);
    session.actor = w.leader;
    const html = await render(w.ann.id);
    expect(html).toContain(`href="/other-learning/certificates/${certificateId}?inline=1"`);
    expect(textOf(html)).toContain('Record: https://example.org/cert/42 Note: Certificate no. 42 Certificate of “Wisconsin Reading Summit”: Summit-certificate.pdf (opens in a new tab)');
  });

  it('is not on a principal’s copy at all: no id, no name, no link', async () => {
    const w = await world();
    const certificateId = await withCertificate(w);
    const record = await getDistrictTeacherRecord({ actor: w.principal, userId: w.ann.id });
    expect(record.otherLearning!.items.every((e) => e.certificate === null)).toBe(true);
    expect(JSON.stringify(record)).not.toContain(certificateId);
    expect(JSON.stringify(record)).not.toContain('Summit-certificate.pdf');
    session.actor = w.principal;
    const html = await render(w.ann.id);
    expect(html).not.toContain(certificateId);
    expect(html).not.toContain('/other-learning/certificates/');
    expect(textOf(html)).not.toContain('Summit-certificate.pdf');
  });
});

