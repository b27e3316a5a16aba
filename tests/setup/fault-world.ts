// One fixture world for the hardening suite (authorization matrix and hostile input): two issuers,
// two districts, teachers with real applications, uploaded evidence, reviews, a proposal and an award,
// all built through the domain code.
import pg from 'pg';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor, SAMPLE_PNG, sampleDefinition } from '@/tests/factories';
import { createMicroCredential } from '@/lib/authoring/mutations';
import { createIssuerTrack } from '@/lib/authoring/tracks';
import { createIssuerStack } from '@/lib/authoring/stacks';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { completeUpload, requestUpload } from '@/lib/evidence/uploads';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { saveProposal } from '@/lib/proposals/mutations';
import { inviteMember } from '@/lib/people/mutations';

const textOnly = textOnlyDefinition();

async function put(url: string, body: Uint8Array, contentType: string) {
  const res = await fetch(url, { method: 'PUT', body: Buffer.from(body), headers: { 'content-type': contentType } });
  if (!res.ok) throw new Error(`upload PUT failed: ${res.status}`);
}

type Mc = Awaited<ReturnType<typeof createPublishedCredential>>;

/** Fills every text part of a draft attempt and uploads a PNG to every file part; optionally submits. */
async function answer(actor: Actor, mc: Mc, attemptId: string, submit: boolean) {
  for (const p of mc.version.parts) {
    if (p.responseType === 'TEXT') {
      await saveResponse({ actor, attemptId, partId: p.id, text: 'My class is a mixed Grade 7 group working on fractions.', links: [], revision: 0 });
    } else {
      const t = await requestUpload({ actor, attemptId, partId: p.id, fileName: 'student-work.png', contentType: 'image/png', size: SAMPLE_PNG.byteLength });
      if (t.mode !== 'single') throw new Error('expected a single upload');
      await put(t.url, SAMPLE_PNG, t.contentType);
      await completeUpload({ actor, fileId: t.fileId });
    }
  }
  if (submit) await submitAttempt({ actor, attemptId });
}

async function draftAttempt(actor: Actor, microCredentialId: string) {
  const { id: submissionId } = await startApplication({ actor, microCredentialId });
  const a = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  return { submissionId, attemptId: a.id };
}

