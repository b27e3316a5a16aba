import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/actor';
import { districtForPage } from '@/lib/district/page-district';
import { listDistrictProposals, proposalsCursor, type ProposalOutcome } from '@/lib/proposals/queries';
import { Card, EmptyState, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { DistrictPicker } from '@/components/admin/district-picker';
import { ProposalDecisionForm, ProposalDecisions } from '@/components/admin/proposal-decision-form';
import { PeopleSearch } from '@/components/ui/people-search';
import { SchoolFilterForm } from '@/components/district/school-select';
import { listDistrictSchools } from '@/lib/district/people';
import { SchoolFilterInput } from '@/lib/reporting/schemas';
import { dayFmt, dayLongFmt } from '@/lib/dates';

export const metadata = { title: 'Proposals' };
const Query = z.object({
  status: z.enum(['SUBMITTED', 'APPROVED', 'RETURNED']).catch('SUBMITTED').default('SUBMITTED'),
  q: z.string().trim().max(100).optional().catch(undefined),
  school: SchoolFilterInput,
  // Opaque (proposalsCursor): one that is not the list's, as an old link's, gives the first page.
  cursor: z.string().max(200).optional().catch(undefined),
  district: z.string().max(40).optional().catch(undefined),
});

/** "Returned by Dana Leader on 3 March 2026": whichever of the district's leaders decided. */
function decisionLine(p: { status: string; decidedAt: Date | null; decidedBy: { id: string; name: string } | null }, viewerId: string) {
  const verb = p.status === 'APPROVED' ? 'Approved' : 'Returned';
  // No decider: their account was deleted since (the proposal keeps the decision, not the name).
  const by = p.decidedBy ? ` by ${p.decidedBy.name}${p.decidedBy.id === viewerId ? ' (you)' : ''}` : '';
  return `${verb}${by}${p.decidedAt ? ` on ${dayLongFmt.format(p.decidedAt)}` : ''}.`;
}
/**
 * What came of an approved proposal, in a line: where the teacher's application stands, or the
 * badge they earned with a link to its public page (which shows the evidence summary they chose to
 * make public).
 */
function OutcomeLine({ outcome, teacherName, credentialTitle }: { outcome: ProposalOutcome; teacherName: string; credentialTitle: string }) {
  const { tone, label, note } = outcomeWords(outcome);
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
      <span>Outcome:</span>
      <Pill tone={tone}>{label}</Pill>
      {note ? <span>{note}</span> : null}
      {outcome.award ? (
        <Link href={`/credentials/${outcome.award.id}`}>
          View the badge<span className="sr-only"> {teacherName} earned for {credentialTitle}</span>
        </Link>
      ) : null}
    </p>
  );
}

function outcomeWords(outcome: ProposalOutcome): { tone: Tone; label: string; note?: string } {
  switch (outcome.state) {
    case 'left': return { tone: 'neutral', label: 'No longer in your district', note: 'Their progress on it is no longer shown to the district.' };
    case 'not-started': return { tone: 'neutral', label: 'Not started', note: 'No application yet.' };
    case 'working': return { tone: 'info', label: 'Working on it', note: 'Their application is in progress, or being revised after feedback.' };
    case 'in-review': return { tone: 'info', label: 'In review', note: 'Sent to the issuer and waiting for a decision.' };
    case 'passed': return { tone: 'success', label: 'Passed', note: 'The badge is being issued.' };
    case 'earned': {
      const label = `Earned on ${dayFmt.format(outcome.award.issuedAt)}`;
      return outcome.award.suspendedAt ? { tone: 'warning', label, note: 'Suspended for now while the issuer looks into something.' } : { tone: 'success', label };
    }
    case 'revoked': return { tone: 'danger', label: `Earned on ${dayFmt.format(outcome.award.issuedAt)}, then revoked`, note: 'The issuer withdrew the badge; it no longer counts.' };
  }
}

const tabs = [
  { status: 'SUBMITTED', label: 'Waiting for a decision' },
  { status: 'APPROVED', label: 'Approved' },
  { status: 'RETURNED', label: 'Returned' },
] as const;

