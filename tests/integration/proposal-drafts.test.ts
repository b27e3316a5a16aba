// Proposal drafts: a short start saves (only sending asks for enough to decide on), autosaves are
// checked against the version they were typed on, and nothing is saved once the proposal is sent.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { getProposalDecider, listDistrictProposals } from '@/lib/proposals/queries';
import { initialActionState } from '@/lib/action-result';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { saveProposalAction, autosaveProposalAction } = await import('@/app/micro-credentials/[slug]/proposal/actions');
const { default: ProposalPage } = await import('@/app/micro-credentials/[slug]/proposal/page');

const proposalPage = async (slug: string) => renderToStaticMarkup(await ProposalPage({ params: Promise.resolve({ slug }) }));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const { mc } = await createPublishedCredential();
  const teacher = await createActor({ districtId: district.id });
  session.actor = teacher;
  return { district, mc, teacher };
}

const stored = (userId: string) => db.proposal.findFirst({ where: { userId }, select: { studentGoals: true, plan: true, status: true, version: true, submittedAt: true } });

describe('saving a proposal draft', () => {
  it('saves a short start, and an empty draft, with Save draft and with autosave', async () => {
    const { mc, teacher } = await world();
    const r = await saveProposalAction(initialActionState, form({ microCredentialId: mc.id, studentGoals: 'Grade 4 maths', plan: '', intent: 'save', version: '' }));
    expect(r).toMatchObject({ ok: true, message: 'Draft saved.', data: { version: 0, sent: false } });
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: 'Grade 4 maths', status: 'DRAFT', version: 0 });

    const empty = await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: '', plan: '', version: 0 });
    expect(empty).toMatchObject({ ok: true, version: 1 });
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: '', plan: '', status: 'DRAFT' });
  });

  it('still refuses a draft over the maximum length, on the server', async () => {
    const { mc, teacher } = await world();
    const r = await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'x'.repeat(4001), plan: '', version: null });
    expect(r).toEqual({ ok: false, formError: '“How will this study serve your students’ learning goals?” is too long: use at most 4,000 characters (it has 4,001).', stop: false });
    expect(await stored(teacher.id)).toBeNull();
  });

  it('refuses to send a short proposal with a message on the student goals, keeping what was typed and the saved draft', async () => {
    const { mc, teacher } = await world();
    await saveProposalAction(initialActionState, form({ microCredentialId: mc.id, studentGoals: 'Grade 4 maths', intent: 'save', version: '' }));
    const r = await saveProposalAction(initialActionState, form({ microCredentialId: mc.id, studentGoals: 'Grade 4 fractions', plan: 'May', intent: 'submit', version: '0' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors?.studentGoals?.join(' ')).toContain('at least 20 characters');
    // Without JavaScript the page is rendered again from this result: the text comes back with it.
    expect(r.values).toEqual({ studentGoals: 'Grade 4 fractions', plan: 'May', version: 0 });
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: 'Grade 4 maths', status: 'DRAFT', submittedAt: null });
    // The domain refuses it too, whoever calls it.
    await expect(saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: '  Short.  ', plan: '', submit: true })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { studentGoals: [expect.stringContaining('at least 20')] } });
    expect(await stored(teacher.id)).toMatchObject({ status: 'DRAFT', version: 0 });
    expect(await db.notification.count({ where: { kind: 'proposal.submitted' } })).toBe(0);
  });

  it('refuses a stale autosave (another window saved since) and changes nothing', async () => {
    const { mc, teacher } = await world();
    const first = await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Start', plan: '', version: null });
    expect(first).toMatchObject({ ok: true, version: 0 });
    // Window A saves on top of version 0.
    expect(await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Window A text', plan: 'A plan', version: 0 })).toMatchObject({ ok: true, version: 1 });
    // Window B still has version 0.
    const stale = await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Window B text', plan: '', version: 0 });
    expect(stale).toMatchObject({ ok: false, stop: true });
    if (!stale.ok) expect(stale.formError).toMatch(/changed in another window/);
    // A second "first" save, from a window opened before there was any proposal.
    expect(await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Window C text', plan: '', version: null })).toMatchObject({ ok: false, stop: true });
    // The form's own post is checked the same way.
    const post = await saveProposalAction(initialActionState, form({ microCredentialId: mc.id, studentGoals: 'Window B text, sent from the stale window.', intent: 'submit', version: '0' }));
    expect(post).toMatchObject({ ok: false, stop: true });
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: 'Window A text', plan: 'A plan', status: 'DRAFT', version: 1 });
  });

  it('lets exactly one of two saves on the same version through, first save or later', async () => {
    const { mc, teacher } = await world();
    const firsts = await Promise.all(['Tab A', 'Tab B'].map((studentGoals) => autosaveProposalAction({ microCredentialId: mc.id, studentGoals, plan: '', version: null })));
    expect(firsts.filter((r) => r.ok)).toHaveLength(1);
    expect(firsts.find((r) => !r.ok)).toMatchObject({ stop: true, formError: expect.stringMatching(/changed in another window/) });
    const later = await Promise.all(['Tab A again', 'Tab B again'].map((studentGoals) => autosaveProposalAction({ microCredentialId: mc.id, studentGoals, plan: '', version: 0 })));
    expect(later.filter((r) => r.ok)).toHaveLength(1);
    expect(later.find((r) => !r.ok)).toMatchObject({ stop: true });
    expect(await stored(teacher.id)).toMatchObject({ version: 1 });
    expect(await db.proposal.count({ where: { userId: teacher.id } })).toBe(1);
  });

  it('refuses an autosave once the proposal is sent, even on the version just sent', async () => {
    const { mc, teacher } = await world();
    await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Start', plan: '', version: null });
    const sent = await saveProposalAction(initialActionState, form({ microCredentialId: mc.id, studentGoals: 'My grade 7 students will explain their reasoning in labs.', plan: '', intent: 'submit', version: '0' }));
    expect(sent).toMatchObject({ ok: true, data: { version: 1, sent: true } });
    for (const version of [0, 1]) {
      const late = await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Typed after sending', plan: '', version });
      expect(late).toMatchObject({ ok: false, stop: true });
    }
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: 'My grade 7 students will explain their reasoning in labs.', status: 'SUBMITTED', version: 1 });
  });

  it('after a return, saves on the returned version only: a copy typed before the decision is stale', async () => {
    const { district, mc, teacher } = await world();
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const p = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'Students explain their reasoning in writing.', plan: '', submit: true, version: null });
    await decideProposal({ actor: leader, proposalId: p.id, decision: 'RETURNED', comment: 'Say how you will measure it.', version: p.version });
    session.actor = teacher;
    expect(await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Typed before the decision', plan: '', version: p.version })).toMatchObject({ ok: false, stop: true });
    expect(await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Students explain their reasoning; a rubric', plan: '', version: p.version + 1 })).toMatchObject({ ok: true, version: p.version + 2 });
    // Still "returned" while the teacher revises: the leader keeps seeing it under Returned.
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: 'Students explain their reasoning; a rubric', status: 'RETURNED' });
    expect((await listDistrictProposals([district.id], { status: 'RETURNED' })).map((x) => x.id)).toEqual([p.id]);
  });
});

