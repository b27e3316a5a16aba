import { feedbackSummarySentence, type PublicFeedbackSummary } from '@/lib/credential-feedback/policy';

/**
 * What teachers who went through a micro-credential say about it, for its public page: "Teachers
 * who went through it rate it 4.4 out of 5 (from 12 ratings; updated after every five new ones) ·
 * most took about 6 hours". The stored public figures (CredentialFeedbackPublic): nothing until
 * SUMMARY_MIN_RATINGS teachers have rated it, then figures taken afresh only after every five new
 * ratings (publicFiguresStep), with the hours once as many said how long it took. The same for
 * every visitor, so fine on the anonymous page cache's shared copy (ADR 006): a write that changes
 * the stored figures drops every server's copy (lib/credential-feedback/mutations.ts).
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
