import type { VersionDetail } from '@/lib/catalog/queries';
import { TableScroll } from '@/components/ui/table-scroll';

type Rubric = Pick<VersionDetail, 'criteria' | 'levels' | 'passingLevelRank' | 'passingRuleKind' | 'passingTotal'>;

/**
 * The full rubric, passing level marked. From the `md` breakpoint up, a grid: criteria down,
 * proficiency levels across. Below it, the same words stacked, one criterion after another with
 * each level under it: on a phone a grid four or five levels wide leaves the passing level off to
 * the side, where a teacher reading what a pass requires may never scroll to it. Only one of the
 * two is displayed at a time (the other is `display: none`), so a screen reader meets one rubric.
 * A draft in the admin's preview may have no passing level chosen yet: it says so rather than
 * naming none.
 */
export function RubricTable({ version }: { version: Rubric }) {
  const passing = version.levels.find((l) => l.rank === version.passingLevelRank);
  const atOrAbovePassing = (rank: number) => passing !== undefined && rank >= passing.rank;
  const byTotal = version.passingRuleKind === 'TOTAL_AT_LEAST';
  const passingMark = byTotal ? 'Lowest level allowed' : 'Passing level';
  const points = (rank: number) => `${rank} point${rank === 1 ? '' : 's'}`;
  const descriptor = (c: Rubric['criteria'][number], levelId: string) => c.descriptors.find((d) => d.levelId === levelId)?.text ?? '';
  return (
    <div>
      <p className="mb-3 text-sm text-slate-800">
        {!passing ? (
          <>The passing level is not chosen yet: choose it in the editor before publishing.</>
        ) : version.passingRuleKind === 'ALL_AT_LEAST' ? (
          <>
            To earn this credential, <strong>every criterion must reach “{passing?.label}”</strong> or higher.
          </>
        ) : (
          <>
            To earn this credential, your points across all criteria must add up to at least <strong>{version.passingTotal}</strong>, with no criterion below “{passing?.label}”. Each level’s points are shown under its name.
          </>
        )}
      </p>
      <ul aria-label="Scoring rubric" className="space-y-4 md:hidden">
        {version.criteria.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-300 bg-white p-3">
            <h3 className="font-semibold">{c.title}</h3>
            {c.description ? <p className="mt-1 text-sm text-slate-700">{c.description}</p> : null}
            <dl className="mt-3 space-y-2 text-sm">
              {version.levels.map((l) => (
                <div key={l.id} className={`rounded border-l-4 p-2 ${atOrAbovePassing(l.rank) ? 'border-green-700 bg-green-50' : 'border-slate-300 bg-slate-50'}`}>
                  <dt className="font-semibold">
                    {l.label}
                    {byTotal ? <span className="block text-xs font-normal text-slate-800">{points(l.rank)}</span> : null}
                    {l.rank === passing?.rank ? <span className="block text-xs font-normal text-green-900">{passingMark}</span> : null}
                  </dt>
                  <dd className="mt-1 text-slate-800">{descriptor(c, l.id)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <TableScroll label="Scoring rubric" className="hidden md:block">
        <table className="w-full min-w-[40rem] border-collapse text-sm">
          <caption className="sr-only">Scoring rubric</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-slate-300 bg-slate-100 p-2 text-left">
                Criterion
              </th>
              {version.levels.map((l) => (
                <th key={l.id} scope="col" className={`border border-slate-300 p-2 text-left ${atOrAbovePassing(l.rank) ? 'bg-green-50' : 'bg-slate-100'}`}>
                  {l.label}
                  {byTotal ? <span className="block text-xs font-normal text-slate-800">{points(l.rank)}</span> : null}
                  {l.rank === passing?.rank ? <span className="block text-xs font-normal text-green-900">{passingMark}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {version.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="border border-slate-300 p-2 text-left align-top font-semibold">
                  {c.title}
                  {c.description ? <span className="mt-1 block font-normal text-slate-700">{c.description}</span> : null}
                </th>
                {version.levels.map((l) => (
                  <td key={l.id} className="border border-slate-300 p-2 align-top text-slate-800">
                    {descriptor(c, l.id)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
