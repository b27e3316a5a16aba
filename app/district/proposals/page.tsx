import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listDistrictProposals } from '@/lib/proposals/queries';
import { Card, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { DistrictPicker } from '@/components/admin/district-picker';
import { ProposalDecisionForm, ProposalDecisions } from '@/components/admin/proposal-decision-form';

export const metadata = { title: 'Proposals' };
const Query = z.object({
  status: z.enum(['SUBMITTED', 'APPROVED', 'RETURNED']).catch('SUBMITTED').default('SUBMITTED'),
  cursor: z.string().max(40).optional().catch(undefined),
  district: z.string().max(40).optional().catch(undefined),
});
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const decidedFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** "Returned by Dana Leader on 3 March 2026": whichever of the district's leaders decided. */
function decisionLine(p: { status: string; decidedAt: Date | null; decidedBy: { id: string; name: string } | null }, viewerId: string) {
  const verb = p.status === 'APPROVED' ? 'Approved' : 'Returned';
  // No decider: their account was deleted since (the proposal keeps the decision, not the name).
  const by = p.decidedBy ? ` by ${p.decidedBy.name}${p.decidedBy.id === viewerId ? ' (you)' : ''}` : '';
  return `${verb}${by}${p.decidedAt ? ` on ${decidedFmt.format(p.decidedAt)}` : ''}.`;
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
  const rows = await listDistrictProposals([district.id], { status: query.status, cursor: query.cursor, take: 20 });
  const page = rows.slice(0, 20);
  const nextCursor = rows.length > 20 ? page[page.length - 1].id : null;
  const dq = districts.length > 1 ? district.id : undefined;
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} keep={{ status: query.status }} />
      <PageHeader title="Proposals" description="Teachers say how a micro-credential serves their students’ goals. Approve it, or return it with a comment saying what to change." />
      <nav aria-label="Proposal status" className="mb-4 flex flex-wrap gap-2">
        {tabs.map((t) => (
          <Link
            key={t.status}
            href={`/district/proposals?status=${t.status}${dq ? `&district=${dq}` : ''}`}
            aria-current={query.status === t.status ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-semibold no-underline ${query.status === t.status ? 'bg-slate-800 text-white' : 'bg-white text-slate-800 ring-1 ring-slate-300'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <ProposalDecisions proposalIds={page.filter((p) => p.status === 'SUBMITTED').map((p) => p.id)}>
        {page.length === 0 ? (
          <EmptyState title={query.status === 'SUBMITTED' ? 'Nothing is waiting for you' : 'No proposals here yet'} />
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
                        {p.user.email}{p.user.school ? ` · ${p.user.school.name}` : ''}
                        {p.submittedAt ? ` · sent ${dateFmt.format(p.submittedAt)}` : ''}
                        {' · '}
                        <Link href={`/district/teachers?${new URLSearchParams({ q: p.user.email, ...(dq ? { district: dq } : {}) }).toString()}`}>
                          {p.user.name}’s record<span className="sr-only"> (badges and work in progress)</span>
                        </Link>
                      </p>
                      <p className="text-sm text-slate-700">
                        {p.microCredential.issuer.name}
                        {p.microCredential.level ? ` · level ${p.microCredential.level}` : ' · no level (does not count toward salary steps)'}
                        {p.microCredential.currentVersion ? ` · ${Number(p.microCredential.currentVersion.pdHours)} PD hours` : ''}
                      </p>
                    </div>
                    <Pill tone={p.status === 'APPROVED' ? 'success' : p.status === 'RETURNED' ? 'warning' : 'info'}>{p.status === 'SUBMITTED' ? 'Waiting' : p.status.charAt(0) + p.status.slice(1).toLowerCase()}</Pill>
                  </div>
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
                      <strong>Returned earlier ({dateFmt.format(p.decidedAt)}){p.decidedBy ? ` by ${p.decidedBy.name}` : ''}:</strong> {p.decisionComment}
                    </p>
                  ) : null}
                  {p.status === 'SUBMITTED' ? (
                    <div className="mt-4 border-t border-slate-200 pt-4"><ProposalDecisionForm proposalId={p.id} version={p.version} teacherName={p.user.name} credentialTitle={p.microCredential.currentVersion?.title ?? p.microCredential.slug} /></div>
                  ) : (
                    <div className="mt-3 border-t border-slate-200 pt-3 text-sm text-slate-700">
                      <p>{decisionLine(p, actor.id)}</p>
                      {p.decisionComment ? <p className="mt-1 whitespace-pre-line"><strong>Comment{p.decidedBy ? ` from ${p.decidedBy.name}` : ''}:</strong> {p.decisionComment}</p> : null}
                    </div>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </ProposalDecisions>
      <Pagination basePath="/district/proposals" params={{ status: query.status, district: dq }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
