// "Stop working on this" is a pause: the kept draft stays in sight on the dashboard and on the
// credential's page, and picking it up works even once the issuer has retired the credential, which
// still takes no one new. Also where "Study the resources" lands, and the resource counts the
// enrolled next step shows. Domain functions, actions and the real pages against Postgres; only who
// is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { hrefOf, textJoined } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { getStandings, getTeacherDashboard } from '@/lib/enrollment/queries';
import { enrollInMicroCredential, setResourceProgress, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { retireMicroCredential } from '@/lib/authoring/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: DashboardPage } = await import('@/app/dashboard/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { pickUpAgainAction } = await import('@/app/dashboard/actions');
const { enrollAction } = await import('@/app/micro-credentials/[slug]/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const dashboard = async () => renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
const credentialPage = async (slug: string, stopped = false) =>
  renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(stopped ? { stopped: '1' } : {}) }));

describe('stopped work on the dashboard', () => {
  it('lists stopped credentials that still have a draft or a revision, and nothing else', async () => {
    const drafted = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const revising = await createPublishedCredential({ issuerId: drafted.issuer.id, admin: drafted.admin, def: { title: 'Socratic Seminars' } });
    const empty = await createPublishedCredential({ issuerId: drafted.issuer.id, admin: drafted.admin, def: { title: 'Wait Time' } });
    const teacher = await createActor({ name: 'Maya Teacher', emailVerified: true });
    const colleague = await createActor();
    for (const { mc } of [drafted, revising, empty]) await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    const draft = await startApplication({ actor: teacher, microCredentialId: drafted.mc.id });
    const revision = await startApplication({ actor: teacher, microCredentialId: revising.mc.id });
    await db.submission.update({ where: { id: revision.id }, data: { status: 'NEEDS_REVISION' } });
    // A colleague's stopped draft is theirs alone.
    await enrollInMicroCredential({ actor: colleague, microCredentialId: empty.mc.id });
    await startApplication({ actor: colleague, microCredentialId: empty.mc.id });
    await withdrawFromMicroCredential({ actor: colleague, microCredentialId: empty.mc.id });

    expect((await getTeacherDashboard(teacher)).stopped).toEqual([]);
    for (const { mc } of [drafted, revising, empty]) await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });

    const data = await getTeacherDashboard(teacher);
    expect(data.enrollments).toEqual([]);
    // Nothing unsent on "Wait Time": stopping it simply ends it.
    expect(data.stopped.map((s) => [s.microCredential.id, s.submission.id, s.submission.status]).sort()).toEqual(
      [[drafted.mc.id, draft.id, 'DRAFT'], [revising.mc.id, revision.id, 'NEEDS_REVISION']].sort(),
    );

    session.actor = teacher;
    const html = await dashboard();
    expect(html).toContain('Stopped — your work is kept');
    expect(textJoined(html)).toContain('Pick up again: Exit Tickets');
    expect(textJoined(html)).toContain('Pick up again: Socratic Seminars');
    expect(textJoined(html)).not.toContain('Pick up again: Wait Time');
    // A real form posting the credential, so it works without JavaScript.
    expect(html).toMatch(new RegExp(`<form[^>]*>(?:(?!</form>).)*name="microCredentialId" value="${drafted.mc.id}"`));

    // Picking it up again opens the kept application and puts it back among the work in progress.
    expect(await redirectOf(pickUpAgainAction({ ok: true }, form({ microCredentialId: drafted.mc.id, slug: drafted.mc.slug })))).toBe(`/apply/${drafted.mc.slug}`);
    expect((await getStandings(teacher, [drafted.mc.id])).get(drafted.mc.id)).toMatchObject({ state: 'DRAFT', submissionId: draft.id });
    const after = await getTeacherDashboard(teacher);
    expect(after.enrollments.map((e) => e.microCredential?.id)).toEqual([drafted.mc.id]);
    expect(after.stopped.map((s) => s.microCredential.id)).toEqual([revising.mc.id]);
  });

  it('offers a stopped, retired credential with a draft, which a teacher can pick up again', async () => {
    const { admin, mc } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const teacher = await createActor({ emailVerified: true });
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    const draft = await startApplication({ actor: teacher, microCredentialId: mc.id });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });

    expect((await getTeacherDashboard(teacher)).stopped.map((s) => [s.microCredential.id, s.microCredential.status])).toEqual([[mc.id, 'RETIRED']]);

    // The credential's page promises what enrolling again does, not "no new enrolments".
    session.actor = teacher;
    const page = textJoined(await credentialPage(mc.slug, true));
    expect(page).toContain('You have a saved draft');
    expect(page).toContain('Pick up where you left off');
    expect(page).toContain('enrol again to pick up where you left off');
    expect(page).not.toContain('This micro-credential takes no new enrolments');

    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    expect((await getStandings(teacher, [mc.id])).get(mc.id)).toMatchObject({ state: 'DRAFT', submissionId: draft.id });
    expect(textJoined(await credentialPage(mc.slug))).toContain('Continue your application');
  });

  it('refuses a new enrolment in a retired credential, and a return with no work kept', async () => {
    const { admin, mc } = await createPublishedCredential();
    const quitter = await createActor();
    await enrollInMicroCredential({ actor: quitter, microCredentialId: mc.id });
    await withdrawFromMicroCredential({ actor: quitter, microCredentialId: mc.id });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    const newcomer = await createActor();

    for (const actor of [newcomer, quitter]) {
      await expect(enrollInMicroCredential({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/retired by its issuer/) });
      session.actor = actor;
      expect(await pickUpAgainAction({ ok: true }, form({ microCredentialId: mc.id, slug: mc.slug }))).toMatchObject({ ok: false, formError: expect.stringMatching(/no new enrolments/) });
      expect(textJoined(await credentialPage(mc.slug))).toContain('This micro-credential takes no new enrolments');
    }
    expect(await db.enrollment.count({ where: { microCredentialId: mc.id, withdrawnAt: null } })).toBe(0);
    expect((await getTeacherDashboard(quitter)).stopped).toEqual([]);
  });
});

