import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { getTeacherDashboard } from '@/lib/enrollment/queries';
import { Alert, Card, EmptyState, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { BadgeMark } from '@/components/catalog/badge-mark';

export const metadata = { title: 'My learning' };

type Column = 'In progress' | 'Submitted' | 'Needs revision' | 'Earned';
const columnTone: Record<Column, Tone> = { 'In progress': 'neutral', Submitted: 'info', 'Needs revision': 'warning', Earned: 'success' };
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const actor = await requireUser('/dashboard');
  const { welcome } = await searchParams;
  const { enrollments, submissions, awards, proposals, resourceStats } = await getTeacherDashboard(actor.id);
  const subByMc = new Map(submissions.map((s) => [s.microCredentialId, s]));
  const propByMc = new Map(proposals.map((p) => [p.microCredentialId, p]));

  const rows = enrollments
    .filter((e) => e.microCredential?.currentVersion)
    .map((e) => {
      const mc = e.microCredential!;
      const sub = subByMc.get(mc.id);
      const prop = propByMc.get(mc.id);
      const status = sub?.status;
      const column: Column = status === 'EARNED' ? 'Earned' : status === 'NEEDS_REVISION' ? 'Needs revision' : status === 'SUBMITTED' || status === 'IN_REVIEW' ? 'Submitted' : 'In progress';
      const stats = resourceStats.get(mc.currentVersion!.id) ?? { total: 0, done: 0 };
      let next: { label: string; href: string };
      if (column === 'Earned') next = { label: 'View badge', href: `/badges` };
      else if (column === 'Needs revision') next = { label: 'Read feedback and revise', href: `/apply/${mc.slug}` };
      else if (column === 'Submitted') next = { label: 'View submission', href: `/apply/${mc.slug}` };
      else if (prop?.status === 'RETURNED') next = { label: 'Update your proposal', href: `/micro-credentials/${mc.slug}/proposal` };
      else if (sub) next = { label: 'Continue application', href: `/apply/${mc.slug}` };
      else if (stats.done < stats.total) next = { label: 'Study the resources', href: `/micro-credentials/${mc.slug}` };
      else next = { label: 'Start application', href: `/apply/${mc.slug}` };
      return { mc, column, stats, next, sub, prop };
    });
  const columns: Column[] = ['In progress', 'Needs revision', 'Submitted', 'Earned'];
  const totalHours = awards.reduce((sum, a) => sum + Number(a.pdHours), 0);

  return (
    <div>
      <PageHeader
        title={`Welcome, ${actor.name.split(' ')[0]}`}
        description="Everything you are working on, and what to do next."
        actions={<ButtonLink href="/catalog" variant="secondary">Find a micro-credential</ButtonLink>}
      />
      {welcome ? (
        <div className="mb-6">
          <Alert tone="success" title="Your account is ready">
            Browse the catalogue and enrol in a micro-credential to get started.
          </Alert>
        </div>
      ) : null}
      <dl className="mb-8 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label="In progress" value={rows.filter((r) => r.column === 'In progress').length} />
        <Stat label="Waiting for review" value={rows.filter((r) => r.column === 'Submitted').length} />
        <Stat label="Badges earned" value={awards.length} />
        <Stat label="PD hours earned" value={totalHours} />
      </dl>
      {rows.length === 0 ? (
        <EmptyState title="You are not enrolled in anything yet" action={<ButtonLink href="/catalog">Browse the catalogue</ButtonLink>}>
          Pick a skill you want to grow. Level 1 credentials show your understanding; level 2 credentials show the skill in your own classroom.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {columns.map((col) => {
            const list = rows.filter((r) => r.column === col);
            if (!list.length) return null;
            return (
              <section key={col} aria-labelledby={`col-${col}`}>
                <h2 id={`col-${col}`} className="mb-3 flex items-center gap-2 text-lg font-semibold">
                  {col} <Pill tone={columnTone[col]}>{list.length}</Pill>
                </h2>
                <ul className="grid gap-4 md:grid-cols-2">
                  {list.map(({ mc, stats, next, sub, prop }) => (
                    <li key={mc.id}>
                      <Card as="div" className="flex h-full gap-4">
                        <BadgeMark color={mc.currentVersion!.badgeColor} level={mc.level} size={52} />
                        <div className="min-w-0 flex-1">
                          <h3 className="font-semibold">
                            <Link href={`/micro-credentials/${mc.slug}`}>{mc.currentVersion!.title}</Link>
                          </h3>
                          <p className="text-sm text-slate-700">
                            {mc.issuer.name}
                            {mc.track ? ` · ${mc.track.title}` : ''}
                          </p>
                          {stats.total ? (
                            <div className="mt-2">
                              <ProgressBar value={stats.done} max={stats.total} label={`Resources studied for ${mc.currentVersion!.title}`} />
                              <p className="mt-1 text-xs text-slate-700">
                                {stats.done} of {stats.total} resources studied
                              </p>
                            </div>
                          ) : null}
                          {prop && prop.status !== 'APPROVED' ? (
                            <p className="mt-1 text-sm text-slate-800">Proposal: {prop.status === 'SUBMITTED' ? 'waiting for your district' : prop.status === 'RETURNED' ? 'returned with a comment' : 'draft'}</p>
                          ) : null}
                          {sub?.attempts[0]?.dueAt && (sub.status === 'SUBMITTED' || sub.status === 'IN_REVIEW') ? (
                            <p className="mt-1 text-sm text-slate-800">Decision expected by {dateFmt.format(sub.attempts[0].dueAt)}</p>
                          ) : null}
                          <p className="mt-2">
                            <Link href={next.href} className="font-semibold">
                              {next.label} →
                            </Link>
                          </p>
                        </div>
                      </Card>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold">{value}</dd>
    </div>
  );
}
