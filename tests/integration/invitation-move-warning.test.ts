// The invitation page warns a signed-in teacher that accepting another district's invitation moves
// them out of their district (getInvitation's `move`), in words that match what acceptInvitation
// then does (moveOutOfDistrict): proposals waiting there come back as drafts, its leaders are told,
// and it stops counting them. Only the invitee is told: a link seen by anyone else says nothing of
// the invitee's district. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { acceptInvitation, getInvitation, inviteMember } from '@/lib/people/mutations';
import { invitationMoveWarning } from '@/lib/people/invitation-words';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/app/invitations/[token]/actions', () => ({ acceptNewAccountAction: vi.fn(), acceptSignedInAction: vi.fn() }));

const { default: InvitationPage } = await import('@/app/invitations/[token]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const pageText = async (token: string) => textOf(renderToStaticMarkup(await InvitationPage({ params: Promise.resolve({ token }) })));

const MOVE = 'Accepting moves you from Maple Valley to River Bend.';
const BODY = 'Maple Valley will stop counting your credentials: it will no longer see your progress, its salary steps will no longer apply to you, and its reports will leave you out, past periods included. Its leaders are told you left. Your 2 proposals waiting for Maple Valley’s decision come back to you as drafts. Your account, work and badges stay yours.';

async function world() {
  const maple = await createOrg({ kind: 'DISTRICT', name: 'Maple Valley', data: { requiresProposal: true } });
  const mapleSchool = await createOrg({ kind: 'SCHOOL', name: 'Maple High', parentId: maple.id });
  const river = await createOrg({ kind: 'DISTRICT', name: 'River Bend' });
  const oak = await createOrg({ kind: 'SCHOOL', name: 'Oak High', parentId: river.id });
  const mapleLeader = await createActor({ name: 'Mo Maple', roles: [{ role: 'DISTRICT_LEADER', organizationId: maple.id }] });
  const riverLeader = await createActor({ name: 'Rae River', roles: [{ role: 'DISTRICT_LEADER', organizationId: river.id }] });
  const teacher = await createActor({ name: 'Tia Teacher', email: 'tia@example.org', districtId: maple.id, schoolId: mapleSchool.id, roles: [{ role: 'TEACHER', organizationId: mapleSchool.id }] });
  // Two proposals waiting for Maple Valley's decision, and a draft (not waiting for anyone).
  const proposals = [];
  for (const status of ['SUBMITTED', 'SUBMITTED', 'DRAFT'] as const) {
    const { mc } = await createPublishedCredential();
    proposals.push(await db.proposal.create({ data: { userId: teacher.id, districtId: maple.id, microCredentialId: mc.id, studentGoals: 'Better feedback loops in class.', status, submittedAt: status === 'SUBMITTED' ? new Date() : null } }));
  }
  return { maple, mapleSchool, river, oak, mapleLeader, riverLeader, teacher, proposals };
}

describe('accepting another district’s invitation, as the page says it', () => {
  it('the invitee, signed in, is told what they leave; accepting does just that', async () => {
    const w = await world();
    await inviteMember({ actor: w.riverLeader, organizationId: w.oak.id, email: 'tia@example.org', role: 'TEACHER' });
    const token = await invitationTokenFor('tia@example.org');

    expect(await getInvitation(token, { viewer: w.teacher })).toMatchObject({ state: 'open', organizationName: 'Oak High', move: { fromDistrict: 'Maple Valley', toDistrict: 'River Bend', proposalsWaiting: 2 } });
    expect(invitationMoveWarning({ fromDistrict: 'Maple Valley', toDistrict: 'River Bend', proposalsWaiting: 2 })).toEqual({ title: MOVE.slice(0, -1), body: BODY });

    session.actor = w.teacher;
    const text = await pageText(token);
    expect(text).toContain(`${MOVE} ${BODY}`);
    expect(text).toContain('Accept the invitation');

    // What the page said happens.
    await acceptInvitation({ token, actor: w.teacher });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.teacher.id }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.river.id, schoolId: w.oak.id });
    expect((await db.proposal.findMany({ where: { userId: w.teacher.id }, orderBy: { createdAt: 'asc' }, select: { status: true } })).map((p) => p.status)).toEqual(['DRAFT', 'DRAFT', 'DRAFT']);
    expect(await db.notification.findMany({ where: { userId: w.mapleLeader.id, kind: 'district.teacher_left' }, select: { title: true } })).toEqual([{ title: 'Tia Teacher left Maple Valley' }]);
    expect(await db.membership.findMany({ where: { userId: w.teacher.id }, select: { organizationId: true, role: true } })).toEqual([{ organizationId: w.oak.id, role: 'TEACHER' }]);
  });

  it('one proposal, or none, is said as such', () => {
    expect(invitationMoveWarning({ fromDistrict: 'A', toDistrict: 'B', proposalsWaiting: 1 }).body).toContain(' Your proposal waiting for A’s decision comes back to you as a draft. ');
    expect(invitationMoveWarning({ fromDistrict: 'A', toDistrict: 'B', proposalsWaiting: 0 }).body).not.toContain('proposal');
  });

  it('says nothing of a district to anyone but the signed-in invitee, nor when nothing moves', async () => {
    const w = await world();
    await inviteMember({ actor: w.riverLeader, organizationId: w.river.id, email: 'tia@example.org', role: 'TEACHER' });
    const token = await invitationTokenFor('tia@example.org');
    // Signed out, or someone else holding the link (one shown to whoever invited, say).
    expect(await getInvitation(token)).toMatchObject({ state: 'open', move: null });
    expect(await getInvitation(token, { viewer: w.riverLeader })).toMatchObject({ state: 'open', move: null });
    session.actor = w.riverLeader;
    expect(await pageText(token)).not.toContain('Maple Valley');
    session.actor = null;
    expect(await pageText(token)).not.toContain('Maple Valley');
    // The invitee sees it for a whole-district invitation too.
    expect(await getInvitation(token, { viewer: w.teacher })).toMatchObject({ move: { fromDistrict: 'Maple Valley', toDistrict: 'River Bend', proposalsWaiting: 2 } });

    // An invitation within their own district moves them out of nothing.
    const other = await createOrg({ kind: 'SCHOOL', name: 'Maple Middle', parentId: w.maple.id });
    await inviteMember({ actor: w.mapleLeader, organizationId: other.id, email: 'tia@example.org', role: 'TEACHER' });
    expect(await getInvitation(await invitationTokenFor('tia@example.org'), { viewer: w.teacher })).toMatchObject({ state: 'open', move: null });

    // A leader role moves nobody.
    const free = await createActor({ email: 'lead@example.org', districtId: w.maple.id });
    await inviteMember({ actor: w.riverLeader, organizationId: w.river.id, email: 'lead@example.org', role: 'DISTRICT_LEADER' });
    const leadToken = await invitationTokenFor('lead@example.org');
    expect(await getInvitation(leadToken, { viewer: free })).toMatchObject({ state: 'open', move: null });
    session.actor = free;
    expect(await pageText(leadToken)).not.toContain('Accepting moves you');
  });
});