describe('studying the resources', () => {
  const resources = [
    { kind: 'READING' as const, title: 'Feedback that moves learning forward', body: 'A short reading.', minutes: 20 },
    { kind: 'VIDEO' as const, title: 'Feedback in a year 8 class', url: 'https://example.org/video', minutes: 12 },
    { kind: 'ACTIVITY' as const, title: 'Plan three feedback moments', body: 'Try it.', minutes: 30 },
  ];

  it('enrolling lands on the page again with a notice that takes focus, since the Enrol button is gone', async () => {
    const { mc } = await createPublishedCredential();
    session.actor = await createActor();
    expect(await redirectOf(enrollAction({ ok: true }, form({ microCredentialId: mc.id, slug: mc.slug })))).toBe(`/micro-credentials/${mc.slug}?enrolled=1`);
    const html = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: mc.slug }), searchParams: Promise.resolve({ enrolled: '1' }) }));
    expect(html).toMatch(/<div tabindex="-1" class="no-print[^"]*"><div role="status"[^>]*>.*You are enrolled/);
    expect(textJoined(html)).toContain('It is on your dashboard with your progress.');
    // Without the parameter (a later visit) there is no notice.
    expect(textJoined(await credentialPage(mc.slug))).not.toContain('It is on your dashboard with your progress.');
  });

  it('the dashboard step opens the resources, which come first for an enrolled teacher, counted in the next step', async () => {
    const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', resources } });
    const teacher = await createActor({ emailVerified: true });
    const ids = (await db.resource.findMany({ where: { versionId: mc.currentVersionId! }, orderBy: { sortOrder: 'asc' }, select: { id: true, title: true } }));
    expect(ids.map((r) => r.title)).toEqual(resources.map((r) => r.title));

    // Signed out: the description first, the resources after it, under their own heading.
    const anonymous = await credentialPage(mc.slug);
    expect(anonymous).toMatch(/<section id="resources" aria-labelledby="resources-heading"[^>]*>/);
    expect(anonymous).toContain('<h2 id="resources-heading"');
    expect(anonymous.indexOf('id="competency"')).toBeLessThan(anonymous.indexOf('id="resources"'));

    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    await setResourceProgress({ actor: teacher, resourceId: ids[0].id, done: true });
    session.actor = teacher;
    expect(hrefOf(await dashboard(), 'Study the resources')).toBe(`/micro-credentials/${mc.slug}#resources`);

    const html = await credentialPage(mc.slug);
    // Once only, and before the description (a phone shows the resources first).
    expect(html.match(/id="resources"/g)).toHaveLength(1);
    expect(html.indexOf('id="resources"')).toBeLessThan(html.indexOf('id="competency"'));
    expect(textJoined(html)).toContain(`1 of 3 resources done · Next: ${resources[1].title}`);
    expect(hrefOf(html, resources[1].title)).toBe(`#resource-${ids[1].id}`);
    expect(html).toContain(`id="resource-${ids[1].id}"`);

    await setResourceProgress({ actor: teacher, resourceId: ids[1].id, done: true });
    expect(textJoined(await credentialPage(mc.slug))).toContain(`2 of 3 resources done · Next: ${resources[2].title}`);
    await setResourceProgress({ actor: teacher, resourceId: ids[2].id, done: true });
    const done = textJoined(await credentialPage(mc.slug));
    expect(done).toContain('All resources done — start your application');
    expect(done).not.toContain('resources done · Next');
    expect(hrefOf(await dashboard(), 'Start application')).toBe(`/apply/${mc.slug}`);
  });
});
