import 'server-only';
import { safeHttpUrl } from '@/lib/security/safe-url';
import { blocksStackIssue, lockAwardStanding, releaseStackHolds, REVOKED_WITH_PART_LIKE } from '@/lib/awards/stack-holds';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { validUntilFor } from '@/lib/submissions/renewal-policy';
import { Prisma } from '@/lib/generated/prisma/client';
import { buildOpenBadgeCredential, type AchievementInput } from '@/lib/credentials/build';
import { signCredential } from '@/lib/credentials/sign';
import { getSigningKey } from '@/lib/awards/keys';
import { allocateStatusEntry, statusListUrl } from '@/lib/awards/status-lists';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { dayLongFmt } from '@/lib/dates';
import { invalidState, notFound } from '@/lib/errors';
import { holdsEveryPart, validPartAwards } from '@/lib/awards/queries';
import { stackCountSentence, stacksCountingToward } from '@/lib/awards/stack-progress';
import { badgeIssuerDescription, stackHours } from '@/lib/awards/badge-fields';
import { feedbackInvitation, withInvitation } from '@/lib/credential-feedback/invitation';

const url = (path: string) => new URL(path, env().APP_URL).toString();
export const credentialUrl = (awardId: string) => url(`/credentials/${awardId}`);

async function issuerProfile(issuerId: string, did: string) {
  const issuer = await db.organization.findUniqueOrThrow({ where: { id: issuerId }, select: { name: true, slug: true, url: true, email: true, description: true } });
  return {
    id: did,
    name: issuer.name,
    url: issuer.url ?? url(`/issuers/${issuer.slug}`),
    ...(issuer.email ? { email: issuer.email } : {}),
    // By whole characters: cutting between the halves of an emoji leaves text Postgres's jsonb refuses.
    ...(issuer.description ? { description: badgeIssuerDescription(issuer.description) } : {}),
  };
}

/**
 * Issues the signed Open Badges 3.0 credential for an earned submission. Idempotent: the award
 * row is unique per submission, so a retry (or a second app server) returns the same award.
 * Then awards any stack the teacher has now completed.
 */