describe('a sent or returned proposal stays as decided', () => {
  it('a post without the version is refused as out of date, and a sent proposal is never sent again', async () => {
    const { district, mc, teacher } = await world();
    await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const noVersion = await saveProposalAction(initialActionState, form({ microCredentialId: mc.id, studentGoals: 'My grade 7 students will explain their reasoning in labs.', intent: 'submit' }));
    expect(noVersion).toMatchObject({ ok: false, stop: true, formError: expect.stringMatching(/out of date/) });
    expect(await stored(teacher.id)).toBeNull();

    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My grade 7 students will explain their reasoning in labs.', plan: '', submit: true, version: null });
    const notices = () => db.notification.count({ where: { kind: 'proposal.submitted' } });
    const before = await notices();
    // Even with no version check (a direct call), a sent proposal is not rewritten or re-sent.
    await expect(saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'Rewritten while the leader reads it.', plan: '', submit: true })).rejects.toThrow(/already sent/);
    expect(await stored(teacher.id)).toMatchObject({ studentGoals: 'My grade 7 students will explain their reasoning in labs.', status: 'SUBMITTED' });
    expect(await notices()).toBe(before);
  });

  it('revising a returned proposal keeps its sent date, and the district keeps the text as it was returned until it is sent again', async () => {
    const { district, mc, teacher } = await world();
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const p = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'Students explain their reasoning in writing.', plan: 'Spring term.', submit: true, version: null });
    const sentAt = (await stored(teacher.id))!.submittedAt;
    expect(sentAt).not.toBeNull();
    await decideProposal({ actor: leader, proposalId: p.id, decision: 'RETURNED', comment: 'Say how you will measure it.', version: p.version });
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: '', plan: '', submit: false, version: p.version + 1 });
    expect(await stored(teacher.id)).toMatchObject({ status: 'RETURNED', studentGoals: '', submittedAt: sentAt });
    // Kept with the proposal (it goes with the teacher's account), not in the audit log, which outlives it.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'proposal.returned', entityId: p.id } });
    expect(entry.data).toEqual({ comment: 'Say how you will measure it.' });
    // The leader's Returned tab shows what they returned, not the teacher's unsent revision.
    const [row] = await listDistrictProposals([district.id], { status: 'RETURNED' });
    expect(row).toMatchObject({ id: p.id, studentGoals: 'Students explain their reasoning in writing.', plan: 'Spring term.', textAsReturned: true, submittedAt: sentAt });
    // Sent again: the leader decides on the revision.
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'Students explain their reasoning; I will use a rubric.', plan: '', submit: true, version: p.version + 2 });
    const [again] = await listDistrictProposals([district.id], { status: 'SUBMITTED' });
    expect(again).toMatchObject({ id: p.id, studentGoals: 'Students explain their reasoning; I will use a rubric.', plan: '' });
    expect(await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { returnedStudentGoals: true, returnedPlan: true } })).toEqual({ returnedStudentGoals: null, returnedPlan: null });
  });
});

