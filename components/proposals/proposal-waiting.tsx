import Link from 'next/link';
import { Alert } from '@/components/ui/card';
import { nameLeaders } from '@/components/proposals/decider-words';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * What a teacher sees while their proposal waits: who decides, whom they can ask and how, and when
 * it was sent. No promised turnaround: districts set none here, so the date lets the teacher judge.
 * Leaders' addresses are not given to teachers here (lib/proposals/queries.ts), so the way to reach
 * them is the district's own.
 *
 * `leaderNames` and `otherLeaders` are the district's active leaders other than the reader, who
 * cannot decide their own proposal. With none, a platform administrator is the only one who can
 * decide it (they lead every district, on its Proposals page) or invite a leader who can.
 * `youLead`: the reader leads the district themself (getProposalDecider), so they are told to invite
 * another leader rather than to ask for one.
 */
export function ProposalWaiting({ districtName, leaderNames, otherLeaders, submittedAt, applyHref, youLead = false }: { districtName: string; leaderNames: string[]; otherLeaders: number; submittedAt: Date | null; applyHref: string; youLead?: boolean }) {
  const leaders = nameLeaders(leaderNames, otherLeaders);
  const many = leaderNames.length + otherLeaders > 1;
  const sent = submittedAt ? `Sent on ${dateFmt.format(submittedAt)}. ` : '';
  return (
    <Alert tone="info" title={`Waiting for a decision from ${districtName}`}>
      {leaders ? (
        <>
          <p>{sent}A district leader at {districtName} approves it or returns it with a comment, and you will get a notification when they do.</p>
          <p className="mt-1">
            Your district {many ? 'leaders are' : 'leader is'} {leaders}. If you need an answer or want to talk it through, you can ask {many ? 'any of them' : 'them'}. This site does not share leaders’ email addresses: reach them through your school office or the district office.
          </p>
        </>
      ) : youLead ? (
        <>
          <p>{sent}You are the only leader of {districtName} on this site, and no one can approve their own proposal, so no district leader can decide it yet.</p>
          <p className="mt-1">
            Invite another district leader (District, then People): once they join, they can approve it or return it with a comment, and you will get a notification when they do. A platform administrator can also decide it, or invite a leader for you.
          </p>
        </>
      ) : (
        <>
          <p>{sent}No district leader at {districtName} can decide it on this site yet.</p>
          <p className="mt-1">
            Ask your district office to have a district leader added to this site, or ask a platform administrator: they can decide it for the district, or invite a leader who can. You will get a notification when it is decided.
          </p>
        </>
      )}
      <p className="mt-1">
        Meanwhile you can study the resources and collect evidence: <Link href={applyHref}>go to your application</Link>. You can submit it once the proposal is approved.
      </p>
    </Alert>
  );
}
