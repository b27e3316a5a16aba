// Shared builders for integration tests (and the seed): real rows through the real domain code.
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import type { OrgKind, Role } from '@/lib/generated/prisma/enums';
import { createMicroCredential, publishMicroCredential } from '@/lib/authoring/mutations';
import type { MicroCredentialDef } from '@/lib/authoring/schemas';
import { hashPassword } from '@/lib/auth/password';
import { startApplication } from '@/lib/submissions/mutations';
import type { z } from 'zod';
import { sampleDefinition, trackDefinition } from './definitions';

export { sampleDefinition, trackDefinition };

const uid = () => randomBytes(4).toString('hex');

export async function createOrg(opts: { kind: OrgKind; name?: string; slug?: string; parentId?: string; data?: Record<string, unknown> } ) {
  const id = uid();
  return db.organization.create({
    // No random second scoring unless a test asks for it (the schema's default samples 10%).
    data: { kind: opts.kind, name: opts.name ?? `${opts.kind.toLowerCase()} ${id}`, slug: opts.slug ?? `${opts.kind.toLowerCase()}-${id}`, parentId: opts.parentId ?? null, doubleScoreRate: 0, ...(opts.data ?? {}) },
  });
}

/** Creates a user with roles in organisations and returns them as the Actor domain code expects. */
/** A user and their Actor. Their email address is confirmed unless `emailVerified: false`. */
export async function createActor(opts: { name?: string; email?: string; password?: string; roles?: { role: Role; organizationId: string }[]; districtId?: string; schoolId?: string; emailVerified?: boolean } = {}): Promise<Actor> {
  const id = uid();
  const user = await db.user.create({
    data: {
      email: opts.email ?? `user-${id}@example.test`,
      name: opts.name ?? `Test User ${id}`,
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
      emailVerified: opts.emailVerified === false ? null : new Date(),
      districtId: opts.districtId ?? null,
      schoolId: opts.schoolId ?? null,
      memberships: { create: (opts.roles ?? []).map((r) => ({ role: r.role, organizationId: r.organizationId })) },
    },
  });
  return (await loadActor(user.id))!;
}

/** `userId` qualified for the micro-credential(s) by an admin's grant (`grantedById`), not yet calibrated. */
export async function qualify(userId: string, microCredentialIds: string | string[], grantedById: string) {
  const ids = typeof microCredentialIds === 'string' ? [microCredentialIds] : microCredentialIds;
  await db.reviewerQualification.createMany({ data: ids.map((microCredentialId) => ({ userId, microCredentialId, grantedById })) });
}

/**
 * A reviewer of `issuerId` (a REVIEWER there, or `role`; `otherRoles` are memberships besides it),
 * qualified for the micro-credential(s) by `grantedById`'s grant.
 */
export async function createQualifiedReviewer(opts: {
  issuerId: string;
  microCredentialIds: string | string[];
  grantedById: string;
  role?: 'REVIEWER' | 'ISSUER_ADMIN';
  otherRoles?: { role: Role; organizationId: string }[];
  name?: string;
  email?: string;
  schoolId?: string;
  districtId?: string;
}): Promise<Actor> {
  const { issuerId, microCredentialIds, grantedById, role = 'REVIEWER', otherRoles = [], ...person } = opts;
  const reviewer = await createActor({ ...person, roles: [{ role, organizationId: issuerId }, ...otherRoles] });
  await qualify(reviewer.id, microCredentialIds, grantedById);
  return reviewer;
}

/** An issuer with an admin, and a published micro-credential from `sampleDefinition`. */
export async function createPublishedCredential(opts: { issuerId?: string; admin?: Actor; def?: Partial<z.input<typeof MicroCredentialDef>> } = {}) {
  const issuer = opts.issuerId ? await db.organization.findUniqueOrThrow({ where: { id: opts.issuerId } }) : await createOrg({ kind: 'ISSUER' });
  const admin = opts.admin ?? (await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] }));
  const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition(opts.def) });
  await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
  const full = await db.microCredential.findUniqueOrThrow({
    where: { id: mc.id },
    select: {
      id: true, slug: true, issuerId: true, currentVersionId: true,
      currentVersion: { select: { id: true, parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, responseType: true } }, criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true } }, levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true } } } },
    },
  });
  return { issuer, admin, mc: full, version: full.currentVersion! };
}

/** An issuer and one of its admins. */
export async function createIssuerWithAdmin() {
  const issuer = await createOrg({ kind: 'ISSUER' });
  const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  return { issuer, admin };
}

