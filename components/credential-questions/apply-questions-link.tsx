import Link from 'next/link';
import { questionsPath } from '@/lib/credential-questions/policy';

/**
 * On the teacher's application page: where to ask the issuer about the credential (what counts as
 * evidence, whether something they already have will do) and, once they have asked, their questions
 * and the answers, on the credential's questions page.
 */
export function ApplyQuestionsLink({ slug, issuerName, answered, waiting, className = '' }: { slug: string; issuerName: string; answered: number; waiting: number; className?: string }) {
  const counts = [answered ? `${answered} answered` : null, waiting ? `${waiting} waiting for an answer` : null].filter(Boolean).join(', ');
  return (
    <p className={`no-print text-sm text-slate-800 ${className}`.trim()} data-credential-questions>
      Not sure what counts as evidence? <Link href={`${questionsPath(slug)}#ask`} className="font-semibold">Ask {issuerName} a question</Link>
      {counts ? (
        <>
          {' '}· <Link href={`${questionsPath(slug)}#mine`}>Your questions and answers</Link> ({counts})
        </>
      ) : null}
    </p>
  );
}
