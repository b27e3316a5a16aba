// A district leader who also teaches in their district sends proposals like any teacher, but no one
// decides their own: it is not "waiting for them", they cannot approve it, they are not notified of
// it, and with no other active leader to decide it they cannot send it (it would block their
// evidence with no one to decide it). Real Postgres, the real pages.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { getProposalDecider, listDistrictProposals, needsProposal } from '@/lib/proposals/queries';
import { getDistrictHome } from '@/lib/district/queries';
import { ProposalWaiting } from '@/components/proposals/proposal-waiting';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ProposalsPage } = await import('@/app/district/proposals/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const GOALS = 'My grade 7 students will explain their reasoning in labs.';

/** Kettle Moraine (proposals required), Lee who leads it and teaches there, and a credential. */
async function world(opts: { colleague: boolean }) {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const { mc } = await createPublishedCredential({ def: { title: 'Feedback that moves learning' } });
  const lee = await createActor({ name: 'Lee Leads', districtId: district.id, roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }, { role: 'TEACHER', organizationId: district.id }] });
  const colleague = opts.colleague ? await createActor({ name: 'Cy Colleague', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] }) : null;
  return { district, mc, lee, colleague };
}

describe('a leader’s own proposal', () => {
  it('is not counted as waiting for them, but is for the other leader', async () => {
    const { district, mc, lee, colleague } = await world({ colleague: true });
    const teacher = await createActor({ name: 'Tia Teacher', districtId: district.id });
    await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    expect((await getDistrictHome({ actor: lee, districtId: district.id, since: new Date(0) })).pendingProposals).toBe(1);
    expect((await getDistrictHome({ actor: colleague!, districtId: district.id, since: new Date(0) })).pendingProposals).toBe(2);
  });

  it('cannot be decided by its sender, who is told another leader decides it; the other leader can', async () => {
    const { mc, lee, colleague } = await world({ colleague: true });
    const p = await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    await expect(decideProposal({ actor: lee, proposalId: p.id, decision: 'APPROVED', comment: '', version: p.version })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This is your own proposal, so you cannot approve or return it: another leader of your district decides it.',
    });
    expect((await db.proposal.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('SUBMITTED');
    await decideProposal({ actor: colleague!, proposalId: p.id, decision: 'APPROVED', comment: '', version: p.version });
    expect(await needsProposal(lee, mc.id)).toBe(false);
  });

  it('notifies the other leaders when sent, not its sender', async () => {
    const { mc, lee, colleague } = await world({ colleague: true });
    await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    const sent = (userId: string) => db.notification.count({ where: { userId, kind: 'proposal.submitted' } });
    expect(await sent(lee.id)).toBe(0);
    expect(await sent(colleague!.id)).toBe(1);
  });

  it('cannot be sent by the only active leader, with a plain message; it can once there is another', async () => {
    const { district, mc, lee } = await world({ colleague: false });
    // A disabled leader cannot decide it either.
    const gone = await createActor({ name: 'Al Gone', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const draft = await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: false, version: null });
    await expect(saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: draft.version })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'You are the only leader of Kettle Moraine on this site and cannot approve your own proposal, so it was not sent. Invite another district leader first (District, then People), or ask a platform administrator to add one. Meanwhile you can save it as a draft.',
    });
    expect(await db.proposal.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, submittedAt: true, version: true } })).toEqual({ status: 'DRAFT', submittedAt: null, version: draft.version });
    expect(await db.notification.count()).toBe(0);
    // The draft still saves.
    const saved = await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: `${GOALS} Weekly.`, plan: '', submit: false, version: draft.version });
    // A plain teacher of the same district is not refused: a platform administrator can still decide theirs.
    const teacher = await createActor({ districtId: district.id });
    await expect(saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null })).resolves.toMatchObject({ status: 'SUBMITTED' });

    const colleague = await createActor({ name: 'Cy Colleague', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await expect(saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: saved.version })).resolves.toMatchObject({ status: 'SUBMITTED' });
    expect(await db.notification.count({ where: { userId: colleague.id, kind: 'proposal.submitted' } })).toBe(1);
  });

  it('is listed to its sender as their own, with no form to decide it; another teacher’s has the form', async () => {
    const { district, mc, lee } = await world({ colleague: true });
    const teacher = await createActor({ name: 'Tia Teacher', districtId: district.id });
    const own = await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    const theirs = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    const rows = await listDistrictProposals([district.id], { status: 'SUBMITTED', viewerId: lee.id });
    expect(rows.map((r) => [r.id, r.own])).toEqual([[own.id, true], [theirs.id, false]]);

    session.actor = lee;
    const html = renderToStaticMarkup(await ProposalsPage({ searchParams: Promise.resolve({}) }));
    const cards = html.split('<article').slice(1);
    expect(cards).toHaveLength(2);
    const [leeCard, tiaCard] = [cards.find((c) => c.includes('Lee Leads'))!, cards.find((c) => c.includes('Tia Teacher'))!];
    expect(textJoined(leeCard)).toContain('Your own proposal: another leader decides it.');
    expect(leeCard).not.toContain(`comment-${own.id}`);
    expect(textJoined(leeCard)).not.toMatch(/Approve|Return with comment/);
    expect(tiaCard).toContain(`id="comment-${theirs.id}"`);
    expect(textJoined(tiaCard)).not.toContain('Your own proposal');
  });

  it('says plainly who can decide it when its sender is the only leader (their colleague left after it was sent)', async () => {
    const { district, mc, lee, colleague } = await world({ colleague: true });
    await saveProposal({ actor: lee, microCredentialId: mc.id, studentGoals: GOALS, plan: '', submit: true, version: null });
    await db.membership.deleteMany({ where: { userId: colleague!.id, organizationId: district.id } });
    const decider = (await getProposalDecider(lee))!;
    expect(decider).toEqual({ districtName: 'Kettle Moraine', leaderNames: [], otherLeaders: 0, youLead: true });
    const text = textJoined(renderToStaticMarkup(ProposalWaiting({ ...decider, submittedAt: null, applyHref: '/apply/x' })));
    expect(text).toContain('You are the only leader of Kettle Moraine on this site, and no one can approve their own proposal, so no district leader can decide it yet.');
    expect(text).toContain('Invite another district leader (District, then People)');
    expect(text).toContain('A platform administrator can also decide it, or invite a leader for you.');
    expect(text).not.toContain('has no district leader');
  });
});
