import Link from 'next/link';
import type { FeedbackPromptState } from '@/lib/credential-feedback/queries';
import { feedbackPath } from '@/lib/credential-feedback/policy';

/**
 * On a teacher's own pages about a micro-credential (their application, their badge): once a
 * reviewer has decided on their work, an invitation to tell the issuer how it went, or, once they
 * have, their rating with a link to change it. Nothing before a decision. `state`:
 * getFeedbackPromptState's, read by the page with its other data.
 */
export function FeedbackPrompt({ state: { rating, standing }, slug, className = 'mt-4 text-sm' }: { state: FeedbackPromptState; slug: string; className?: string }) {
  if (rating === null && standing !== 'decided') return null;
  return (
    <p className={className} data-feedback-prompt>
      {rating === null ? (
        <>
          How useful was it for your teaching? <Link href={feedbackPath(slug)}>Tell the issuer how it went</Link> (they see it without your name).
        </>
      ) : (
        <>
          You rated it {rating} out of 5 for the issuer. <Link href={feedbackPath(slug)}>See or change your feedback</Link>.
        </>
      )}
    </p>
  );
}