/** A credential of `issuerId` titled `title` that was never published. */
export const createDraftCredential = (admin: Actor, issuerId: string, title: string) => createMicroCredential({ actor: admin, issuerId, def: sampleDefinition({ title }) });

/** A credential of `issuerId` titled `title`, created and published by `admin`: its row (with `slug`). */
export async function publishNewCredential(admin: Actor, issuerId: string, title: string, def: { level?: number; pdHours?: number } = {}) {
  return (await createPublishedCredential({ issuerId, admin, def: { title, ...def } })).mc;
}

/** The track's levels as stored: `level:address`, level 1 first. */
export const trackLevelsOf = async (trackId: string) =>
  (await db.microCredential.findMany({ where: { trackId }, orderBy: { level: 'asc' }, select: { slug: true, level: true } })).map((m) => `${m.level}:${m.slug}`);

/** Minimal valid PDF and PNG bytes for upload tests. */
export const SAMPLE_PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const SAMPLE_PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

/** The token of the newest invitation emailed to `email`, read from the outbox as the invitee would. */
export async function invitationTokenFor(email: string): Promise<string> {
  const mail = await db.emailMessage.findFirstOrThrow({ where: { to: email.toLowerCase(), text: { contains: '/invitations/' } }, orderBy: { createdAt: 'desc' } });
  return /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
}

let awardStatusIndex = 0;
/** A status-list index no other award of this test file has taken (for awards made by hand). */
export const nextStatusIndex = () => awardStatusIndex++;

/**
 * A badge of `mc` for `user`, its application earned, as issueAwardForSubmission leaves the row
 * (with a credential body that is not signed: for reports and pages, not verification). Revoked
 * or suspended on 5 March 2026 when asked.
 */
export async function createEarnedAward(
  user: Pick<Actor, 'id' | 'name'>,
  mc: { id: string; issuerId: string; currentVersionId: string | null },
  o: { title?: string; hours?: number; level: number | null; issuedAt: string; revoked?: boolean; suspended?: boolean; cycle?: number; validUntil?: Date },
) {
  const list = (await db.statusList.findFirst({ where: { issuerId: mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
  const submission = await db.submission.create({ data: { userId: user.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'EARNED', cycle: o.cycle ?? 1 } });
  return db.award.create({
    data: {
      userId: user.id, issuerId: mc.issuerId, microCredentialId: mc.id, versionId: mc.currentVersionId, submissionId: submission.id, title: o.title ?? 'Badge', pdHours: new Prisma.Decimal(o.hours ?? 5),
      level: o.level, recipientName: user.name, issuedAt: new Date(o.issuedAt), credential: {}, statusListId: list.id, statusListIndex: nextStatusIndex(), validUntil: o.validUntil ?? null,
      revokedAt: o.revoked ? new Date('2026-03-05') : null, suspendedAt: o.suspended ? new Date('2026-03-05') : null,
    },
  });
}

/**
 * `teacher`'s application of `microCredentialId`, marked earned (the review flow is tested
 * elsewhere): what issueAwardForSubmission takes. Returns the submission's id.
 */
export async function createEarnedSubmission(teacher: Actor, microCredentialId: string, data: { publicSummary?: string } = {}): Promise<string> {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED', ...data } });
  return sub.id;
}

/** `teacher`'s first attempt at `microCredentialId`, sent and waiting for review (due in ten days). Returns the attempt's id. */
export async function createWaitingAttempt(teacher: Actor, microCredentialId: string): Promise<string> {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  const now = new Date();
  await db.attempt.update({ where: { id: attempt.id }, data: { status: 'SUBMITTED', submittedAt: now, dueAt: new Date(now.getTime() + 10 * 86_400_000) } });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'SUBMITTED', lastSubmittedAt: now } });
  return attempt.id;
}

/**
 * `n` teachers ("Rater 0", "Rater 1", …) whose work on `microCredentialId` a reviewer decided on
 * (returned), so each may rate the micro-credential (lib/credential-feedback).
 */
export async function createRaters(microCredentialId: string, n: number): Promise<Actor[]> {
  const teachers: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const t = await createActor({ name: `Rater ${i}` });
    const attemptId = await createWaitingAttempt(t, microCredentialId);
    await db.attempt.update({ where: { id: attemptId }, data: { status: 'RETURNED', decidedAt: new Date() } });
    teachers.push(t);
  }
  return teachers;
}

