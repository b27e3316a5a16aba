import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { listAssignableReviewers } from '@/lib/review/queries';
import { Card, PageHeader } from '@/components/ui/card';
import { AssignForm } from '@/components/review/assign-form';

export const metadata = { title: 'Assign a reviewer' };

const kindLabel = { PRIMARY: 'Review', SECOND: 'Second score', ADJUDICATION: 'Adjudication' } as const;

export default async function AssignPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/review-quality/assign/${attemptId}`);
  const data = await listAssignableReviewers({ actor, attemptId });
  if (!data || data.attempt.status !== 'SUBMITTED') notFound();
  const submitted = (k: string) => data.reviews.some((r) => r.kind === k && r.status === 'SUBMITTED');
  // Only the kind of work the attempt is waiting for can be assigned.
  const kinds: ('PRIMARY' | 'SECOND' | 'ADJUDICATION')[] = data.attempt.needsAdjudication
    ? ['ADJUDICATION']
    : submitted('PRIMARY')
      ? data.attempt.doubleScore && !submitted('SECOND') ? ['SECOND'] : []
      : ['PRIMARY'];
  const reviewers = data.reviewers.filter((r) => r.kinds.some((k) => kinds.includes(k)));
  const holders = data.reviews.filter((r) => r.status === 'CLAIMED');
  return (
    <div>
      <p className="text-sm">
        <Link href="/admin/review-quality#assign">← Review quality</Link>
      </p>
      <PageHeader title={`Assign attempt ${data.attempt.number}`} description="Give this submission to a specific reviewer. Assigning over an existing claim reassigns it: the current holder’s claim is released." />
      <Card>
        {holders.length ? (
          <p className="mb-3 text-sm">Currently claimed: {holders.map((h) => kindLabel[h.kind]).join(', ')}. Assigning will reassign it.</p>
        ) : null}
        {kinds.length === 0 ? (
          <p>This submission is not waiting for any review work.</p>
        ) : reviewers.length === 0 ? (
          <p>No qualified, calibrated reviewer without a conflict of interest is available for this submission. Qualify a reviewer first.</p>
        ) : (
          <AssignForm attemptId={data.attempt.id} kinds={kinds} reviewers={reviewers} />
        )}
      </Card>
    </div>
  );
}
