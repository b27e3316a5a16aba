import 'server-only';
import { db } from '@/lib/db';
import { holdsEveryPart, validPartAwards } from '@/lib/awards/queries';
import type { Standing } from '@/lib/enrollment/queries';

// A teacher's progress on a stack, counted as the awarding job counts it (lib/awards/issue.ts,
// docs/decisions/012): by the valid badges they hold, not by where their applications stand. A
// renewal under way leaves the part earned (the badge it renews is still held); a revoked or
// suspended badge does not count, and says so.

/** One part of the stack, by the teacher's badges of it. */
export type PartProgress =
  /** A valid badge (the newest valid one, so a renewed badge and the one it renewed are one part). */
  | { state: 'earned'; awardId: string }
  /** No valid badge; their newest badge of it was revoked, or is on hold (suspended). */
  | { state: 'revoked' | 'suspended'; awardId: string }
  | { state: 'not-held' };

/** The teacher's stack badge itself. */
export type StackBadgeStanding =
  | { state: 'none' }
  /** Every part held, the badge not issued yet: the awarding job issues it within minutes. */
  | { state: 'issuing' }
  | { state: 'held'; awardId: string }
  /** Suspended: by an administrator, or because a part it is built from was withdrawn (the reason says which). */
  | { state: 'on-hold'; awardId: string; since: Date; reason: string | null }
  | { state: 'revoked'; awardId: string; since: Date; reason: string | null };

export type StackProgress = { parts: Map<string, PartProgress>; earned: number; total: number; badge: StackBadgeStanding };

type WithdrawnAward = { id: string; microCredentialId: string | null; revokedAt: Date | null; suspendedAt: Date | null };
type StackAward = { id: string; revokedAt: Date | null; revocationReason: string | null; suspendedAt: Date | null; suspensionReason: string | null };

/**
 * The decision, from what was loaded: `valid` as validPartAwards returns it, `withdrawn` the
 * teacher's revoked or suspended badges of the parts, newest first, and their stack badge if any.
 */
export function decideStackProgress(input: { parts: string[]; valid: { id: string; microCredentialId: string | null }[]; withdrawn: WithdrawnAward[]; stackAward: StackAward | null }): StackProgress {
  const parts = new Map<string, PartProgress>();
  for (const id of input.parts) parts.set(id, { state: 'not-held' });
  for (const w of input.withdrawn) {
    if (!w.microCredentialId || parts.get(w.microCredentialId)?.state !== 'not-held') continue;
    parts.set(w.microCredentialId, { state: w.revokedAt ? 'revoked' : 'suspended', awardId: w.id });
  }
  for (const v of input.valid) if (v.microCredentialId && parts.has(v.microCredentialId)) parts.set(v.microCredentialId, { state: 'earned', awardId: v.id });
  const earned = [...parts.values()].filter((p) => p.state === 'earned').length;
  const s = input.stackAward;
  const badge: StackBadgeStanding = s
    ? s.revokedAt
      ? { state: 'revoked', awardId: s.id, since: s.revokedAt, reason: s.revocationReason }
      : s.suspendedAt
        ? { state: 'on-hold', awardId: s.id, since: s.suspendedAt, reason: s.suspensionReason }
        : { state: 'held', awardId: s.id }
    : holdsEveryPart(input.valid, input.parts)
      ? { state: 'issuing' }
      : { state: 'none' };
  return { parts, earned, total: input.parts.length, badge };
}

/** The signed-in teacher's progress on a stack whose parts are `partIds` (every part, retired ones included). */
export async function getStackProgress(opts: { userId: string; stackId: string; partIds: string[] }): Promise<StackProgress> {
  const { userId, stackId, partIds } = opts;
  const [valid, withdrawn, stackAward] = await Promise.all([
    validPartAwards(userId, partIds),
    db.award.findMany({
      where: { userId, microCredentialId: { in: partIds }, OR: [{ revokedAt: { not: null } }, { suspendedAt: { not: null } }] },
      orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, microCredentialId: true, revokedAt: true, suspendedAt: true },
    }),
    // One per holder and stack (unique index), revoked or not: a revoked one is never issued again.
    db.award.findFirst({ where: { userId, stackId }, select: { id: true, revokedAt: true, revocationReason: true, suspendedAt: true, suspensionReason: true } }),
  ]);
  return decideStackProgress({ parts: partIds, valid, withdrawn, stackAward });
}

/**
 * What a signed-in teacher can do next on a part they do not hold, on its own page: enrol, or go
 * on with it. Null where there is nothing to do there: a part whose application was earned (its
 * badge is held, withdrawn, or being issued), one that takes no new enrolments and that they have
 * not started (a retired one), or one never published.
 */
export function partStep(standing: Standing | undefined, status: string): { status: string; action: string } | null {
  const state = standing?.state ?? 'not-enrolled';
  if (status === 'DRAFT' || (status !== 'PUBLISHED' && state === 'not-enrolled')) return null;
  switch (state) {
    case 'EARNED':
      return null;
    case 'not-enrolled':
      return { status: 'Not started', action: 'Enrol to start' };
    case 'SUBMITTED':
    case 'IN_REVIEW':
      return { status: 'Waiting for review', action: 'See where it stands' };
    case 'NEEDS_REVISION':
      return { status: 'Needs revision', action: 'Read the feedback' };
    default:
      return { status: 'In progress', action: 'Continue' };
  }
}

/** A part badge a stack badge was issued on, as its signed credential names it in `evidence`. */
export type SignedStackPart = { name: string; awardId: string | null; url: string | null };

const CREDENTIAL_PATH = /^\/credentials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The part badges a stack badge's signed credential lists as its evidence: each with the id of its
 * own badge page when the evidence points to one of ours (so the link stays on this site, whatever
 * the address the badge was issued under), or its address as signed.
 */
export function signedStackParts(credential: unknown): SignedStackPart[] {
  const evidence = (credential as { evidence?: unknown } | null)?.evidence;
  if (!Array.isArray(evidence)) return [];
  const out: SignedStackPart[] = [];
  for (const e of evidence) {
    if (!e || typeof e !== 'object') continue;
    const { id, name } = e as { id?: unknown; name?: unknown };
    let url: URL | null = null;
    try {
      url = typeof id === 'string' ? new URL(id) : null;
    } catch {
      url = null;
    }
    const web = url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
    const awardId = web && !web.hash ? (CREDENTIAL_PATH.exec(web.pathname)?.[1] ?? null) : null;
    const label = typeof name === 'string' && name.trim() ? name.trim() : null;
    if (!label && !web) continue;
    out.push({ name: label ?? web!.toString(), awardId, url: web ? web.toString() : null });
  }
  return out;
}
