import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getMicroCredentialPage } from '@/lib/catalog/queries';
import { getOwnProposal, getProposalDecider } from '@/lib/proposals/queries';
import { Alert, Card, Pill } from '@/components/ui/card';
import { ProposalWaiting } from '@/components/proposals/proposal-waiting';
import { ProposalForm } from '@/components/proposals/proposal-form';
import { getDistrictTerms, getIssuerSalaryStanding } from '@/lib/district/salary-approval';
import { proposalInWords, salaryStandingSentence } from '@/lib/reporting/salary-steps';

// The credential's public page is cached per request (getMicroCredentialPage), so the page reuses this load.
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const mc = await getMicroCredentialPage((await params).slug);
  return { title: mc ? `District proposal: ${mc.version.title}` : 'District proposal' };
}

export default async function ProposalPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireUser(`/micro-credentials/${slug}/proposal`);
  const mc = await getMicroCredentialPage(slug);
  if (!mc) notFound();
  const [proposal, district, salary] = await Promise.all([
    getOwnProposal(actor, mc.id),
    getDistrictTerms(actor),
    getIssuerSalaryStanding(actor, { issuerId: mc.issuer.id, microCredentialId: mc.id, level: mc.level }),
  ]);
  const status = proposal?.status;
  const decider = status === 'SUBMITTED' ? await getProposalDecider(actor) : null;
  // Text brought over from a district the teacher has left is a start: the current district has no
  // proposal yet, which is what the first save is checked against.
  const version = proposal && proposal.districtId === actor.districtId ? proposal.version : null;
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm">
        <Link href={`/micro-credentials/${slug}`}>← {mc.version.title}</Link>
      </p>
      <h1 className="mt-2 flex flex-wrap items-center gap-3 text-3xl font-bold">
        District proposal
        {status ? <Pill tone={status === 'APPROVED' ? 'success' : status === 'RETURNED' ? 'warning' : status === 'SUBMITTED' ? 'info' : 'neutral'}>{status === 'SUBMITTED' ? 'Waiting for decision' : status.charAt(0) + status.slice(1).toLowerCase()}</Pill> : null}
      </h1>
      {/* The teacher's own district's rules, named; nothing is claimed for a teacher without one. */}
      {district ? (
        <p className="mt-2 text-slate-700" data-district-terms>
          {proposalInWords(district)}
          {salary ? <> {salaryStandingSentence(salary, mc.issuer.name, { pdHours: Number(mc.version.pdHours) })}</> : null}
        </p>
      ) : null}
      {!actor.districtId ? (
        <div className="mt-6"><Alert tone="info">Your account is not linked to a district, so you do not need a proposal.</Alert></div>
      ) : (
        <Card className="mt-6">
          {(status === 'RETURNED' || (status === 'DRAFT' && proposal?.decidedAt)) && proposal?.decisionComment ? (
            // Still shown while the teacher saves drafts of the changes it asks for.
            <div className="mb-4"><Alert tone="warning" title="Your district leader’s comment">{proposal.decisionComment}</Alert></div>
          ) : null}
          {status === 'SUBMITTED' ? (
            <div className="mb-4">
              <ProposalWaiting districtName={decider?.districtName ?? 'your district'} leaderNames={decider?.leaderNames ?? []} otherLeaders={decider?.otherLeaders ?? 0} youLead={decider?.youLead ?? false} submittedAt={proposal?.submittedAt ?? null} applyHref={`/apply/${slug}`} />
            </div>
          ) : null}
          {status === 'APPROVED' ? (
            <div className="mb-4"><Alert tone="success" title="Approved">{proposal?.decisionComment || 'You can submit your evidence when it is ready.'} <Link href={`/apply/${slug}`}>Go to your application</Link></Alert></div>
          ) : null}
          <ProposalForm microCredentialId={mc.id} ownerKey={`${actor.id}:${actor.districtId ?? 'none'}`} studentGoals={proposal?.studentGoals ?? ''} plan={proposal?.plan ?? ''} version={version} locked={status === 'APPROVED' || status === 'SUBMITTED'} timeZone={actor.timeZone ?? null} />
        </Card>
      )}
    </div>
  );
}
