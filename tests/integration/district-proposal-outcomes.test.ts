// What came of an approved proposal: the district sees where the teacher's application stands and
// the badge they earned (with a link to its public page), read for a whole page at once, and only
// for its own proposals and its own teachers. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SubmissionStatus } from '@/lib/generated/prisma/enums';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { listDistrictProposals } from '@/lib/proposals/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ProposalsPage } = await import('@/app/district/proposals/page');
const proposalsPage = async (status: string) => renderToStaticMarkup(await ProposalsPage({ searchParams: Promise.resolve({ status }) }));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

let statusIndex = 0;
type Mc = { id: string; issuerId: string; currentVersionId: string | null };

/** The teacher's application for `mc` at `status` (cycle 1 unless said). */
const application = (user: Actor, mc: Mc, status: SubmissionStatus, cycle = 1) =>
  db.submission.create({ data: { userId: user.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status, cycle } });

/** A badge for `mc` on an EARNED application, as issuing leaves it. */
async function badge(user: Actor, mc: Mc, opts: { issuedAt: string; cycle?: number; revoked?: boolean; suspended?: boolean }) {
  const list = (await db.statusList.findFirst({ where: { issuerId: mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
  const submission = await application(user, mc, 'EARNED', opts.cycle);
  return db.award.create({
    data: {
      userId: user.id, issuerId: mc.issuerId, microCredentialId: mc.id, submissionId: submission.id, title: 'Feedback badge', pdHours: new Prisma.Decimal(10), level: 2,
      recipientName: user.name, issuedAt: new Date(opts.issuedAt), credential: {}, statusListId: list.id, statusListIndex: statusIndex++,
      revokedAt: opts.revoked ? new Date('2026-03-05T00:00:00Z') : null, suspendedAt: opts.suspended ? new Date('2026-03-05T00:00:00Z') : null,
    },
  });
}

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere', data: { requiresProposal: true } });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const { issuer, admin, mc } = await createPublishedCredential({ def: { title: 'Feedback that moves learning', level: 2 } });
  /** A teacher of `districtId` whose proposal for `mc` that district's leader approved. */
  const approved = async (name: string, districtId = district.id, decider = leader) => {
    const teacher = await createActor({ name, districtId });
    const p = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My grade 4 readers need feedback they can act on.', plan: 'Two lessons a week.', submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await decideProposal({ actor: decider, proposalId: p.id, decision: 'APPROVED', comment: '', version });
    return { teacher, proposalId: p.id };
  };
  return { district, other, leader, otherLeader, issuer, admin, mc, approved };
}

describe('what came of an approved proposal', () => {
  it('says whether the teacher has not started, is working, is in review, passed, earned, or lost the badge', async () => {
    const w = await world();
    const notStarted = await w.approved('Ann Avery');
    const working = await w.approved('Bo Brown');
    await application(working.teacher, w.mc, 'DRAFT');
    const revising = await w.approved('Cy Cole');
    await application(revising.teacher, w.mc, 'NEEDS_REVISION');
    const inReview = await w.approved('Di Dunn');
    await application(inReview.teacher, w.mc, 'IN_REVIEW');
    const sent = await w.approved('Ed Eng');
    await application(sent.teacher, w.mc, 'SUBMITTED');
    const passed = await w.approved('Flo Ford');
    await application(passed.teacher, w.mc, 'EARNED'); // the badge is still being issued
    const earned = await w.approved('Gus Gray');
    const gusBadge = await badge(earned.teacher, w.mc, { issuedAt: '2026-02-01T10:00:00Z' });
    const revoked = await w.approved('Hal Hunt');
    const halBadge = await badge(revoked.teacher, w.mc, { issuedAt: '2026-01-10T10:00:00Z', revoked: true });
    const suspended = await w.approved('Ida Ives');
    const idaBadge = await badge(suspended.teacher, w.mc, { issuedAt: '2026-01-20T10:00:00Z', suspended: true });

    const rows = await listDistrictProposals([w.district.id], { status: 'APPROVED' });
    const outcome = (id: string) => rows.find((r) => r.id === id)!.outcome;
    expect(rows).toHaveLength(9);
    expect(outcome(notStarted.proposalId)).toEqual({ state: 'not-started', award: null });
    expect(outcome(working.proposalId)).toEqual({ state: 'working', award: null });
    expect(outcome(revising.proposalId)).toEqual({ state: 'working', award: null });
    expect(outcome(inReview.proposalId)).toEqual({ state: 'in-review', award: null });
    expect(outcome(sent.proposalId)).toEqual({ state: 'in-review', award: null });
    expect(outcome(passed.proposalId)).toEqual({ state: 'passed', award: null });
    expect(outcome(earned.proposalId)).toEqual({ state: 'earned', award: { id: gusBadge.id, issuedAt: gusBadge.issuedAt, revokedAt: null, suspendedAt: null } });
    expect(outcome(revoked.proposalId)).toMatchObject({ state: 'revoked', award: { id: halBadge.id, revokedAt: new Date('2026-03-05T00:00:00Z') } });
    expect(outcome(suspended.proposalId)).toMatchObject({ state: 'earned', award: { id: idaBadge.id, suspendedAt: new Date('2026-03-05T00:00:00Z') } });

    // The Approved tab says it in words, and links each badge to its public page.
    session.actor = w.leader;
    const html = await proposalsPage('APPROVED');
    const text = textJoined(html);
    for (const words of ['Not started', 'Working on it', 'In review', 'Passed', 'Earned on 1 Feb 2026', 'Earned on 10 Jan 2026, then revoked', 'Suspended for now']) expect(text).toContain(words);
    expect(text.match(/Outcome:/g)).toHaveLength(9);
    for (const id of [gusBadge.id, halBadge.id, idaBadge.id]) expect(html).toContain(`href="/credentials/${id}"`);
    // No badge, no link.
    expect(html.match(/href="\/credentials\//g)).toHaveLength(3);
  });

  it('follows the teacher’s newest application and prefers a badge they still hold to a revoked one', async () => {
    const w = await world();
    // Earned, and renewing it now: still earned (the badge holds until it ends).
    const renewing = await w.approved('Ann Avery');
    const first = await badge(renewing.teacher, w.mc, { issuedAt: '2025-02-01T10:00:00Z' });
    await application(renewing.teacher, w.mc, 'DRAFT', 2);
    // A badge revoked, then earned again: the one held counts.
    const again = await w.approved('Bo Brown');
    await badge(again.teacher, w.mc, { issuedAt: '2025-03-01T10:00:00Z', revoked: true });
    const second = await badge(again.teacher, w.mc, { issuedAt: '2026-03-01T10:00:00Z', cycle: 2 });
    // Another credential's badge says nothing about this one.
    const elsewhere = await w.approved('Cy Cole');
    const { mc: otherMc } = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin });
    await badge(elsewhere.teacher, otherMc, { issuedAt: '2026-01-01T10:00:00Z' });

    const rows = await listDistrictProposals([w.district.id], { status: 'APPROVED' });
    const outcome = (id: string) => rows.find((r) => r.id === id)!.outcome;
    expect(outcome(renewing.proposalId)).toMatchObject({ state: 'earned', award: { id: first.id } });
    expect(outcome(again.proposalId)).toMatchObject({ state: 'earned', award: { id: second.id, revokedAt: null } });
    expect(outcome(elsewhere.proposalId)).toEqual({ state: 'not-started', award: null });
  });

  it('reads outcomes for the district’s own approved proposals and current teachers only', async () => {
    const w = await world();
    const ann = await w.approved('Ann Avery');
    const annBadge = await badge(ann.teacher, w.mc, { issuedAt: '2026-02-01T10:00:00Z' });
    // Another district's teacher and proposal, with a badge of their own.
    const xavier = await w.approved('Xavier Other', w.other.id, w.otherLeader);
    const xBadge = await badge(xavier.teacher, w.mc, { issuedAt: '2026-02-02T10:00:00Z' });
    // A teacher who has moved on: the district keeps its decision, not a view of their work.
    const moved = await w.approved('Mo Moved');
    const moBadge = await badge(moved.teacher, w.mc, { issuedAt: '2026-02-03T10:00:00Z' });
    await db.user.update({ where: { id: moved.teacher.id }, data: { districtId: w.other.id } });
    // Waiting and returned proposals carry no outcome (there is nothing to follow yet).
    const waiting = await createActor({ name: 'Wes Waiting', districtId: w.district.id });
    const waitingP = await saveProposal({ actor: waiting, microCredentialId: w.mc.id, studentGoals: 'Students give each other feedback they can use.', plan: '', submit: true });
    await badge(waiting, w.mc, { issuedAt: '2026-02-04T10:00:00Z' });

    const rows = await listDistrictProposals([w.district.id], { status: 'APPROVED' });
    expect(rows.map((r) => r.user.name).sort()).toEqual(['Ann Avery', 'Mo Moved']);
    expect(rows.find((r) => r.id === ann.proposalId)!.outcome).toMatchObject({ state: 'earned', award: { id: annBadge.id } });
    expect(rows.find((r) => r.id === moved.proposalId)!.outcome).toEqual({ state: 'left', award: null });
    const all = await listDistrictProposals([w.district.id]);
    expect(all.find((r) => r.id === waitingP.id)!.outcome).toBeNull();

    session.actor = w.leader;
    const html = await proposalsPage('APPROVED');
    expect(html).toContain(`/credentials/${annBadge.id}`);
    expect(html).not.toContain(moBadge.id);
    expect(html).not.toContain(xBadge.id);
    expect(textJoined(html)).toContain('No longer in your district');
    // The other district's leader sees their own teacher's badge, and nothing of this district's.
    session.actor = w.otherLeader;
    const theirs = await proposalsPage('APPROVED');
    expect(theirs).toContain(`/credentials/${xBadge.id}`);
    expect(theirs).not.toContain(annBadge.id);
    expect(theirs).not.toContain('Ann Avery');
  });

  it('shows a teacher who moved away without their new district’s school or a record link that finds no one', async () => {
    const w = await world();
    const north = await createOrg({ kind: 'SCHOOL', name: 'North School', parentId: w.district.id });
    const farSchool = await createOrg({ kind: 'SCHOOL', name: 'Far School', parentId: w.other.id });
    const ann = await w.approved('Ann Avery');
    await db.user.update({ where: { id: ann.teacher.id }, data: { schoolId: north.id } });
    // Mo, at North, moves to the other district and is placed at one of its schools; Ro's proposal
    // was returned before Ro moved.
    const mo = await w.approved('Mo Moved');
    await db.user.update({ where: { id: mo.teacher.id }, data: { districtId: w.other.id, schoolId: farSchool.id } });
    const ro = await createActor({ name: 'Ro Returned', districtId: w.district.id, schoolId: north.id });
    const roP = await saveProposal({ actor: ro, microCredentialId: w.mc.id, studentGoals: 'My grade 5 readers need feedback they can act on.', plan: '', submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: roP.id }, select: { version: true } });
    await decideProposal({ actor: w.leader, proposalId: roP.id, decision: 'RETURNED', comment: 'Say which readers.', version });
    await db.user.update({ where: { id: ro.id }, data: { districtId: w.other.id, schoolId: farSchool.id } });

    const rows = await listDistrictProposals([w.district.id]);
    const user = (id: string) => rows.find((r) => r.id === id)!.user;
    expect(user(ann.proposalId)).toEqual({ name: 'Ann Avery', email: ann.teacher.email, inDistrict: true, school: { name: 'North School' } });
    expect(user(mo.proposalId)).toEqual({ name: 'Mo Moved', email: mo.teacher.email, inDistrict: false, school: null });
    expect(user(roP.id)).toEqual({ name: 'Ro Returned', email: ro.email, inDistrict: false, school: null });

    session.actor = w.leader;
    for (const status of ['APPROVED', 'RETURNED']) {
      const html = await proposalsPage(status);
      const text = textJoined(html);
      expect(text).not.toContain('Far School');
      expect(text).toContain('no longer in Kettle Moraine');
      expect(html).not.toContain(encodeURIComponent(mo.teacher.email));
      expect(html).not.toContain(encodeURIComponent(ro.email));
    }
    const approved = await proposalsPage('APPROVED');
    // A teacher still in the district keeps both.
    expect(textJoined(approved)).toContain('North School');
    expect(approved).toContain(`/district/teachers?q=${encodeURIComponent(ann.teacher.email)}`);
  });

  it('reads a page’s outcomes in one statement, however many proposals it holds', async () => {
    const w = await world();
    const statements = async () => {
      const seen: string[] = [];
      const original = pg.Client.prototype.query;
      // Count what Prisma sends, as scripts/scale/explain.ts records it.
      pg.Client.prototype.query = function patched(this: pg.Client, config: unknown, ...rest: unknown[]) {
        if (config && typeof config === 'object' && 'text' in config) seen.push((config as { text: string }).text);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return (original as any).call(this, config, ...rest);
      } as typeof original;
      try {
        await listDistrictProposals([w.district.id], { status: 'APPROVED' });
      } finally {
        pg.Client.prototype.query = original;
      }
      const sent = seen.filter((t) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)/i.test(t));
      // Exactly one of them reads applications and badges.
      expect(sent.filter((t) => t.includes('"Award"') || t.includes('"Submission"'))).toHaveLength(1);
      return sent.length;
    };
    const one = await w.approved('Ann Avery');
    await badge(one.teacher, w.mc, { issuedAt: '2026-02-01T10:00:00Z' });
    const withOne = await statements();
    // The counter sees what Prisma sends: the proposals (and their relations), then the outcomes.
    expect(withOne).toBeGreaterThan(1);
    for (const name of ['Bo Brown', 'Cy Cole', 'Di Dunn', 'Ed Eng']) {
      const p = await w.approved(name);
      await badge(p.teacher, w.mc, { issuedAt: '2026-02-01T10:00:00Z' });
    }
    expect(await statements()).toBe(withOne);
  });
});

describe('finding a proposal', () => {
  it('by teacher name or email, or by the micro-credential’s title, and by school; the filters stay across tabs and pages', async () => {
    const w = await world();
    const north = await createOrg({ kind: 'SCHOOL', name: 'North School', parentId: w.district.id });
    const farSchool = await createOrg({ kind: 'SCHOOL', name: 'Far School', parentId: w.other.id });
    const second = (await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { title: 'Questioning for depth', level: 1 } })).mc;
    const ann = await w.approved('Ann Avery');
    await db.user.update({ where: { id: ann.teacher.id }, data: { schoolId: north.id } });
    await w.approved('Bo Brown');
    const cy = await createActor({ name: 'Cy Cole', districtId: w.district.id, schoolId: north.id });
    await saveProposal({ actor: cy, microCredentialId: second.id, studentGoals: 'My grade 6 students give one-word answers; I want deeper ones.', plan: 'Two lessons a week.', submit: true });

    const names = async (opts: Parameters<typeof listDistrictProposals>[1]) => (await listDistrictProposals([w.district.id], opts)).map((p) => p.user.name).sort();
    expect(await names({ status: 'APPROVED', q: 'ann' })).toEqual(['Ann Avery']);
    expect(await names({ status: 'APPROVED', q: ann.teacher.email.toUpperCase() })).toEqual(['Ann Avery']);
    expect(await names({ status: 'APPROVED', q: 'moves learning' })).toEqual(['Ann Avery', 'Bo Brown']);
    expect(await names({ status: 'SUBMITTED', q: 'questioning' })).toEqual(['Cy Cole']);
    expect(await names({ status: 'APPROVED', schoolId: north.id })).toEqual(['Ann Avery']);
    expect(await names({ status: 'APPROVED', schoolId: north.id, q: 'bo' })).toEqual([]);

    session.actor = w.leader;
    const html = renderToStaticMarkup(await ProposalsPage({ searchParams: Promise.resolve({ status: 'APPROVED', school: north.id }) }));
    expect(textJoined(html)).toContain('Ann Avery');
    expect(textJoined(html)).not.toContain('Bo Brown');
    expect(textJoined(html)).toContain('from teachers at North School');
    // The "Waiting" tab keeps the school.
    expect(html).toContain(`href="/district/proposals?status=SUBMITTED&amp;school=${north.id}"`);
    const none = renderToStaticMarkup(await ProposalsPage({ searchParams: Promise.resolve({ status: 'APPROVED', q: 'nobody by that name' }) }));
    expect(textJoined(none)).toContain('No proposals match');
    // Another district's school is refused, as another district is.
    await expect(ProposalsPage({ searchParams: Promise.resolve({ status: 'APPROVED', school: farSchool.id }) })).rejects.toThrow(/NEXT_REDIRECT/);
  });
});
