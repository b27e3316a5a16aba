import Link from 'next/link';
import { plural } from '@/lib/plural';
import type { ExternalLearningTotals } from '@/lib/external-learning/queries';
import { Card } from '@/components/ui/card';
import { pdHoursInWords, SELF_REPORTED_HEADING } from '@/components/external-learning/entry-words';

/**
 * My badges' way to the teacher's other professional learning (/badges/other-learning), with its
 * own total: said apart from the verified figures above it, never added to them.
 */
export function OtherLearningSummary({ totals }: { totals: ExternalLearningTotals }) {
  return (
    <Card className="mb-8">
      <h2 id="other-learning-heading" className="text-xl font-semibold">{SELF_REPORTED_HEADING}</h2>
      {totals.entries ? (
        <p className="mt-1">
          <strong>{pdHoursInWords(totals.hours)}</strong> from {plural(totals.entries, 'entry', 'entries')} you recorded yourself: workshops, conferences and courses outside this site. Your PD transcript lists them in a section of their own; they are not part of the PD hours your badges verify.
        </p>
      ) : (
        <p className="mt-1">
          Did a workshop, a conference or a university course outside this site? Record it so your PD transcript lists all your professional learning. It is marked as self-reported and kept apart from your verified badges.
        </p>
      )}
      <p className="mt-2">
        <Link href="/badges/other-learning">{totals.entries ? 'See, add or change your other professional learning' : 'Add professional learning done elsewhere'}</Link>
      </p>
    </Card>
  );
}
