import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { listAssignableReviewers } from '@/lib/review/queries';
import { assignPartyRefusal, listLiveClaimHolders } from '@/lib/review/claims';
import { assignRefusal } from '@/lib/review/mutations';
import { Card, PageHeader } from '@/components/ui/card';
import { AssignForm } from '@/components/review/assign-form';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { formatDayTime } from '@/lib/time-format';

export const metadata = { title: 'Assign a reviewer' };

const kindLabel: Record<ReviewKind, string> = { PRIMARY: 'Review', SECOND: 'Second score', ADJUDICATION: 'Adjudication', SECOND_LOOK: 'Second look' };

export default async function AssignPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/review-quality/assign/${attemptId}`);
  const [data, live] = await Promise.all([listAssignableReviewers({ actor, attemptId }), listLiveClaimHolders({ actor, attemptId })]);
  if (!data || !live || data.attempt.status !== 'SUBMITTED') notFound();
  // Their own work, or a colleague's the issuer's rules keep them from reviewing; or work they are a
  // party to (they scored what it settles, or asked for the second look): another admin assigns it.
  const refusal = data.assignerConflict ? assignRefusal(data.assignerConflict) : data.assignerParty && data.waitingFor ? assignPartyRefusal(data.assignerParty, data.waitingFor) : null;
  if (refusal) {
    return (
      <div>
        <p className="text-sm">
          <Link href="/admin/review-quality#assign">← Review quality</Link>
        </p>
        <PageHeader title={`Assign attempt ${data.attempt.number}`} />
        <Card>
          <p>{refusal}</p>
        </Card>
      </div>
    );
  }
  // Only the kind of work the attempt is waiting for can be assigned.
  const kinds: ReviewKind[] = data.waitingFor ? [data.waitingFor] : [];
  const reviewers = data.reviewers.filter((r) => r.kinds.some((k) => kinds.includes(k)));
  // Claims that ran out are given up without asking; a live one is someone's work in progress.
  const otherClaims = live.filter((h) => !kinds.includes(h.kind));
  const holders = live.filter((h) => kinds.includes(h.kind)).map((h) => ({ reviewId: h.reviewId, kind: h.kind, reviewerName: h.reviewerName, until: formatDayTime(h.claimExpiresAt, actor.timeZone) }));
  return (
    <div>
      <p className="text-sm">
        <Link href="/admin/review-quality#assign">← Review quality</Link>
      </p>
      <PageHeader title={`Assign attempt ${data.attempt.number}`} description="Give this submission to a specific reviewer. Assigning over someone’s claim reassigns it: you are asked to confirm, their claim is released and they are told." />
      <Card>
        {otherClaims.length ? (
          <p className="mb-3 text-sm">Currently claimed: {otherClaims.map((h) => `${kindLabel[h.kind]} by ${h.reviewerName}`).join(', ')}.</p>
        ) : null}
        {kinds.length === 0 ? (
          <p>This submission is not waiting for any review work.</p>
        ) : reviewers.length === 0 ? (
          <p>No qualified, calibrated reviewer without a conflict of interest is available for this submission. Qualify a reviewer first.</p>
        ) : (
          <AssignForm attemptId={data.attempt.id} kinds={kinds} reviewers={reviewers} holders={holders} />
        )}
      </Card>
    </div>
  );
}
