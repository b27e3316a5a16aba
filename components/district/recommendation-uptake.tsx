import type { Uptake } from '@/lib/district/recommendations';

const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);

/**
 * A recommendation's uptake among the teachers it is for: enrolled, sent evidence, earned, each as
 * "n of N" in words with a bar beside it. The words carry everything; the bars are only a picture
 * of them, hidden from screen readers.
 */
export function RecommendationUptake({ uptake, title, kind }: { uptake: Uptake; title: string; kind: 'MICRO_CREDENTIAL' | 'TRACK' | 'STACK' }) {
  const rows: [string, number][] = [
    ['Enrolled', uptake.enrolled],
    ['Sent evidence', uptake.submitted],
    [kind === 'STACK' ? 'Earned the stack badge' : kind === 'TRACK' ? 'Earned a level' : 'Earned', uptake.earned],
  ];
  const of = uptake.teachers;
  return (
    <div>
      <h4 className="text-sm font-semibold">
        Uptake<span className="sr-only"> of {title}</span>
        <span className="font-normal text-slate-700"> among {of === 1 ? '1 teacher' : `${of} teachers`}</span>
      </h4>
      <dl className="mt-1 space-y-1 text-sm">
        {rows.map(([label, n]) => (
          <div key={label} className="grid grid-cols-[9.5rem_1fr] items-center gap-2 sm:grid-cols-[11rem_8rem_1fr]">
            <dt className="text-slate-800">{label}</dt>
            <dd className="tabular-nums">
              {n} of {of}
              <span className="text-slate-700"> ({pct(n, of)}%)</span>
            </dd>
            <dd aria-hidden="true" className="col-span-2 h-2 overflow-hidden rounded-full bg-slate-200 sm:col-span-1">
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct(n, of)}%` }} />
            </dd>
          </div>
        ))}
      </dl>
      {kind !== 'MICRO_CREDENTIAL' ? (
        <p className="mt-1 text-xs text-slate-700">{kind === 'TRACK' ? 'Counts the track and each of its levels.' : 'Enrolled and sent evidence count any of its micro-credentials.'}</p>
      ) : null}
    </div>
  );
}