export async function issueAwardForSubmission(submissionId: string, opts: { now?: Date } = {}): Promise<{ awardId: string }> {
  const now = opts.now ?? new Date();
  const existing = await db.award.findUnique({ where: { submissionId }, select: { id: true, userId: true, microCredentialId: true } });
  if (existing) {
    // A retry after the award was stored but its stacks were not (a failure after the award's
    // transaction): the stack steps are safe to run again, and nothing else would run them.
    if (existing.microCredentialId) await awardStacksFor(existing.userId, existing.microCredentialId, now);
    return { awardId: existing.id };
  }
  const s = await db.submission.findUnique({
    where: { id: submissionId },
    select: {
      id: true, status: true, publicSummary: true, userId: true, cycle: true,
      user: { select: { email: true, name: true, publicName: true } },
      microCredential: { select: { id: true, slug: true, level: true, issuerId: true, topic: true } },
      version: {
        select: {
          id: true, version: true, title: true, summary: true, competency: true, pdHours: true, expiryMonths: true, level: true, topic: true,
          passingLevelRank: true, levels: { select: { rank: true, label: true } }, criteria: { orderBy: { sortOrder: 'asc' }, select: { title: true } },
          alignments: { select: { targetName: true, targetUrl: true, targetDescription: true, targetFramework: true, targetCode: true } },
        },
      },
    },
  });
  if (!s) throw notFound('That submission');
  if (s.status !== 'EARNED') throw invalidState('Only an earned submission can be awarded.');
  const v = s.version;
  const mc = s.microCredential;
  // The level (and topic) of the version earned, as its page (the achievement id below) shows it: a later version,
  // or a track, may have moved the credential to another level since the teacher applied. Versions
  // saved before classification was versioned have none of their own and take the credential's.
  const level = v.level ?? mc.level;
  const topic = v.topic ?? mc.topic;
  const key = await getSigningKey(mc.issuerId);
  const passing = v.levels.find((l) => l.rank === v.passingLevelRank)?.label ?? 'the passing level';
  // Only standards with a web address are signed: a version published before links were limited to
  // http(s) (ADR 020) may hold a javascript: one, and Open Badges requires each alignment's targetUrl,
  // so such an entry is left out of the badge rather than signed or blanked.
  const alignments = v.alignments.filter((a) => safeHttpUrl(a.targetUrl) !== null);
  const achievement: AchievementInput = {
    // The version earned, on its own read-only page (app/micro-credentials/[slug]/versions/[n]), so
    // the requirements and rubric it names are the ones reviewed, not whatever is current. Badges
    // issued before this signed `/micro-credentials/{slug}#version-{n}` instead (an anchor the page
    // never had): their stored credentials are left exactly as signed, so they verify as before. A
    // wallet grouping badges by achievement id sees the two forms as different achievements.
    id: url(`/micro-credentials/${mc.slug}/versions/${v.version}`),
    name: v.title,
    description: v.summary,
    criteria: {
      // The rubric of the version earned, on that version's page.
      id: url(`/micro-credentials/${mc.slug}/versions/${v.version}#rubric`),
      narrative: `${v.competency}\n\nEvidence was reviewed against a published rubric; every criterion (${v.criteria.map((c) => c.title).join('; ')}) reached “${passing}” or higher.`,
    },
    achievementType: 'MicroCredential',
    creditsAvailable: Number(v.pdHours),
    tag: [topic, ...(level ? [`Level ${level}`] : [])],
    version: String(v.version),
    inLanguage: 'en',
    ...(alignments.length ? { alignment: alignments.map((a) => ({ ...a, targetDescription: a.targetDescription ?? undefined, targetFramework: a.targetFramework ?? undefined, targetCode: a.targetCode ?? undefined })) } : {}),
  };
  const awardId = randomUUID();
  const recipientName = s.user.publicName || s.user.name;
  // A renewal (a later cycle) runs on from the badge it renews when that one is still valid.
  const renewed = s.cycle > 1
    ? await db.award.findFirst({ where: { userId: s.userId, microCredentialId: mc.id, submission: { cycle: s.cycle - 1 }, revokedAt: null, suspendedAt: null }, select: { validUntil: true } })
    : null;
  const validUntil = validUntilFor(now, v.expiryMonths, renewed?.validUntil);

  // Short transactions only: reserve a status index, sign outside any transaction (signing takes
  // milliseconds to seconds), then insert. A concurrent issuer loses on the unique submissionId.
  const profile = await issuerProfile(mc.issuerId, key.did);
  const status = await db.$transaction((tx) => allocateStatusEntry(tx, mc.issuerId, key.keyId));
  const unsigned = buildOpenBadgeCredential({
    id: credentialUrl(awardId),
    issuer: profile,
    achievement: { ...achievement, image: { id: url(`/credentials/${awardId}/badge.png`), caption: `${v.title} badge` } },
    recipient: { email: s.user.email },
    validFrom: now,
    ...(validUntil ? { validUntil } : {}),
    awardedDate: now,
    name: v.title,
    image: { id: url(`/credentials/${awardId}/badge.png`) },
    creditsEarned: Number(v.pdHours),
    ...(s.publicSummary ? { evidence: [{ id: url(`/credentials/${awardId}#evidence`), name: 'Summary of evidence', narrative: s.publicSummary }] } : {}),
    credentialStatus: { statusListCredential: statusListUrl(status.statusListId), statusListIndex: status.statusListIndex, statusPurpose: 'revocation' },
  });
  const signed = await signCredential(unsigned, key);
  // A first badge (not a renewal, whose part already counted) tells the teacher which stacks it moves on.
  const counts = s.cycle > 1 ? '' : stackCountSentence(await stacksCountingToward(s.userId, mc.id));
  let award: { id: string; created: boolean };
  try {
    award = await db.$transaction(async (tx) => {
      await tx.award.create({
        data: {
          id: awardId, userId: s.userId, issuerId: mc.issuerId, microCredentialId: mc.id, versionId: v.id, submissionId: s.id,
          title: v.title, pdHours: v.pdHours, level, recipientName, issuedAt: now, validUntil: validUntil ?? null,
          credential: signed as unknown as Prisma.InputJsonValue, statusListId: status.statusListId, statusListIndex: status.statusListIndex,
        },
      });
      await recordAudit({ actorId: null, action: 'award.issue', entityType: 'Award', entityId: awardId, organizationId: mc.issuerId, data: { submissionId, userId: s.userId } }, tx);
      // A first badge invites the teacher to tell the issuer how it went (empty once they have).
      const invite = s.cycle > 1 ? '' : await feedbackInvitation(tx, { userId: s.userId, microCredentialId: mc.id, slug: mc.slug });
      await notify(
        s.cycle > 1
          ? { userId: s.userId, kind: 'award.issued', title: `You renewed “${v.title}”`, body: validUntil ? `Your new badge is valid until ${dayLongFmt.format(validUntil)}. Share it in place of the old one.` : 'Your new badge is ready to share.', href: `/credentials/${awardId}` }
          : { userId: s.userId, kind: 'award.issued', title: `You earned “${v.title}”`, body: withInvitation(counts ? `Your verifiable badge is ready to share. ${counts}` : 'Your verifiable badge is ready to share.', invite), href: `/credentials/${awardId}` },
        tx,
      );
      return { id: awardId, created: true };
    });
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    const winner = await db.award.findUniqueOrThrow({ where: { submissionId }, select: { id: true } });
    award = { id: winner.id, created: false };
  }
  // Also when another server stored the award first: its stack steps may not have run yet, and
  // running them twice awards nothing twice.
  await awardStacksFor(s.userId, mc.id, now);
  return { awardId: award.id };
}

