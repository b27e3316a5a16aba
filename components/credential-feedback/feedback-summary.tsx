import { feedbackSummarySentence, type PublicFeedbackSummary } from '@/lib/credential-feedback/policy';

/**
 * What teachers who went through a micro-credential say about it, for its public page: "Teachers
 * who went through it rate it 4.4 out of 5 (12 ratings) · most took about 6 hours". Nothing until
 * enough teachers have rated it that no single answer can be told apart (SUMMARY_MIN_RATINGS), and
 * the hours only once as many said how long it took. The same for every visitor, so fine on the
 * anonymous page cache's shared copy (ADR 006), which may be up to its TTL (30 s) behind.
 * `summary`: getCredentialFeedbackSummary's, read by the page with its other data (a component that
 * reads for itself would render only in a streaming renderer).
 */
export function FeedbackSummary({ summary, className = 'mt-3 text-sm' }: { summary: PublicFeedbackSummary | null; className?: string }) {
  if (!summary) return null;
  return (
    <p className={className} data-feedback-summary>
      {feedbackSummarySentence(summary)}
    </p>
  );
}
