import Link from 'next/link';
import type { TeacherRecommendation } from '@/lib/district/recommendations';
import { RECOMMENDATION_KIND_LABELS, RECOMMENDATION_STATUS_LABELS, type RecommendationStatus } from '@/lib/district/recommendation-schemas';
import { Card, Pill, type Tone } from '@/components/ui/card';
import { BadgeMark } from '@/components/catalog/badge-mark';

const statusTone: Record<RecommendationStatus, Tone> = { 'not-started': 'neutral', enrolled: 'info', 'needs-changes': 'warning', 'in-review': 'purple', renew: 'warning', withdrawn: 'warning', earned: 'success' };

/** What to do next with a recommended item, as the link's words. */
function action(r: TeacherRecommendation): string {
  if (r.status === 'earned' || r.status === 'withdrawn') return 'View it';
  if (r.status === 'not-started') return r.target.kind === 'MICRO_CREDENTIAL' ? 'See what it asks and enrol' : 'See what it includes';
  if (r.status === 'needs-changes') return 'Make the changes';
  if (r.status === 'renew') return 'See how to renew';
  return 'Continue';
}

/** The dashboard's "Recommended by {district}" section: what the teacher's district points them at. */
export function DistrictRecommendations({ districtName, items }: { districtName: string; items: TeacherRecommendation[] }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby="recommended-heading" data-district-recommendation="">
      <h2 id="recommended-heading" className="mb-1 flex items-center gap-2 text-lg font-semibold">
        Recommended by {districtName} <Pill tone="neutral">{items.length}</Pill>
      </h2>
      <p className="mb-3 text-sm text-slate-700">Your district’s priorities: what it would like its teachers to work on.</p>
      <ul className="grid gap-4 md:grid-cols-2">
        {items.map((r) => (
          <li key={r.key}>
            <Card as="div" className="flex h-full gap-4">
              <BadgeMark color={r.target.badgeColor} level={r.target.level} size={44} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Pill tone={statusTone[r.status]}>{RECOMMENDATION_STATUS_LABELS[r.status]}</Pill>
                  <span className="text-xs text-slate-700">{RECOMMENDATION_KIND_LABELS[r.target.kind]}</span>
                  {r.forSchool ? <span className="text-xs text-slate-700">· For {r.forSchool}</span> : null}
                </div>
                <h3 className="mt-1 font-semibold">
                  <Link href={r.target.href}>{r.target.title}</Link>
                </h3>
                {r.progress && r.progress.total > 0 && r.status !== 'earned' ? (
                  <p className="text-sm text-slate-700">
                    {r.progress.earned} of {r.progress.total} {r.target.kind === 'TRACK' ? 'levels' : 'micro-credentials'} earned
                  </p>
                ) : null}
                {r.notes.map((note) => <p key={note} className="mt-1 whitespace-pre-line text-sm text-slate-800">{note}</p>)}
                <p className="mt-2">
                  <Link href={r.target.href} className="font-semibold">
                    {action(r)}
                    <span className="sr-only">: {r.target.title}</span> →
                  </Link>
                </p>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