export default async function DistrictProposalsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/proposals');
  const query = Query.parse(await searchParams);
  const { district, districts } = await districtForPage(actor, query.district);
  const schools = await listDistrictSchools({ actor, districtId: district.id });
  // Another district's school (or an id that is no school) is refused like another district's id.
  const school = query.school ? schools.find((s) => s.id === query.school) : null;
  if (school === undefined) redirect('/forbidden');
  const rows = await listDistrictProposals([district.id], { status: query.status, cursor: query.cursor, take: 20, q: query.q, schoolId: school?.id, viewerId: actor.id });
  const page = rows.slice(0, 20);
  const nextCursor = rows.length > 20 ? proposalsCursor(page[page.length - 1], query.status) : null;
  const dq = districts.length > 1 ? district.id : undefined;
  const filtered = Boolean(query.q || school);
  // The tabs keep the search and the school; the filters keep the tab.
  const keep = { district: dq, status: query.status };
  const tabHref = (status: string) => `/district/proposals?${new URLSearchParams({ status, ...(dq ? { district: dq } : {}), ...(query.q ? { q: query.q } : {}), ...(school ? { school: school.id } : {}) })}`;
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} keep={{ status: query.status }} />
      <PageHeader title="Proposals" description="Teachers say how a micro-credential serves their students’ goals. Approve it, or return it with a comment saying what to change." />
      <nav aria-label="Proposal status" className="mb-4 flex flex-wrap gap-2">
        {tabs.map((t) => (
          <Link
            key={t.status}
            href={tabHref(t.status)}
            aria-current={query.status === t.status ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-semibold no-underline ${query.status === t.status ? 'bg-slate-800 text-white' : 'bg-white text-slate-800 ring-1 ring-slate-300'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <div className="flex flex-wrap items-end gap-x-6">
        <PeopleSearch label="Search proposals" fieldLabel="Teacher or micro-credential" q={query.q} keep={{ ...keep, school: school?.id }} />
        <SchoolFilterForm schools={schools} selected={school?.id ?? null} keep={{ ...keep, q: query.q }} />
      </div>
      {filtered ? (
        <p className="mb-4 text-sm">
          Showing proposals{query.q ? <> matching <strong>{query.q}</strong></> : null}{school ? <> from teachers at <strong>{school.name}</strong></> : null}.{' '}
          <Link href={`/district/proposals?${new URLSearchParams({ status: query.status, ...(dq ? { district: dq } : {}) })}`}>Show all</Link>
        </p>
      ) : null}
      <ProposalDecisions proposalIds={page.filter((p) => p.status === 'SUBMITTED' && !p.own).map((p) => p.id)}>
        {page.length === 0 ? (
          <EmptyState title={filtered ? 'No proposals match' : query.status === 'SUBMITTED' ? (hasRole(actor, 'DISTRICT_LEADER', district.id) ? 'Nothing is waiting for you' : 'Nothing is waiting for the district') : 'No proposals here yet'} />
        ) : (
          <ul className="space-y-4">
            {page.map((p) => (
              <li key={p.id}>
                <Card as="article">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <h2 className="text-lg font-semibold">
                        {p.user.name} · <Link href={`/micro-credentials/${p.microCredential.slug}`}>{p.microCredential.currentVersion?.title ?? p.microCredential.slug}</Link>
                      </h2>
                      <p className="text-sm text-slate-700">
                        {p.user.email}{p.user.inDistrict && p.user.school ? ` · ${p.user.school.name}` : ''}
                        {p.submittedAt ? ` · sent ${dayFmt.format(p.submittedAt)}` : ''}
                        {' · '}
                        {/* A teacher who moved away is no longer on the district's list: no school of theirs, no record to open. */}
                        {p.user.inDistrict ? (
                          <Link href={`/district/teachers?${new URLSearchParams({ q: p.user.email, ...(dq ? { district: dq } : {}) }).toString()}`}>
                            {p.user.name}’s record<span className="sr-only"> (badges and work in progress)</span>
                          </Link>
                        ) : `no longer in ${district.name}`}
                      </p>
                      <p className="text-sm text-slate-700">
                        {p.microCredential.issuer.name}
                        {p.microCredential.level ? ` · level ${p.microCredential.level}` : ' · no level (does not count toward salary steps)'}
                        {p.microCredential.currentVersion ? ` · ${Number(p.microCredential.currentVersion.pdHours)} PD hours` : ''}
                      </p>
                    </div>
                    <Pill tone={p.status === 'APPROVED' ? 'success' : p.status === 'RETURNED' ? 'warning' : 'info'}>{p.status === 'SUBMITTED' ? 'Waiting' : p.status.charAt(0) + p.status.slice(1).toLowerCase()}</Pill>
                  </div>
                  {p.status === 'RETURNED' ? (
                    <p className="mt-3 text-sm text-slate-700">
                      {p.textAsReturned
                        ? 'The proposal as it was when returned. The teacher’s changes show here once they send it again.'
                        : 'Returned before this page kept the text as returned: this is the teacher’s current text, which they may be revising.'}
                    </p>
                  ) : null}
                  <h3 className="mt-3 text-sm font-semibold">Student goals</h3>
                  <p className="whitespace-pre-line text-slate-800">{p.studentGoals}</p>
                  {p.plan ? (
                    <>
                      <h3 className="mt-3 text-sm font-semibold">Plan</h3>
                      <p className="whitespace-pre-line text-slate-800">{p.plan}</p>
                    </>
                  ) : null}
                  {p.status === 'SUBMITTED' && p.decidedAt && p.decisionComment ? (
                    <p className="mt-3 whitespace-pre-line rounded-md bg-amber-50 p-3 text-sm text-amber-950">
                      <strong>Returned earlier ({dayFmt.format(p.decidedAt)}){p.decidedBy ? ` by ${p.decidedBy.name}` : ''}:</strong> {p.decisionComment}
                    </p>
                  ) : null}
                  {p.status === 'SUBMITTED' && p.own ? (
                    // No one decides their own proposal (lib/proposals/policy.ts): no form to refuse later.
                    <p className="mt-4 border-t border-slate-200 pt-4 text-sm text-slate-700">Your own proposal: another leader decides it.</p>
                  ) : p.status === 'SUBMITTED' ? (
                    <div className="mt-4 border-t border-slate-200 pt-4"><ProposalDecisionForm proposalId={p.id} version={p.version} teacherName={p.user.name} credentialTitle={p.microCredential.currentVersion?.title ?? p.microCredential.slug} /></div>
                  ) : (
                    <div className="mt-3 border-t border-slate-200 pt-3 text-sm text-slate-700">
                      <p>{decisionLine(p, actor.id)}</p>
                      {p.outcome ? <OutcomeLine outcome={p.outcome} teacherName={p.user.name} credentialTitle={p.microCredential.currentVersion?.title ?? p.microCredential.slug} /> : null}
                      {p.decisionComment ? <p className="mt-1 whitespace-pre-line"><strong>Comment{p.decidedBy ? ` from ${p.decidedBy.name}` : ''}:</strong> {p.decisionComment}</p> : null}
                    </div>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </ProposalDecisions>
      <Pagination basePath="/district/proposals" params={{ status: query.status, district: dq, q: query.q, school: school?.id }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