/** After a badge is stored: stacks it completes are awarded, and stack badges on hold for want of it stand again. */
async function awardStacksFor(userId: string, microCredentialId: string, now: Date) {
  await issueCompletedStacks(userId, microCredentialId, now);
  // Earned again (a renewal, or after a revocation): stack badges on hold for want of it stand again.
  await releaseStackHolds(userId, microCredentialId);
}

/**
 * Awards every published stack containing `microCredentialId` whose parts the teacher now all
 * holds. Returns the ids of the stacks it awarded.
 *
 * A stack badge is dated when the stack was complete: at the latest issue date of the part badges it
 * is built on, or at `now` when that is later (a stack published, or a part reinstated, after the
 * parts were issued: it was not earned before then). `now` alone is the moment of the call's own
 * trigger, which may be earlier than another part: a part decided at T1 whose award is retried after
 * another part was issued at T2 would otherwise date the stack at T1, before it was complete.
 */
export async function issueCompletedStacks(userId: string, microCredentialId: string, now = new Date()): Promise<string[]> {
  const awarded: string[] = [];
  const stacks = await db.stack.findMany({
    // Not one they hold, nor one an administrator revoked (never issued again); one revoked because a
    // part was revoked is earned again (docs/decisions/012).
    where: { status: 'PUBLISHED', items: { some: { microCredentialId } }, awards: { none: blocksStackIssue(userId) } },
    select: { id: true, title: true, summary: true, slug: true, issuerId: true, description: true, items: { select: { microCredentialId: true } } },
  });
  for (const stack of stacks) {
    const parts = stack.items.map((i) => i.microCredentialId);
    const held = await validPartAwards(userId, parts);
    if (!holdsEveryPart(held, parts)) continue;
    const issuedAt = new Date(Math.max(now.getTime(), ...held.map((h) => h.issuedAt.getTime())));
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, publicName: true } });
    const key = await getSigningKey(stack.issuerId);
    const awardId = randomUUID();
    // In tenths, as stored: floating-point sums (1.1 + 2.2) would sign 3.3000000000000003 into the badge.
    const hours = stackHours(held);
    const status = await db.$transaction((tx) => allocateStatusEntry(tx, stack.issuerId, key.keyId));
    const profile = await issuerProfile(stack.issuerId, key.did);
    const unsigned = buildOpenBadgeCredential({
      id: credentialUrl(awardId),
      issuer: profile,
      achievement: {
        id: url(`/stacks/${stack.slug}`),
        name: stack.title,
        description: stack.summary,
        criteria: { id: url(`/stacks/${stack.slug}`), narrative: `Earn every micro-credential in the stack: ${held.map((h) => h.title).join('; ')}.` },
        achievementType: 'Certificate',
        creditsAvailable: hours,
        image: { id: url(`/credentials/${awardId}/badge.png`), caption: `${stack.title} badge` },
      },
      recipient: { email: user.email },
      validFrom: issuedAt,
      awardedDate: issuedAt,
      name: stack.title,
      image: { id: url(`/credentials/${awardId}/badge.png`) },
      // The stack's evidence is the component credentials themselves.
      evidence: held.map((h) => ({ id: credentialUrl(h.id), name: h.title, description: 'Component micro-credential' })),
      credentialStatus: { statusListCredential: statusListUrl(status.statusListId), statusListIndex: status.statusListIndex, statusPurpose: 'revocation' },
    });
    const signed = await signCredential(unsigned, key);
    try {
      const created = await db.$transaction(async (tx) => {
        // The parts were read, and the badge signed, outside any transaction: a part revoked or
        // suspended meanwhile found no stack badge to withdraw. So, under the holder's lock (which
        // every revoke, suspend and reinstatement takes first), the parts are read again: one no
        // longer valid, and nothing is issued. (A withdrawal after this commits finds the badge and
        // withdraws it.) The status index reserved above is left unused: an index is never given
        // out twice (allocateStatusEntry), so there is nothing to give back, and an unused one is
        // harmless, as when another server wins the insert below.
        await lockAwardStanding(tx, userId);
        if (!holdsEveryPart(await validPartAwards(userId, parts, tx), parts)) return false;
        // Nor when a stack badge that stops it was stored meanwhile (the unique index catches a
        // standing one; this also catches one stored and then revoked by an administrator).
        if (await tx.award.count({ where: { stackId: stack.id, ...blocksStackIssue(userId) } })) return false;
        await tx.award.create({
          data: {
            id: awardId, userId, issuerId: stack.issuerId, stackId: stack.id, title: stack.title, // Hours are counted on the component awards; the stack itself adds none (no double counting in reports).
            pdHours: new Prisma.Decimal(0), level: null,
            recipientName: user.publicName || user.name, issuedAt, credential: signed as unknown as Prisma.InputJsonValue,
            statusListId: status.statusListId, statusListIndex: status.statusListIndex,
          },
        });
        await recordAudit({ actorId: null, action: 'award.issue_stack', entityType: 'Award', entityId: awardId, organizationId: stack.issuerId, data: { stackId: stack.id, userId, components: held.map((h) => h.id) } }, tx);
        await notify({ userId, kind: 'award.issued', title: `You completed the “${stack.title}” stack`, body: 'Your stack credential is ready to share.', href: `/credentials/${awardId}` }, tx);
        return true;
      });
      if (created) awarded.push(stack.id);
    } catch (e) {
      // The partial unique index on (user, stack) of unrevoked badges: another server awarded it first.
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') continue;
      throw e;
    }
  }
  return awarded;
}

