// The line under the application's title (/apply/{slug}): which try this is and the requirements it
// answers, in a teacher's words. A first try says no "attempt 1" (it is just the application); a
// revision says which attempt it is, as the rest of the page does ("Start revision (attempt 2)",
// "Earlier attempts"). The requirements are said by the date they were published; an application
// keeps the version it was started on, so their version is named only once the issuer has published
// a newer one, and then as not the newest. Published and started through the real domain code; the
// page rendered as the teacher gets it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { decodeEntities } from '../setup/html';
import { createActor, createPublishedCredential, sampleDefinition } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { startApplication, startRevision } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** The line under the title: the first paragraph after the heading. */
const applyLine = async (slug: string) => {
  const html = renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
  const line = /<\/h1>[\s\S]*?<p class="mt-1 text-slate-700">([\s\S]*?)<\/p>/.exec(html)?.[1];
  return line === undefined ? undefined : decodeEntities(line.replace(/<!-- -->/g, ''));
};
const publishedOn = (versionId: string, iso: string) => db.microCredentialVersion.update({ where: { id: versionId }, data: { publishedAt: new Date(iso) } });

describe('the line under the title of an application', () => {
  it('on a first try: the requirements by the date they were published, no attempt and no version number', async () => {
    const { mc, issuer, version } = await createPublishedCredential({ def: sampleDefinition({ title: 'Exit Tickets' }) });
    await publishedOn(version.id, '2026-03-03T10:00:00Z');
    const teacher = await createActor();
    session.actor = teacher;
    await startApplication({ actor: teacher, microCredentialId: mc.id });
    const line = await applyLine(mc.slug);
    expect(line).toBe(`Exit Tickets · ${issuer.name} · requirements published 3 March 2026`);
    expect(line).not.toMatch(/attempt|version/i);
  });

  it('names the version started on once a newer one is published, and only then; someone starting now answers the newer one', async () => {
    const { admin, mc, issuer, version } = await createPublishedCredential({ def: sampleDefinition({ title: 'Exit Tickets' }) });
    await publishedOn(version.id, '2026-03-03T10:00:00Z');
    const teacher = await createActor();
    session.actor = teacher;
    await startApplication({ actor: teacher, microCredentialId: mc.id });

    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: mc.slug, title: 'Exit Tickets, revised' }) });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id, now: new Date('2026-05-12T09:00:00Z') });
    expect(await applyLine(mc.slug)).toBe(
      `Exit Tickets · ${issuer.name} · requirements published 3 March 2026 (version 1, the one you started on; a newer version has been published since)`,
    );

    session.actor = await createActor();
    await startApplication({ actor: session.actor, microCredentialId: mc.id });
    expect(await applyLine(mc.slug)).toBe(`Exit Tickets, revised · ${issuer.name} · requirements published 12 May 2026`);
  });

  it('on a revision: which attempt it is, as "Start revision (attempt 2)" said', async () => {
    const w = await makeReviewWorld();
    await publishedOn(w.version.id, '2026-03-03T10:00:00Z');
    const reviewer = await w.reviewer();
    const teacher = await createActor();
    session.actor = teacher;
    const attemptId = await submitTextAttempt(w, teacher);
    await scoreAttempt(w, reviewer, attemptId, 'PRIMARY', [3, 1]);
    const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } });
    const title = (await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.version.id }, select: { title: true } })).title;

    // Returned, not yet revised: still the first try.
    expect(await applyLine(w.mc.slug)).toBe(`${title} · ${w.issuer.name} · requirements published 3 March 2026`);
    await startRevision({ actor: teacher, submissionId });
    expect(await applyLine(w.mc.slug)).toBe(`${title} · ${w.issuer.name} · attempt 2 · requirements published 3 March 2026`);
  });
});
