import 'server-only';
import type { Tx } from '@/lib/db';
import { formerPlacementColumns, formerPlacementOf } from '@/lib/auth/actor';
import { notify } from '@/lib/notifications/notify';
import { teacherOf, type AttemptForReview } from '@/lib/review/context';
import { conflictOfInterest } from '@/lib/review/policy';
import { schoolAndDistrictRoles } from '@/lib/review/reviewer-roles';

/** Where an issuer admin settles a disagreement: the adjudication list on the review-quality page. */
export const ADJUDICATION_HREF = '/admin/review-quality#adjudication';

/**
 * Tells the issuer's admins, in the transaction that records the disagreement, that a double-scored
 * submission needs their decision. Only the admins who may settle it (canAdjudicate): neither of the
 * two scorers, nobody with a conflict of interest with the teacher (a school or district left within
 * the year included, as claiming checks), no disabled account. The notice names the credential,
 * never the teacher (blind review applies to adjudicators too).
 */
export async function notifyAdjudicators(tx: Tx, opts: { attempt: AttemptForReview; scorerIds: string[]; credentialTitle: string }): Promise<number> {
  const { attempt: a } = opts;
  const issuerId = a.submission.microCredential.issuerId;
  const told = await mayAdjudicate(tx, a, opts.scorerIds, { organizationId: issuerId, role: 'ISSUER_ADMIN' });
  for (const u of told) {
    await notify(
      {
        userId: u.id,
        kind: 'review.adjudication',
        title: `A submission for “${opts.credentialTitle}” needs adjudication`,
        body: 'Its two reviewers reached different outcomes: one found that it meets the standard, the other that it needs revision. An admin who did not score it makes the final decision.',
        href: ADJUDICATION_HREF,
      },
      tx,
    );
  }
  if (told.length > 0) return told.length;
  // Every admin of the issuer scored it or has a conflict with the teacher (a small issuer whose one
  // admin also reviews): the work would wait for nobody. Platform administrators may adjudicate for
  // any issuer, so they are told instead, under the same rules.
  const platform = await mayAdjudicate(tx, a, opts.scorerIds, { role: 'PLATFORM_ADMIN' });
  if (platform.length === 0) return 0;
  const issuer = await tx.organization.findUniqueOrThrow({ where: { id: issuerId }, select: { name: true } });
  for (const u of platform) {
    await notify(
      {
        userId: u.id,
        kind: 'review.adjudication',
        title: `A submission for “${opts.credentialTitle}” needs adjudication, and no admin of ${issuer.name} can take it`,
        body: `Its two reviewers reached different outcomes. Every admin of ${issuer.name} either scored it or has a conflict of interest with its teacher, so it waits for you: make the final decision, or add an admin to ${issuer.name} who can.`,
        href: ADJUDICATION_HREF,
      },
      tx,
    );
  }
  return platform.length;
}

/** The enabled holders of `membership` who may settle this disagreement (canAdjudicate): not a scorer, no conflict with the teacher. */
async function mayAdjudicate(tx: Tx, a: AttemptForReview, scorerIds: string[], membership: { organizationId?: string; role: 'ISSUER_ADMIN' | 'PLATFORM_ADMIN' }) {
  const admins = await tx.user.findMany({
    where: { disabledAt: null, id: { notIn: scorerIds }, memberships: { some: membership } },
    select: { id: true, schoolId: true, districtId: true, email: true, ...formerPlacementColumns },
    take: 50,
  });
  const roles = await schoolAndDistrictRoles(admins.map((u) => u.id), tx);
  // As claiming sees them (loadActor): an admin who left the teacher's school or district within
  // the year is still conflicted, and would only be refused on claiming.
  return admins.filter((u) => !conflictOfInterest({ id: u.id, schoolId: u.schoolId, districtId: u.districtId, email: u.email, roles: roles.get(u.id), former: formerPlacementOf(u) }, teacherOf(a), a.submission.microCredential.issuer));
}