export async function buildWorld() {
  // Reviewers never score work from their own school (any issuer): RC is conflicted for T1's work.
  const issuerA = await createOrg({ kind: 'ISSUER', name: 'Issuer A', data: { doubleScoreRate: 0 } });
  const issuerB = await createOrg({ kind: 'ISSUER', name: 'Issuer B', data: { doubleScoreRate: 0 } });
  const d1 = await createOrg({ kind: 'DISTRICT', name: 'District One' });
  const s1 = await createOrg({ kind: 'SCHOOL', name: 'School One', parentId: d1.id });
  const d2 = await createOrg({ kind: 'DISTRICT', name: 'District Two' });
  const s2 = await createOrg({ kind: 'SCHOOL', name: 'School Two', parentId: d2.id });

  const adminA = await createActor({ name: 'Admin A', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuerA.id }] });
  const adminB = await createActor({ name: 'Admin B', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuerB.id }] });
  const leader1 = await createActor({ name: 'Leader One', roles: [{ role: 'DISTRICT_LEADER', organizationId: d1.id }], districtId: d1.id });
  const leader2 = await createActor({ name: 'Leader Two', roles: [{ role: 'DISTRICT_LEADER', organizationId: d2.id }], districtId: d2.id });
  const t1 = await createActor({ name: 'Teacher One', email: 't1@example.test', districtId: d1.id, schoolId: s1.id });
  const t2 = await createActor({ name: 'Teacher Two', email: 't2@example.test', districtId: d2.id, schoolId: s2.id });
  // Someone without any role, for role and membership changes.
  const newcomer = await createActor({ name: 'Newcomer' });

  // mcA: text + files parts (sample definition); mcB: text only at issuer B; mcC: another draft for T1.
  const mcA = await createPublishedCredential({ issuerId: issuerA.id, admin: adminA });
  const mcB = await createPublishedCredential({ issuerId: issuerB.id, admin: adminB, def: textOnly });
  const mcC = await createPublishedCredential({ issuerId: issuerA.id, admin: adminA });
  const mcA2 = await createPublishedCredential({ issuerId: issuerA.id, admin: adminA, def: textOnly });

  const reviewer = await createActor({ name: 'Reviewer R', roles: [{ role: 'REVIEWER', organizationId: issuerA.id }, { role: 'REVIEWER', organizationId: issuerB.id }], districtId: d2.id });
  const conflicted = await createActor({ name: 'Reviewer RC', roles: [{ role: 'REVIEWER', organizationId: issuerA.id }], districtId: d1.id, schoolId: s1.id });
  for (const r of [reviewer, conflicted]) {
    await db.reviewerQualification.create({ data: { userId: r.id, microCredentialId: mcA.mc.id, grantedById: adminA.id } });
  }
  await db.reviewerQualification.create({ data: { userId: reviewer.id, microCredentialId: mcB.mc.id, grantedById: adminB.id } });

  // T1: a submitted attempt on mcA with an uploaded file (awaiting review).
  const t1A = await draftAttempt(t1, mcA.mc.id);
  await answer(t1, mcA, t1A.attemptId, true);
  const t1File = await db.evidenceFile.findFirstOrThrow({ where: { attemptId: t1A.attemptId, status: 'UPLOADED' }, select: { id: true } });

  // T1 earned mcB (issuer B): reviewed and passed by R; the award is issued by issuer B.
  const t1B = await draftAttempt(t1, mcB.mc.id);
  await answer(t1, mcB, t1B.attemptId, true);
  const { reviewId: passReview } = await claimReview({ actor: reviewer, attemptId: t1B.attemptId });
  const levels = mcB.version.levels;
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: t1B.attemptId } })).version;
  await submitReview({
    actor: reviewer, reviewId: passReview, version: 0, attemptVersion,
    scores: mcB.version.criteria.map((c) => ({ criterionId: c.id, levelId: levels[3].id, feedback: 'Strong.' })), overallComment: 'Well done.',
  });
  const award = await db.award.findFirstOrThrow({ where: { userId: t1.id, microCredentialId: mcB.mc.id }, select: { id: true, statusListId: true } });

  // T1: a draft on mcC with both text parts answered, one pending upload (bytes sent, not yet
  // confirmed) and one pending upload to cancel.
  const t1C = await draftAttempt(t1, mcC.mc.id);
  const filePart = mcC.version.parts.find((p) => p.responseType === 'FILES')!;
  for (const p of mcC.version.parts.filter((x) => x.responseType === 'TEXT')) {
    await saveResponse({ actor: t1, attemptId: t1C.attemptId, partId: p.id, text: 'Draft answer.', links: [], revision: 0 });
  }
  const pendingToComplete = await requestUpload({ actor: t1, attemptId: t1C.attemptId, partId: filePart.id, fileName: 'a.png', contentType: 'image/png', size: SAMPLE_PNG.byteLength });
  if (pendingToComplete.mode !== 'single') throw new Error('expected a single upload');
  await put(pendingToComplete.url, SAMPLE_PNG, pendingToComplete.contentType);
  const pendingToRemove = await requestUpload({ actor: t1, attemptId: t1C.attemptId, partId: filePart.id, fileName: 'b.png', contentType: 'image/png', size: SAMPLE_PNG.byteLength });

  // T2: a submitted text-only attempt on mcA2 (for assignment), and their own draft on mcA.
  const t2A2 = await draftAttempt(t2, mcA2.mc.id);
  await answer(t2, mcA2, t2A2.attemptId, true);
  await db.reviewerQualification.create({ data: { userId: reviewer.id, microCredentialId: mcA2.mc.id, grantedById: adminA.id } });
  const t2A = await draftAttempt(t2, mcA.mc.id);

  // T1 sent a proposal to District One.
  const proposal = await saveProposal({ actor: t1, microCredentialId: mcC.mc.id, studentGoals: 'Students use feedback to revise their work within a week.', plan: 'Weekly cycles.', submit: true });

  // Issuer A's authoring objects: an unpublished draft credential, a draft track and a draft stack.
  const draftMc = await createMicroCredential({ actor: adminA, issuerId: issuerA.id, def: sampleDefinition() });
  const track = await createIssuerTrack({ actor: adminA, issuerId: issuerA.id, def: { slug: `track-a-${Date.now()}`, title: 'Track A', summary: 'A track.', topic: 'Assessment', levels: [mcA2.mc.slug] } });
  const stack = await createIssuerStack({ actor: adminA, issuerId: issuerA.id, def: { slug: `stack-a-${Date.now()}`, title: 'Stack A', summary: 'A stack.', microCredentials: [mcA.mc.slug, mcA2.mc.slug] } });

  // An open invitation for someone else's address.
  await inviteMember({ actor: adminA, organizationId: issuerA.id, email: 'invited-reviewer@example.test', role: 'REVIEWER' });
  const inviteToken = await invitationTokenFor('invited-reviewer@example.test');

  const reload = async (a: Actor) => (await loadActor(a.id))!;
  return {
    issuerA, issuerB, d1, s1, d2, s2,
    adminA, adminB, leader1, leader2, t1, t2, reviewer, conflicted, newcomer,
    mcA, mcB, mcC, mcA2, draftMc, track, stack,
    t1A, t1B, t1C, t2A, t2A2, t1File: t1File.id, filePartC: filePart.id,
    pendingToComplete: pendingToComplete.fileId, pendingToRemove: pendingToRemove.fileId,
    award, proposal, inviteToken, passReviewId: passReview, reload,
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

let fpPool: pg.Pool | undefined;
let fpSql: string | undefined;

/**
 * A fingerprint (md5 of every row) of each application table, to prove that nothing was written.
 * RateLimit is left out: counting an attempt is the point of a rate limit, denied or not.
 */
export async function tableFingerprints(): Promise<Record<string, string>> {
  fpPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, allowExitOnIdle: true });
  if (!fpSql) {
    const { rows } = await fpPool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'RateLimit') ORDER BY 1`,
    );
    fpSql = `SELECT ${rows.map((r) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${r.t}" x) AS "${r.t}"`).join(', ')}`;
  }
  const { rows } = await fpPool.query<Record<string, string>>(fpSql);
  return rows[0];
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}
