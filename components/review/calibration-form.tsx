'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { adoptLegacyLocalDraft, clearLocalDraft, localDraftKey, pickGridChoices, readLocalDraft, writeLocalDraft, type GridChoices } from '@/components/ui/local-draft';
import type { CalibrationOutcome } from '@/lib/review/calibration';
import { submitCalibrationAction } from '@/app/review/calibration/[microCredentialId]/actions';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { focusOnFollow } from '@/components/ui/focus-link';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { FieldError } from '@/components/ui/field';

type Props = {
  /** Whose ratings these are (the signed-in reviewer): part of the saved draft's key. */
  reviewerId: string;
  microCredentialId: string;
  versionId: string;
  criteria: { index: number; id: string; title: string; descriptors: { levelId: string; text: string }[] }[];
  levels: { id: string; rank: number; label: string }[];
  exemplars: { id: string; title: string; responses: { partTitle: string; text: string }[] }[];
};

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Said when "Check my scores" got no answer: the ratings stay chosen, and on this device, for another try. */
export const CALIBRATION_UNREACHABLE = couldNotReach('your ratings may not have been checked', 'They are still chosen below and kept on this device: check your connection and press Check my scores again.');

/**
 * Where an error link for `key` ("ranks.<sample>.<criterion>") takes focus: the radio button of the
 * level chosen there, else the first level's, so the reviewer can choose at once (the fieldset the
 * link points to cannot take focus). Null for a key that names no rating.
 */
export function calibrationFocusId(key: string, ranks: GridChoices, levels: { rank: number }[]): string | null {
  const m = /^ranks\.(.+)\.(\d+)$/.exec(key);
  if (!m) return null;
  const [, exemplarId, criterionIndex] = m;
  const rank = ranks[exemplarId]?.[criterionIndex] ?? levels[0]?.rank;
  return rank === undefined ? null : `ranks-${exemplarId}-${criterionIndex}-${rank}`;
}

/**
 * What came of "Check my scores": the agreement and where the reviewer differed, or why nothing was
 * checked with a link to each rating still to choose. No role of its own: it is shown in an
 * ArrivalNotice, which takes focus, and that is how it is read out (once, ADR 021).
 */
export function CalibrationResult({ result, ranks, levels }: { result: ActionResult<CalibrationOutcome>; ranks: GridChoices; levels: { rank: number }[] }) {
  const outcome = result.ok ? result.data : undefined;
  if (outcome) {
    return (
      <div className={`rounded-lg border p-4 ${outcome.passed ? 'border-green-300 bg-green-50' : 'border-amber-300 bg-amber-50'}`}>
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
    );
  }
  if (result.ok) return null;
  const fieldErrors = result.fieldErrors ?? {};
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950">
      <p className="font-semibold">{result.formError}</p>
      {Object.keys(fieldErrors).length ? (
        <ul className="mt-2 list-disc pl-5">
          {Object.entries(fieldErrors).map(([k, m]) => {
            const focusId = calibrationFocusId(k, ranks, levels);
            return (
              <li key={k}>
                <a href={`#${k.replaceAll('.', '-')}`} onClick={focusId ? focusOnFollow(focusId) : undefined}>
                  {m.join(' ')}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Scores every exemplar on the rubric; the server compares with the agreed ranks and explains
 * differences. The ratings chosen so far stay in this browser until they are sent, keyed by the
 * reviewer, the credential and the rubric version: on a shared school computer, the next reviewer
 * starts from their own ratings, not someone else's.
 */
export function CalibrationForm({ reviewerId, microCredentialId, versionId, criteria, levels, exemplars }: Props) {
  const draftName = `calibration-draft:${reviewerId}:${microCredentialId}:${versionId}`;
  const draftKey = localDraftKey(draftName);
  const [ranks, setRanks] = useState<GridChoices>({});
  const [restored, setRestored] = useState(false);
  // With a new number for each check, so that even the same outcome mounts anew and takes focus.
  const [result, setResult] = useState<{ n: number; value: ActionResult<CalibrationOutcome> } | null>(null);
  const [pending, startTransition] = useTransition();
  const ranksRef = useRef(ranks);

  // Re-running (new props after a refresh) is harmless: the saved copy mirrors what is chosen.
  useEffect(() => {
    adoptLegacyLocalDraft(draftName);
    const fits = { rows: exemplars.map((x) => x.id), columns: criteria.map((c) => String(c.index)), values: levels.map((l) => l.rank) };
    const saved = pickGridChoices(readLocalDraft(draftKey), fits);
    if (!Object.keys(saved).length) return;
    // localStorage is only readable after hydration: restoring the saved ratings here is intended.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRanks(saved);
    ranksRef.current = saved;
    setRestored(true);
  }, [draftName, draftKey, exemplars, criteria, levels]);

  const choose = (exemplarId: string, criterionIndex: number, rank: number) => {
    const next = { ...ranksRef.current, [exemplarId]: { ...ranksRef.current[exemplarId], [String(criterionIndex)]: rank } };
    ranksRef.current = next;
    setRanks(next);
    writeLocalDraft(draftKey, next);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      // No answer: said where any outcome is (it takes focus), with the ratings left as they are.
      const r = await unlessUnreachable(
        () => submitCalibrationAction({ microCredentialId, versionId, ranks: ranksRef.current }),
        (): ActionResult<CalibrationOutcome> => ({ ok: false, formError: CALIBRATION_UNREACHABLE }),
      );
      setResult((prev) => ({ n: (prev?.n ?? 0) + 1, value: r }));
      // Sent and scored: the saved copy has done its job. On an error it stays for the next try.
      if (r.ok) {
        clearLocalDraft(draftKey);
        setRestored(false);
      }
    });
  };
  const fieldErrors = result && !result.value.ok ? (result.value.fieldErrors ?? {}) : {};
  const outcome = result?.value.ok ? result.value.data : undefined;

  return (
    <div>
      {/* Focus goes to the outcome once it is on the page (the result is set in a transition, so it is not yet there when the action returns): a new notice for each check. */}
      {result ? (
        <ArrivalNotice key={result.n} className="mb-6">
          <CalibrationResult result={result.value} ranks={ranks} levels={levels} />
        </ArrivalNotice>
      ) : null}

      {/* Once checked, the copy on this device is gone: the note says what is true now. */}
      {outcome?.passed ? null : (
        <p id="calibration-draft-note" className="mb-4 text-sm text-slate-700">
          {outcome
            ? 'Change the ratings that differed and check again. Changes you make are kept on this device until you do.'
            : `Your ratings are kept on this device until you submit.${restored ? ' The ratings you chose earlier are filled in below.' : ''}`}
        </p>
      )}

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
                // A rating left out: the group of radios is marked invalid (a radio itself cannot be),
                // and the error describes each of its radios, one of which the error's link focuses.
                const errId = err ? `${key}-error` : undefined;
                return (
                  <fieldset key={c.id} id={key} role="radiogroup" aria-labelledby={`${key}-legend`} aria-invalid={errId ? true : undefined} className="rounded-md border border-slate-300 p-3">
                    <legend id={`${key}-legend`} className="px-1 font-semibold">
                      {c.title} <span className="sr-only">for {ex.title}</span>
                    </legend>
                    <FieldError id={errId} errors={err} className="" />
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
                              onChange={() => choose(ex.id, c.index, l.rank)}
                              aria-describedby={errId}
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
