import 'server-only';
import { safeHttpUrl } from '@/lib/security/safe-url';
import { db } from '@/lib/db';
import { listInWords } from '@/lib/plural';
import { holdsEveryPart, markRenewed, validPartAwards } from '@/lib/awards/queries';
import { revokedForGood } from '@/lib/awards/stack-holds';
import { isRevokedWithPart, reasonAsShown } from '@/lib/awards/withdrawn-words';
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
  const complete = holdsEveryPart(input.valid, input.parts);
  // A stack badge revoked because a part was revoked is earned again once every part is held.
  const badge: StackBadgeStanding = s && !(s.revokedAt && isRevokedWithPart(s.revocationReason) && complete)
    ? s.revokedAt
      ? { state: 'revoked', awardId: s.id, since: s.revokedAt, reason: reasonAsShown(s.revocationReason) }
      : s.suspendedAt
        ? { state: 'on-hold', awardId: s.id, since: s.suspendedAt, reason: s.suspensionReason }
        : { state: 'held', awardId: s.id }
    : complete
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
    // The standing one (at most one: a partial unique index), else the newest revoked one. One an
    // administrator revoked is never issued again; one revoked with a part can be earned again.
    db.award.findFirst({ where: { userId, stackId }, orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { issuedAt: 'desc' }, { id: 'desc' }], select: { id: true, revokedAt: true, revocationReason: true, suspendedAt: true, suspensionReason: true } }),
  ]);
  return decideStackProgress({ parts: partIds, valid, withdrawn, stackAward });
}

/** A stack a teacher is part-way through, as the dashboard and My badges list it. */
export type StackInProgress = {
  id: string;
  slug: string;
  title: string;
  badgeColor: string;
  /** Parts held with a valid badge, counted as the awarding job counts them. */
  held: number;
  total: number;
  /**
   * The first part, in the stack's order, they do not hold and can work on (its page is public).
   * Never a part whose badge was revoked or is on hold: there is nothing to earn there (renewing
   * refuses such a badge, and the application stays earned). None at all while a part is revoked:
   * the stack cannot be completed.
   */
  next: { slug: string; title: string } | null;
  /**
   * The first part, in the stack's order, held no longer because their badge of it was revoked or
   * is on hold (their newest badge of it), said instead of offering it; with the stack's issuer,
   * whom to ask about it.
   */
  withdrawn: { title: string; state: 'revoked' | 'suspended'; awardId: string; issuer: { name: string; slug: string } } | null;
};

/** Stacks listed at most: far more than any teacher builds at once. */
export const STACKS_IN_PROGRESS_MAX = 50;

type StackParts = { id: string; slug: string; title: string; badgeColor: string; issuer: { name: string; slug: string }; items: { microCredential: { id: string; slug: string; status: string; currentVersion: { title: string } | null } }[] };

/** A part's badge no longer held (the holder's newest badge of it, with no valid one): revoked or on hold. */
export type WithdrawnPart = { awardId: string; title: string; state: 'revoked' | 'suspended' };

/**
 * The decision, from what was loaded: each stack with at least one part held and at least one
 * missing (a complete one is held or being issued, and the stack page says which), most nearly
 * complete first. `withdrawnParts`: by micro-credential, the parts not held whose newest badge was
 * revoked or is on hold.
 */
export function decideStacksInProgress(stacks: StackParts[], heldParts: Set<string>, withdrawnParts: Map<string, WithdrawnPart> = new Map()): StackInProgress[] {
  const out: StackInProgress[] = [];
  for (const s of stacks) {
    const parts = s.items.map((i) => i.microCredential);
    const held = parts.filter((p) => heldParts.has(p.id)).length;
    if (held === 0 || held === parts.length) continue;
    const gone = parts.map((p) => (heldParts.has(p.id) ? undefined : withdrawnParts.get(p.id))).filter((w): w is WithdrawnPart => Boolean(w));
    const shown = gone.find((w) => w.state === 'revoked') ?? gone[0];
    // Only a part the teacher can work on: not one whose badge was withdrawn, and nothing while a
    // part is revoked (the stack cannot be completed). A part never published has no page to send
    // anyone to; a retired one keeps its page.
    const open = (p: (typeof parts)[number]) => !heldParts.has(p.id) && !withdrawnParts.has(p.id);
    const next = shown?.state === 'revoked' ? undefined : (parts.find((p) => open(p) && p.status === 'PUBLISHED') ?? parts.find((p) => open(p) && p.status === 'RETIRED'));
    out.push({
      id: s.id, slug: s.slug, title: s.title, badgeColor: s.badgeColor, held, total: parts.length,
      next: next ? { slug: next.slug, title: next.currentVersion?.title ?? next.slug } : null,
      withdrawn: shown ? { title: shown.title, state: shown.state, awardId: shown.awardId, issuer: s.issuer } : null,
    });
  }
  return out.sort((a, b) => b.held / b.total - a.held / a.total || a.title.localeCompare(b.title));
}

