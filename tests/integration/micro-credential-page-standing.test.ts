// What a micro-credential's page offers a signed-in teacher, by where they stand: "Mark as done" on
// the resources only while they are enrolled (and a refusal said beside it, not the error page);
// the version their application follows when it is not the one shown; and their draft application
// when their district does not ask for a proposal, even though one was written. Real Postgres and
// the real page and action; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { hrefOf, textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { initialActionState } from '@/lib/action-result';
import { enrollInMicroCredential, RESOURCES_WHILE_WORKING, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { getApplicationVersion, getStandings } from '@/lib/enrollment/queries';
import { startApplication } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { saveProposal } from '@/lib/proposals/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { resourceProgressAction } = await import('@/app/micro-credentials/[slug]/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const DAY = 86_400_000;
const ISSUED = new Date('2025-01-15T10:00:00Z');
/** 24-month badges issued on ISSUED expire on 2027-01-15: renewal opens 90 days before. */
const IN_WINDOW = new Date(new Date('2027-01-15T10:00:00Z').getTime() - 30 * DAY);

const pageOf = async (slug: string) => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
const markDone = (resourceId: string, slug: string) => resourceProgressAction(initialActionState, form({ resourceId, slug, done: 'true' }));

describe('"Mark as done" on the resources', () => {
  it('is offered only while enrolled: not to a badge holder who started a renewal and stopped it, whose mark is refused in words', async () => {
    const { mc } = await createPublishedCredential({ def: { expiryMonths: 24 } });
    const resource = await db.resource.findFirstOrThrow({ where: { versionId: mc.currentVersionId! }, select: { id: true } });
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
    await issueAwardForSubmission(sub.id, { now: ISSUED });
    session.actor = teacher;

    // Holding the badge, still enrolled: the resources can be marked.
    expect(textOf(await pageOf(mc.slug))).toContain('Mark as done');
    expect(await markDone(resource.id, mc.slug)).toEqual({ ok: true });
    expect(await db.resourceProgress.count({ where: { userId: teacher.id, resourceId: resource.id } })).toBe(1);
    await db.resourceProgress.deleteMany({ where: { userId: teacher.id } });

    await startRenewal({ actor: teacher, microCredentialId: mc.id, now: IN_WINDOW });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    expect((await getStandings(teacher, [mc.id])).get(mc.id)).toMatchObject({ state: 'EARNED', renewalStopped: true });
    const stopped = textOf(await pageOf(mc.slug));
    expect(stopped).toContain('Continue your renewal');
    expect(stopped).not.toContain('Mark as done');
    expect(stopped).not.toContain('mark as not done');

    // A form still open in another tab: refused with a reason, as a form message (not the error page).
    expect(await markDone(resource.id, mc.slug)).toEqual({ ok: false, formError: RESOURCES_WHILE_WORKING });
    expect(await db.resourceProgress.count({ where: { userId: teacher.id } })).toBe(0);
  });

  it('answers a resource the teacher never enrolled for as not found, and a tampered form with a message', async () => {
    const { mc } = await createPublishedCredential();
    const resource = await db.resource.findFirstOrThrow({ where: { versionId: mc.currentVersionId! }, select: { id: true } });
    session.actor = await createActor();
    expect(await markDone(resource.id, mc.slug)).toMatchObject({ ok: false, formError: 'That resource could not be found.' });
    expect(await resourceProgressAction(initialActionState, form({ resourceId: resource.id, slug: mc.slug, done: 'maybe' }))).toMatchObject({ ok: false, formError: expect.stringContaining('Reload the page') });
    expect(await db.resourceProgress.count()).toBe(0);
  });
});

describe('an application on an earlier version of the credential', () => {
  it('says which version it follows, links to that version\'s page, and does not call the current prompts "what you will submit"', async () => {
    const { admin, mc } = await createPublishedCredential({ def: sampleDefinition({ title: 'Exit Tickets' }) });
    const early = await createActor();
    await startApplication({ actor: early, microCredentialId: mc.id });
    await saveMicroCredentialDraft({
      actor: admin, microCredentialId: mc.id,
      def: sampleDefinition({ slug: mc.slug, title: 'Exit Tickets, revised', parts: [{ title: 'New context', prompt: 'Describe your class now.', responseType: 'TEXT', wordLimit: 200 }], rubric: { levels: ['Beginning', 'Secure'], criteria: [{ title: 'Context, revised', partIndex: 0, descriptors: ['Thin', 'Full'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 1 } } }),
    });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await getApplicationVersion(early.id, mc.id)).toBe(1);

    session.actor = early;
    const html = await pageOf(mc.slug);
    const text = textOf(html);
    expect(text).toContain('Your application follows version 1 of this credential');
    expect(text).toContain('This page shows version 2, the current one.');
    expect(hrefOf(html, 'see what version 1 asks you to submit')).toBe(`/micro-credentials/${mc.slug}/versions/1`);
    // Said before what is to be submitted, which is headed as the current version's.
    expect(html.indexOf('data-application-version')).toBeLessThan(html.indexOf('id="requirements"'));
    expect(text).toContain('What version 2 asks for (yours follows version 1)');
    expect(text).not.toContain('What you will submit');

    // Sent and waiting for reviewers: still that version's rubric.
    await db.submission.updateMany({ where: { userId: early.id }, data: { status: 'SUBMITTED' } });
    expect(textOf(await pageOf(mc.slug))).toContain('Your application follows version 1 of this credential');

    // A teacher who starts now is on the current version; earned work and visitors get no note.
    const late = await createActor();
    await startApplication({ actor: late, microCredentialId: mc.id });
    session.actor = late;
    const current = textOf(await pageOf(mc.slug));
    expect(current).not.toContain('Your application follows version');
    expect(current).toContain('What you will submit');
    await db.submission.updateMany({ where: { userId: early.id }, data: { status: 'EARNED' } });
    session.actor = early;
    expect(textOf(await pageOf(mc.slug))).not.toContain('Your application follows version');
    session.actor = null;
    expect(textOf(await pageOf(mc.slug))).not.toContain('Your application follows version');
  });
});

describe('a draft application beside a proposal', () => {
  it('is continued when the district does not ask for proposals; held behind the proposal only where it does', async () => {
    const relaxed = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
    const requiring = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
    const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });

    // Wrote a proposal (the district asked for them then, or by choice), then started the application.
    const teacher = await createActor({ districtId: relaxed.id });
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My readers will explain their evidence.', plan: 'Weekly exit tickets.', submit: false });
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect((await getStandings(teacher, [mc.id])).get(mc.id)).toMatchObject({ state: 'DRAFT', submissionId: sub.id });
    session.actor = teacher;
    const text = textOf(await pageOf(mc.slug));
    expect(text).toContain('Continue your application');
    expect(text).not.toContain('Start your application');

    // Where a proposal is required and not yet approved, the proposal is the next step, as before.
    const asked = await createActor({ districtId: requiring.id });
    await enrollInMicroCredential({ actor: asked, microCredentialId: mc.id });
    await saveProposal({ actor: asked, microCredentialId: mc.id, studentGoals: 'My readers will explain their evidence.', plan: 'Weekly exit tickets.', submit: false });
    await startApplication({ actor: asked, microCredentialId: mc.id });
    expect((await getStandings(asked, [mc.id])).get(mc.id)).toEqual({ state: 'proposal', proposalStatus: 'DRAFT' });
    session.actor = asked;
    expect(textOf(await pageOf(mc.slug))).toContain('Finish your proposal');
  });
});
