import Link from 'next/link';
import type { ColleaguesOnCredential } from '@/lib/colleagues/queries';
import { onCredentialInWords } from '@/lib/colleagues/words';

/**
 * The apply page's line about colleagues (getColleaguesOnCredential): who among the colleagues the
 * teacher sees is working on this micro-credential or holds its badge, linked to "Working on the
 * same as me" while the teacher is working on it too (else to everyone who shares); a quiet pointer to /colleagues when they have a school but do not share; nothing
 * without a school, or when no colleague is on it.
 */
export function ColleaguesOnCredentialLine({ colleagues, className = '' }: { colleagues: ColleaguesOnCredential | null; className?: string }) {
  if (!colleagues || colleagues.state === 'no-school') return null;
  if (colleagues.state === 'not-sharing') {
    return (
      <p className={`no-print text-sm text-slate-700 ${className}`.trim()} data-colleagues-line>
        Colleagues at {colleagues.schoolName} may be working on this too: <Link href="/colleagues">find colleagues working on the same as you</Link>.
      </p>
    );
  }
  if (!colleagues.count) return null;
  return (
    <p className={`no-print text-sm ${className}`.trim()} data-colleagues-line>
      {/* "Working on the same as me" lists them only while this is one the viewer is working on too. */}
      <Link href={colleagues.workingOnIt ? '/colleagues?same=1' : '/colleagues'}>{onCredentialInWords(colleagues)}</Link>
    </p>
  );
}
