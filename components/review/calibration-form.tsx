'use client';

import Link from 'next/link';
import { useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action-result';
import type { CalibrationOutcome } from '@/lib/review/calibration';
import { submitCalibrationAction } from '@/app/review/calibration/[microCredentialId]/actions';

type Props = {
  microCredentialId: string;
  versionId: string;
  criteria: { index: number; id: string; title: string; descriptors: { levelId: string; text: string }[] }[];
  levels: { id: string; rank: number; label: string }[];
  exemplars: { id: string; title: string; responses: { partTitle: string; text: string }[] }[];
};

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Scores every exemplar on the rubric; the server compares with the agreed ranks and explains differences. */
export function CalibrationForm({ microCredentialId, versionId, criteria, levels, exemplars }: Props) {
  const [ranks, setRanks] = useState<Record<string, Record<string, number>>>({});
  const [result, setResult] = useState<ActionResult<CalibrationOutcome> | null>(null);
  const [pending, startTransition] = useTransition();
  const resultRef = useRef<HTMLDivElement>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await submitCalibrationAction({ microCredentialId, versionId, ranks });
      setResult(r);
      requestAnimationFrame(() => resultRef.current?.focus());
    });
  };
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const outcome = result?.ok ? result.data : undefined;

  return (
    <div>
      <div ref={resultRef} tabIndex={-1} className="mb-6 outline-none">
        {outcome ? (
          <div role="status" className={`rounded-lg border p-4 ${outcome.passed ? 'border-green-300 bg-green-50' : 'border-amber-300 bg-amber-50'}`}>
            <h2 className="text-lg font-semibold">
              {outcome.passed ? '✓ Calibrated' : 'Not calibrated yet'}: {pct(outcome.agreement)} exact agreement ({outcome.matches} of {outcome.total} ratings)
            </h2>
            <p className="mt-1">
              {outcome.passed ? (
                <>
                  You can now review live submissions. <Link href="/review">Go to the review queue</Link>.
                </>
              ) : (
                'You need at least 75%. The table shows where your level differed from the agreed one (the agreed levels appear once you pass). Re-read those criteria’s descriptors and try again: you have three tries a day.'
              )}
            </p>
            {outcome.exemplars.some((x) => x.differences.length) ? (
              <table className="mt-3 w-full border-collapse text-sm">
                <caption className="text-left font-semibold">Where you differed</caption>
                <thead>
                  <tr>
                    <th scope="col" className="border-b border-slate-300 p-2 text-left">Sample</th>
                    <th scope="col" className="border-b border-slate-300 p-2 text-left">Criterion</th>
                    <th scope="col" className="border-b border-slate-300 p-2 text-left">Agreed level</th>
                    <th scope="col" className="border-b border-slate-300 p-2 text-left">Your level</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.exemplars.flatMap((x) =>
                    x.differences.map((d) => (
                      <tr key={`${x.id}-${d.criterionIndex}`}>
                        <td className="border-b border-slate-200 p-2">{x.title}</td>
                        <td className="border-b border-slate-200 p-2">{d.criterionTitle}</td>
                        <td className="border-b border-slate-200 p-2">{d.expected ?? 'Shown once you pass'}</td>
                        <td className="border-b border-slate-200 p-2">{d.given}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : result && !result.ok ? (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950">
            <p className="font-semibold">{result.formError}</p>
            {Object.keys(fieldErrors).length ? (
              <ul className="mt-2 list-disc pl-5">
                {Object.entries(fieldErrors).map(([k, m]) => (
                  <li key={k}>
                    <a href={`#${k.replaceAll('.', '-')}`}>{m.join(' ')}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      <form method="post" onSubmit={submit} noValidate className="space-y-8">
        {exemplars.map((ex, ei) => (
          <section key={ex.id} aria-labelledby={`ex-${ex.id}`} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id={`ex-${ex.id}`} className="text-xl font-semibold">
              {ei + 1}. {ex.title}
            </h2>
            <div className="mt-3 space-y-3">
              {ex.responses.map((r, i) => (
                <div key={i}>
                  <h3 className="font-semibold">{r.partTitle}</h3>
                  <div className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm">{r.text}</div>
                </div>
              ))}
            </div>
            <div className="mt-4 space-y-4">
              {criteria.map((c) => {
                const key = `ranks-${ex.id}-${c.index}`;
                const err = fieldErrors[`ranks.${ex.id}.${c.index}`];
                return (
                  <fieldset key={c.id} id={key} className="rounded-md border border-slate-300 p-3" aria-describedby={err ? `${key}-error` : undefined}>
                    <legend className="px-1 font-semibold">
                      {c.title} <span className="sr-only">for {ex.title}</span>
                    </legend>
                    {err ? (
                      <p id={`${key}-error`} className="text-sm font-medium text-red-700">
                        {err.join(' ')}
                      </p>
                    ) : null}
                    <div className="mt-1 space-y-1">
                      {levels.map((l) => {
                        const id = `${key}-${l.rank}`;
                        return (
                          <div key={l.id} className="flex items-start gap-2">
                            <input
                              type="radio"
                              id={id}
                              name={key}
                              checked={ranks[ex.id]?.[String(c.index)] === l.rank}
                              onChange={() => setRanks((prev) => ({ ...prev, [ex.id]: { ...prev[ex.id], [String(c.index)]: l.rank } }))}
                              className="mt-1 h-4 w-4 shrink-0"
                            />
                            <label htmlFor={id} className="text-sm">
                              <span className="font-semibold">{l.label}</span>
                              <span className="block text-slate-800">{c.descriptors.find((d) => d.levelId === l.id)?.text}</span>
                            </label>
                          </div>
                        );
                      })}
                    </div>
                  </fieldset>
                );
              })}
            </div>
          </section>
        ))}
        <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? 'Checking…' : 'Check my scores'}
        </button>
      </form>
    </div>
  );
}
