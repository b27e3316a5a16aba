import { getCredentialFeedbackSummary } from '@/lib/credential-feedback/queries';
import { feedbackSummarySentence } from '@/lib/credential-feedback/policy';

/**
 * What teachers who went through a micro-credential say about it, for its public page: "Teachers
 * who went through it rate it 4.4 out of 5 (12 ratings) · most took about 6 hours". Nothing until
 * enough teachers have rated it that no single answer can be told apart (SUMMARY_MIN_RATINGS), and
 * the hours only once as many said how long it took. The same for every visitor, so fine on the
 * anonymous page cache's shared copy (ADR 006), which may be up to its TTL (30 s) behind.
 */
export async function FeedbackSummary({ microCredentialId, className = 'mt-3 text-sm' }: { microCredentialId: string; className?: string }) {
  const summary = await getCredentialFeedbackSummary(microCredentialId);
  if (!summary) return null;
  return (
    <p className={className} data-feedback-summary>
      {feedbackSummarySentence(summary)}
    </p>
  );
}
