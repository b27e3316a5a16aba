// Student privacy said before the evidence is collected, not first at the submit tick-box when the
// class has already been filmed: the application page gives PRIVACY_REMINDER on the "Start my
// application" card, and once beside the uploaders: in full above the first uploader on the page,
// and, when that part takes no photos, video or recordings, a short pointer to it from the first
// part that does. Never on every part, and not where nothing can be uploaded (sent, stopped, or a
// part kept from an earlier attempt). Real Postgres and domain code; the page rendered as the
// teacher gets it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { liveRegionsAround } from '../setup/live-regions';
import { createActor, createPublishedCredential, createWaitingAttempt, sampleDefinition } from '../factories';
import { enrollInMicroCredential, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { PRIVACY_REMINDER } from '@/lib/submissions/schemas';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const applyPage = async (slug: string) => renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
const count = (html: string, text: string) => html.split(text).length - 1;
const POINTER = 'Photos, video or recordings of students? Read the <a href="#privacy-reminder">student privacy reminder</a> above first.';
/** Where a part's uploader starts (its label), and where its files section starts. */
const uploaderOf = (title: string) => `Add files to “${title}”`;
const filesOf = (title: string) => `Files for ${title}`;

const MB = 1024 * 1024;
const criterion = (title: string, partIndex: number) => ({ title, partIndex, descriptors: ['None', 'Some', 'Clear', 'Rich'] });

/** A long application: a written part, a lesson plan (documents only), a reflection, a classroom video and photos of the board. */
const longDefinition = () =>
  sampleDefinition({
    title: 'Classroom Talk',
    parts: [
      { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT', wordLimit: 200 },
      { title: 'Lesson plan', prompt: 'Upload your plan.', responseType: 'FILES', allowedTypes: ['pdf', 'document'], maxFileBytes: 10 * MB, maxFiles: 2 },
      { title: 'Reflection', prompt: 'What did students say?', responseType: 'TEXT', wordLimit: 300 },
      { title: 'Classroom video', prompt: 'Ten minutes of the discussion.', responseType: 'FILES', allowedTypes: ['video'], maxFileBytes: 500 * MB, maxFiles: 1 },
      { title: 'Board photos', prompt: 'Photos of the board, with a caption each.', responseType: 'TEXT_AND_FILES', allowedTypes: ['image'], maxFileBytes: 10 * MB, maxFiles: 4 },
    ],
    rubric: {
      levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
      criteria: [criterion('Context', 0), criterion('Plan', 1), criterion('Reflection', 2), criterion('Talk moves', 3), criterion('Board work', 4)],
      passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 },
    },
  });

describe('the student privacy reminder on the application page', () => {
  it('is on the "Start my application" card, before the button, once', async () => {
    const { mc } = await createPublishedCredential({ def: longDefinition() });
    session.actor = await createActor();
    const html = await applyPage(mc.slug);
    expect(count(html, PRIVACY_REMINDER)).toBe(1);
    expect(html.indexOf(PRIVACY_REMINDER)).toBeLessThan(html.indexOf('Start my application</button>'));
    // Read in place, not announced as a status message.
    expect(liveRegionsAround(html, PRIVACY_REMINDER)).toEqual([]);
  });

  it('is said in full once, above the first uploader, with one pointer from the first part taking video or photos', async () => {
    const { mc } = await createPublishedCredential({ def: longDefinition() });
    const teacher = await createActor();
    session.actor = teacher;
    await startApplication({ actor: teacher, microCredentialId: mc.id });
    const html = await applyPage(mc.slug);

    expect(count(html, PRIVACY_REMINDER)).toBe(1);
    expect(count(html, 'id="privacy-reminder"')).toBe(1);
    // In the lesson plan's files, before its uploader: before anything is chosen to upload.
    const at = html.indexOf(PRIVACY_REMINDER);
    expect(html.indexOf(filesOf('Lesson plan'))).toBeLessThan(at);
    expect(at).toBeLessThan(html.indexOf(uploaderOf('Lesson plan')));
    // The video part, where filming comes in, points back to it; the photos after it do not.
    expect(count(html, POINTER)).toBe(1);
    const pointer = html.indexOf(POINTER);
    expect(html.indexOf(filesOf('Classroom video'))).toBeLessThan(pointer);
    expect(pointer).toBeLessThan(html.indexOf(uploaderOf('Classroom video')));
  });

  it('needs no pointer when the first uploader already takes photos', async () => {
    // sampleDefinition: one file part, "Student work", taking PDFs and images.
    const { mc } = await createPublishedCredential({ def: sampleDefinition() });
    const teacher = await createActor();
    session.actor = teacher;
    await startApplication({ actor: teacher, microCredentialId: mc.id });
    const html = await applyPage(mc.slug);
    expect(count(html, PRIVACY_REMINDER)).toBe(1);
    expect(html.indexOf(filesOf('Student work'))).toBeLessThan(html.indexOf(PRIVACY_REMINDER));
    expect(html.indexOf(PRIVACY_REMINDER)).toBeLessThan(html.indexOf(uploaderOf('Student work')));
    expect(html).not.toContain('href="#privacy-reminder"');
  });

  it('moves to the first part still open for uploads on a revision, and is gone while nothing can be uploaded', async () => {
    const { mc, version } = await createPublishedCredential({ def: longDefinition() });
    const teacher = await createActor();
    session.actor = teacher;
    const attemptId = await createWaitingAttempt(teacher, mc.id);
    // Sent: nothing can be uploaded, so nothing is said beside the (absent) uploaders.
    expect(await applyPage(mc.slug)).not.toContain(PRIVACY_REMINDER);

    // Returned with the lesson plan passed, and revised (as startRevision leaves it): the lesson
    // plan is kept as it was, with no uploader.
    const lessonPlan = version.parts[1];
    const { submissionId } = await db.attempt.update({ where: { id: attemptId }, data: { status: 'RETURNED', decidedAt: new Date() }, select: { submissionId: true } });
    await db.submission.update({ where: { id: submissionId }, data: { status: 'DRAFT' } });
    const next = await db.attempt.create({ data: { submissionId, number: 2 }, select: { id: true } });
    await db.partResponse.create({ data: { attemptId: next.id, partId: lessonPlan.id, carriedOver: true, revision: 1 } });

    // So the reminder is with the video, the first uploader on the page, and needs no pointer.
    const html = await applyPage(mc.slug);
    expect(html).not.toContain(uploaderOf('Lesson plan'));
    expect(count(html, PRIVACY_REMINDER)).toBe(1);
    expect(html.indexOf(filesOf('Classroom video'))).toBeLessThan(html.indexOf(PRIVACY_REMINDER));
    expect(html.indexOf(PRIVACY_REMINDER)).toBeLessThan(html.indexOf(uploaderOf('Classroom video')));
    expect(html).not.toContain('href="#privacy-reminder"');
  });

  it('is not beside the parts of stopped work, which cannot change until it is picked up', async () => {
    const { mc } = await createPublishedCredential({ def: longDefinition() });
    const stopper = await createActor();
    await enrollInMicroCredential({ actor: stopper, microCredentialId: mc.id });
    await startApplication({ actor: stopper, microCredentialId: mc.id });
    await withdrawFromMicroCredential({ actor: stopper, microCredentialId: mc.id });
    session.actor = stopper;
    const stopped = await applyPage(mc.slug);
    expect(stopped).toContain('Pick up where you left off');
    expect(stopped).not.toContain(PRIVACY_REMINDER);
  });
});
