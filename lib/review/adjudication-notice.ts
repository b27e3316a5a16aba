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
  const issuer = a.submission.microCredential.issuer;
  const admins = await tx.user.findMany({
    where: { disabledAt: null, id: { notIn: opts.scorerIds }, memberships: { some: { organizationId: a.submission.microCredential.issuerId, role: 'ISSUER_ADMIN' } } },
    select: { id: true, schoolId: true, districtId: true, email: true, ...formerPlacementColumns },
  });
  const teacher = teacherOf(a);
  const roles = await schoolAndDistrictRoles(admins.map((u) => u.id), tx);
  // As claiming sees them (loadActor): an admin who left the teacher's school or district within
  // the year is still conflicted, and would only be refused on claiming.
  const told = admins.filter((u) => !conflictOfInterest({ id: u.id, schoolId: u.schoolId, districtId: u.districtId, email: u.email, roles: roles.get(u.id), former: formerPlacementOf(u) }, teacher, issuer));
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
  return told.length;
}
