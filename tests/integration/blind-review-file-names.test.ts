// Blind review hides the teacher from everyone scoring; a file's own name ("Jane_Smith_Lincoln_MS_
// lesson.mp4") would give them away. Reviewers get neutral names from the file's place, in the
// workspace and in the name a download is saved under; the teacher keeps their own.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, SAMPLE_PDF } from '@/tests/factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { getApplication } from '@/lib/submissions/queries';
import { completeUpload, getCaptionsText, getEvidenceUrl, requestUpload } from '@/lib/evidence/uploads';
import { claimReview } from '@/lib/review/mutations';
import { getReviewWorkspace } from '@/lib/review/queries';
import { pairCaptions } from '@/lib/evidence/file-types';

const SAMPLE_MP4 = Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0, ...new TextEncoder().encode('isomiso2'), ...new Uint8Array(64)]);
const SAMPLE_VTT = new TextEncoder().encode('WEBVTT\n\n00:00.000 --> 00:04.000\nGood morning, everyone.\n');

// In upload order. The captions are named like the second video, so they belong to it (not to the
// first video, which the leftover rule would give them to if the names stopped matching).
const UPLOADS = [
  { fileName: 'Jane_Smith_intro.mp4', contentType: 'video/mp4', body: SAMPLE_MP4, neutral: 'Part 2 – file 1.mp4' },
  { fileName: 'Jane_Smith_Lincoln_MS_lesson.mp4', contentType: 'video/mp4', body: SAMPLE_MP4, neutral: 'Part 2 – file 2.mp4' },
  { fileName: 'Lincoln MS plan (Jane Smith).pdf', contentType: 'application/pdf', body: SAMPLE_PDF, neutral: 'Part 2 – file 3.pdf' },
  { fileName: 'Jane_Smith_Lincoln_MS_lesson.vtt', contentType: 'text/vtt', body: SAMPLE_VTT, neutral: 'Part 2 – file 2.vtt' },
];
const IDENTIFYING = ['Jane', 'Smith', 'Lincoln', 'intro'];

const def = {
  parts: [
    { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT' as const },
    { title: 'Classroom video', prompt: 'Upload your lesson.', responseType: 'FILES' as const, allowedTypes: ['video' as const, 'pdf' as const], maxFileBytes: 10 * 1024 * 1024, maxFiles: 3 },
  ],
  rubric: {
    levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
    criteria: [
      { title: 'Context', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] },
      { title: 'Lesson', partIndex: 1, descriptors: ['a', 'b', 'c', 'd'] },
    ],
    passingRule: { kind: 'ALL_AT_LEAST' as const, levelRank: 2 },
  },
};

/** A submitted attempt with the uploads above, claimed by a qualified reviewer. */
async function claimedAttempt(blindReview: boolean) {
  const school = await createOrg({ kind: 'SCHOOL', name: 'Lincoln Middle School' });
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def });
  const teacher = await createActor({ name: 'Jane Smith', email: `jane.smith-${mc.id}@lincoln.example.test`, schoolId: school.id });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
  const [context, videoPart] = version.parts;
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'A mixed Grade 7 group.', links: [], revision: 0 });
  const ids: string[] = [];
  for (const u of UPLOADS) {
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: videoPart.id, fileName: u.fileName, contentType: u.contentType, size: u.body.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(u.body), headers: { 'content-type': t.contentType } })).ok).toBe(true);
    await completeUpload({ actor: teacher, fileId: t.fileId });
    ids.push(t.fileId);
  }
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  const reviewer = await createQualifiedReviewer({ name: 'Rita Reviewer', issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const { reviewId } = await claimReview({ actor: reviewer, attemptId: attempt.id });
  return { mc, teacher, reviewer, admin, reviewId, ids };
}

/** Everything a page could be handed, as text (sizes are bigint). */
const serialise = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

/** The name a signed URL tells the browser to save or show the file under. */
async function signedName(actor: Actor, fileId: string, inline: boolean) {
  const url = new URL(await getEvidenceUrl({ actor, fileId, inline }));
  return url.searchParams.get('response-content-disposition');
}
const disposition = (kind: 'inline' | 'attachment', name: string) => `${kind}; filename*=UTF-8''${encodeURIComponent(name)}`;

beforeEach(resetDatabase);

describe('evidence file names under blind review', () => {
  it('never reach a reviewer: the workspace names files by their place, captions keep their video’s name', async () => {
    const w = await claimedAttempt(true);
    const ws = (await getReviewWorkspace({ actor: w.reviewer, reviewId: w.reviewId }))!;
    const text = serialise(ws);
    for (const word of IDENTIFYING) expect(text).not.toContain(word);
    for (const u of UPLOADS) expect(text).not.toContain(u.fileName);
    expect(ws.attempt.files.map((f) => [f.id, f.fileName])).toEqual(w.ids.map((id, i) => [id, UPLOADS[i].neutral]));
    // The captions still belong to the lesson video, as they do by their real names.
    const [intro, lesson, , captions] = w.ids;
    const paired = pairCaptions(ws.attempt.files);
    expect(paired.get(lesson)?.id).toBe(captions);
    expect(paired.has(intro)).toBe(false);
    // And the captions are still read out to the reviewer for the video's track.
    expect(await getCaptionsText({ actor: w.reviewer, fileId: captions })).toContain('Good morning');
  });

  it('never reach a reviewer or the issuer’s admins in the name a file opens or downloads under', async () => {
    const w = await claimedAttempt(true);
    for (const [i, id] of w.ids.entries()) {
      const url = await getEvidenceUrl({ actor: w.reviewer, fileId: id, inline: false });
      for (const word of IDENTIFYING) expect(decodeURIComponent(url)).not.toContain(word);
      expect(await signedName(w.reviewer, id, false)).toBe(disposition('attachment', UPLOADS[i].neutral));
      expect(await signedName(w.reviewer, id, true)).toBe(disposition('inline', UPLOADS[i].neutral));
      // Admins of the issuer (adjudicating, or opening a file from anywhere) are held to blind review too.
      expect(await signedName(w.admin, id, false)).toBe(disposition('attachment', UPLOADS[i].neutral));
    }
    // What storage answers with is the neutral name.
    const res = await fetch(await getEvidenceUrl({ actor: w.reviewer, fileId: w.ids[2], inline: false }));
    expect(res.ok).toBe(true);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(UPLOADS[2].neutral);
  });

  it('the teacher still sees and downloads their files under their own names', async () => {
    const w = await claimedAttempt(true);
    for (const [i, id] of w.ids.entries()) expect(await signedName(w.teacher, id, false)).toBe(disposition('attachment', UPLOADS[i].fileName));
    const app = (await getApplication(w.teacher, w.mc.slug))!;
    expect(app.submission!.attempts[0].files.map((f) => f.fileName)).toEqual(UPLOADS.map((u) => u.fileName));
  });

  it('without blind review, reviewers see the files’ own names', async () => {
    const w = await claimedAttempt(false);
    const ws = (await getReviewWorkspace({ actor: w.reviewer, reviewId: w.reviewId }))!;
    expect(ws.attempt.files.map((f) => f.fileName)).toEqual(UPLOADS.map((u) => u.fileName));
    expect(pairCaptions(ws.attempt.files).get(w.ids[1])?.id).toBe(w.ids[3]);
    for (const [i, id] of w.ids.entries()) expect(await signedName(w.reviewer, id, false)).toBe(disposition('attachment', UPLOADS[i].fileName));
  });
});
