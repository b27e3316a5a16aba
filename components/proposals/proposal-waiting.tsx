import Link from 'next/link';
import { Alert } from '@/components/ui/card';
import { nameLeaders } from '@/components/proposals/decider-words';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * What a teacher sees while their proposal waits: who decides, whom they can ask and how, and when
 * it was sent. No promised turnaround: districts set none here, so the date lets the teacher judge.
 * Leaders' addresses are not given to teachers here (lib/proposals/queries.ts), so the way to reach
 * them is the district's own.
 */
export function ProposalWaiting({ districtName, leaderNames, otherLeaders, submittedAt, applyHref }: { districtName: string; leaderNames: string[]; otherLeaders: number; submittedAt: Date | null; applyHref: string }) {
  const leaders = nameLeaders(leaderNames, otherLeaders);
  const many = leaderNames.length + otherLeaders > 1;
  return (
    <Alert tone="info" title={`Waiting for a decision from ${districtName}`}>
      <p>
        {submittedAt ? `Sent on ${dateFmt.format(submittedAt)}. ` : ''}A district leader at {districtName} approves it or returns it with a comment, and you will get a notification when they do.
      </p>
      {leaders ? (
        <p className="mt-1">
          Your district {many ? 'leaders are' : 'leader is'} {leaders}. If you need an answer or want to talk it through, you can ask {many ? 'any of them' : 'them'}. This site does not share leaders’ email addresses: reach them through your school office or the district office.
        </p>
      ) : (
        <p className="mt-1">{districtName} has no district leader on this site yet, so no one can decide it here. Ask your district office to add one.</p>
      )}
      <p className="mt-1">
        Meanwhile you can study the resources and collect evidence: <Link href={applyHref}>go to your application</Link>. You can submit it once the proposal is approved.
      </p>
    </Alert>
  );
}