describe('who decides a sent proposal', () => {
  it('names the district and its active leaders, never the teacher themself', async () => {
    const { district, teacher } = await world();
    expect(await getProposalDecider(teacher)).toEqual({ districtName: 'Kettle Moraine', leaderNames: [], otherLeaders: 0, youLead: false });
    for (const name of ['Dee Lane', 'Ann Berg', 'Cy Moss', 'Bo Hart']) await createActor({ name, roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const gone = await createActor({ name: 'Al Gone', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await createActor({ name: 'Other District', roles: [{ role: 'DISTRICT_LEADER', organizationId: (await createOrg({ kind: 'DISTRICT' })).id }] });
    const leaderTeacher = await createActor({ name: 'Aa Self', districtId: district.id, roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    expect(await getProposalDecider(teacher)).toEqual({ districtName: 'Kettle Moraine', leaderNames: ['Aa Self', 'Ann Berg', 'Bo Hart'], otherLeaders: 2, youLead: false });
    expect(await getProposalDecider(leaderTeacher)).toEqual({ districtName: 'Kettle Moraine', leaderNames: ['Ann Berg', 'Bo Hart', 'Cy Moss'], otherLeaders: 1, youLead: true });
  });
});

describe('the proposal page', () => {
  it('posts the version it was loaded with, and lets an empty or short draft be saved without the browser asking for the goals', async () => {
    const { mc } = await world();
    const fresh = await proposalPage(mc.slug);
    expect(fresh).toMatch(/<input type="hidden" name="version" value=""\/>/);
    expect(fresh).toMatch(/<button type="submit" value="save" formNoValidate=""[^>]*name="intent">Save draft<\/button>/);
    await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Grade 4', plan: '', version: null });
    await autosaveProposalAction({ microCredentialId: mc.id, studentGoals: 'Grade 4 fractions', plan: '', version: 0 });
    const html = await proposalPage(mc.slug);
    expect(html).toMatch(/<input type="hidden" name="version" value="1"\/>/);
    expect(html).toContain('>Grade 4 fractions</textarea>');
  });

  it('once sent, says when, which district decides and whom to ask, without promising a turnaround', async () => {
    const { district, mc, teacher } = await world();
    await createActor({ name: 'Ann Berg', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await createActor({ name: 'Bo Hart', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    session.actor = teacher;
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My grade 7 students will explain their reasoning in labs.', plan: '', submit: true, version: null });
    await db.proposal.updateMany({ where: { userId: teacher.id }, data: { submittedAt: new Date('2026-11-24T09:00:00Z') } });
    const text = textJoined(await proposalPage(mc.slug));
    expect(text).toContain('Waiting for a decision from Kettle Moraine');
    expect(text).toContain('Sent on 24 November 2026.');
    expect(text).toContain('Your district leaders are Ann Berg and Bo Hart. If you need an answer or want to talk it through, you can ask any of them.');
    // No address of theirs is given out here: the page says how to reach them instead.
    expect(text).toContain('This site does not share leaders’ email addresses: reach them through your school office or the district office');
    expect(text).not.toMatch(/within a week|Most districts/);
    // Nothing to edit or send any more.
    expect(text).not.toContain('Save draft');
  });

  it('says so when the district has no leader on the site to decide', async () => {
    const { mc, teacher } = await world();
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My grade 7 students will explain their reasoning in labs.', plan: '', submit: true });
    const text = textJoined(await proposalPage(mc.slug));
    expect(text).toContain('No district leader at Kettle Moraine can decide it on this site yet.');
    // A platform administrator leads every district: they can decide it, or invite a leader.
    expect(text).toContain('ask a platform administrator: they can decide it for the district, or invite a leader who can.');
  });
});
