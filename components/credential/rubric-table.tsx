import type { VersionDetail } from '@/lib/catalog/queries';

/**
 * The full rubric grid: criteria down, proficiency levels across, passing level marked. A draft in
 * the admin's preview may have no passing level chosen yet: it says so rather than naming none.
 */
export function RubricTable({ version }: { version: Pick<VersionDetail, 'criteria' | 'levels' | 'passingLevelRank' | 'passingRuleKind' | 'passingTotal'> }) {
  const passing = version.levels.find((l) => l.rank === version.passingLevelRank);
  const atOrAbovePassing = (rank: number) => passing !== undefined && rank >= passing.rank;
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
      {/* Focusable, so keyboard users can scroll it sideways on a narrow screen in every browser. */}
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Scoring rubric (scrolls sideways on small screens)">
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
                  {version.passingRuleKind === 'TOTAL_AT_LEAST' ? <span className="block text-xs font-normal text-slate-800">{l.rank} point{l.rank === 1 ? '' : 's'}</span> : null}
                  {l.rank === passing?.rank ? <span className="block text-xs font-normal text-green-900">{version.passingRuleKind === 'TOTAL_AT_LEAST' ? 'Lowest level allowed' : 'Passing level'}</span> : null}
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
                    {c.descriptors.find((d) => d.levelId === l.id)?.text ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