/**
 * Every published stack the teacher holds at least one valid part of and has not completed, in two
 * Prisma queries whatever the number of stacks (not one per stack): their part badges, then the
 * stacks containing any valid one with their parts. Parts count as on the stack page (getStackProgress): the newest valid
 * badge of each micro-credential; a revoked or suspended one does not count, and is named instead
 * of offered as the next part. A stack whose badge an administrator revoked is left out: it is never
 * issued to that teacher again (lib/awards/issue.ts).
 */
export async function listStacksInProgress(userId: string): Promise<StackInProgress[]> {
  // Withdrawn ones too (revoked or on hold), newest first: a part not held is named by its newest.
  const badges = await db.award.findMany({
    where: { userId, microCredentialId: { not: null } },
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, title: true, microCredentialId: true, revokedAt: true, suspendedAt: true },
  });
  const valid = badges.filter((a) => !a.revokedAt && !a.suspendedAt);
  const heldParts = new Set(markRenewed(valid).map((a) => a.microCredentialId!));
  if (heldParts.size === 0) return [];
  const withdrawnParts = new Map<string, WithdrawnPart>();
  for (const a of badges) {
    const mc = a.microCredentialId!;
    if (heldParts.has(mc) || withdrawnParts.has(mc)) continue;
    withdrawnParts.set(mc, { awardId: a.id, title: a.title, state: a.revokedAt ? 'revoked' : 'suspended' });
  }
  const stacks = await db.stack.findMany({
    where: { status: 'PUBLISHED', items: { some: { microCredentialId: { in: [...heldParts] } } }, awards: { none: revokedForGood(userId) } },
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    take: STACKS_IN_PROGRESS_MAX,
    select: {
      id: true, slug: true, title: true, badgeColor: true,
      issuer: { select: { name: true, slug: true } },
      items: { orderBy: { sortOrder: 'asc' }, select: { microCredential: { select: { id: true, slug: true, status: true, currentVersion: { select: { title: true } } } } } },
    },
  });
  return decideStacksInProgress(stacks, heldParts, withdrawnParts);
}

/** Where a newly earned micro-credential leaves each published stack it is part of. */
export type StackCount = { title: string; held: number; total: number };

/**
 * The published stacks containing `microCredentialId`, with how many of their parts the teacher
 * holds once the badge for it being issued now counts (it is not in the database yet). Two
 * Prisma queries, whatever the number of stacks.
 */
export async function stacksCountingToward(userId: string, microCredentialId: string): Promise<StackCount[]> {
  const stacks = await db.stack.findMany({
    // A stack whose badge an administrator revoked for this teacher is never issued to them again: not named.
    where: { status: 'PUBLISHED', items: { some: { microCredentialId } }, awards: { none: revokedForGood(userId) } },
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    select: { title: true, items: { select: { microCredentialId: true } } },
  });
  if (!stacks.length) return [];
  const parts = [...new Set(stacks.flatMap((s) => s.items.map((i) => i.microCredentialId)))];
  const held = new Set((await validPartAwards(userId, parts)).map((a) => a.microCredentialId));
  held.add(microCredentialId);
  return stacks.map((s) => ({ title: s.title, held: s.items.filter((i) => held.has(i.microCredentialId)).length, total: s.items.length }));
}

/** "Counts toward “A” (1 of 3 held) and “B” (2 of 2 held)." or '' when it counts toward none. */
export function stackCountSentence(stacks: StackCount[]): string {
  if (!stacks.length) return '';
  const each = stacks.map((s) => `“${s.title}” (${s.held} of ${s.total} held)`);
  return `Counts toward ${listInWords(each)}.`;
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
    const href = safeHttpUrl(id);
    const web = href ? new URL(href) : null;
    const awardId = web && !web.hash ? (CREDENTIAL_PATH.exec(web.pathname)?.[1] ?? null) : null;
    const label = typeof name === 'string' && name.trim() ? name.trim() : null;
    if (!label && !web) continue;
    out.push({ name: label ?? web!.toString(), awardId, url: web ? web.toString() : null });
  }
  return out;
}
