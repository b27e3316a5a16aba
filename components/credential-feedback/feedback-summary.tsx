import { feedbackSummarySentence, type PublicFeedbackSummary } from '@/lib/credential-feedback/policy';

/**
 * What teachers who went through a micro-credential say about it, for its public page: "Teachers
 * who went through it rate it 4.4 out of 5 (from 10 ratings, added five at a time) · most took about
 * 6 hours". Nothing until enough teachers have rated it that no single answer can be told apart
 * (SUMMARY_MIN_RATINGS), then figures that take in new ratings only in whole batches
 * (publicFeedbackSummary), with the hours once as many of those said how long it took. The same for
 * every visitor, so fine on the anonymous page cache's shared copy (ADR 006): a rating that changes
 * this line drops every server's copy (lib/credential-feedback/mutations.ts).
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