/** How many holders one run of the "stack.award-holders" job awards before queueing the next run. */
export const STACK_HOLDERS_PER_RUN = 100;

/**
 * Awards a published stack to teachers who already hold every credential in it: those who earned
 * the parts before the stack was published, or before a part was added to it. (Teachers completing
 * a stack later get it when their last part is issued.) Runs as a background job after a publish
 * or an edit; awards at most `limit` holders per call and says whether more remain.
 */
export async function awardStackToHolders(stackId: string, opts: { limit?: number; now?: Date } = {}): Promise<{ awarded: number; more: boolean }> {
  const limit = opts.limit ?? STACK_HOLDERS_PER_RUN;
  const stack = await db.stack.findUnique({ where: { id: stackId }, select: { status: true, items: { select: { microCredentialId: true } } } });
  if (!stack || stack.status !== 'PUBLISHED' || stack.items.length === 0) return { awarded: 0, more: false };
  // Holders of every part (valid awards only), without this stack yet. One grouped scan of the
  // awards of the stack's credentials (Award_microCredentialId_idx).
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT a."userId"
    FROM "Award" a
    JOIN "StackItem" si ON si."microCredentialId" = a."microCredentialId" AND si."stackId" = ${stackId}
    WHERE a."revokedAt" IS NULL AND a."suspendedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "Award" s WHERE s."stackId" = ${stackId} AND s."userId" = a."userId"
                        AND (s."revokedAt" IS NULL OR s."revocationReason" NOT LIKE ${REVOKED_WITH_PART_LIKE}))
    GROUP BY a."userId"
    HAVING count(DISTINCT a."microCredentialId") = ${stack.items.length}
    ORDER BY a."userId"
    LIMIT ${limit + 1}`;
  const anyPart = stack.items[0].microCredentialId;
  let awarded = 0;
  for (const { userId } of rows.slice(0, limit)) {
    if ((await issueCompletedStacks(userId, anyPart, opts.now)).includes(stackId)) awarded++;
  }
  return { awarded, more: rows.length > limit };
}
