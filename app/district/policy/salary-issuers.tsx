'use client';

import { useId, useState, type ReactNode } from 'react';
import { inputClass } from '@/components/ui/field';

/** An issuing organisation a district can approve, with how many micro-credentials it offers. */
export type IssuerOption = { id: string; name: string; published: number };

/** Past this many issuers, a box to find one by name appears above the list. */
export const FIND_FROM = 10;

/** The issuers whose name contains `query` (any case, accents as typed); all of them for an empty query. */
export function issuersMatching<I extends { name: string }>(issuers: I[], query: string): I[] {
  const q = query.trim().toLocaleLowerCase();
  return q ? issuers.filter((i) => i.name.toLocaleLowerCase().includes(q)) : issuers;
}

/** “3 approved issuers and 1 micro-credential approved on its own”: what is kept while every issuer counts. */
export function keptListInWords(issuers: number, credentials: number): string {
  const parts = [
    issuers ? `${issuers} approved issuer${issuers === 1 ? '' : 's'}` : null,
    credentials ? `${credentials} micro-credential${credentials === 1 ? '' : 's'} approved on ${credentials === 1 ? 'its' : 'their'} own` : null,
  ].filter(Boolean);
  return parts.join(' and ');
}

/**
 * "Which issuers' badges count toward salary steps": every issuer's, or only those the district
 * approves, chosen from the platform's issuing organisations. Controlled by the policy form, which
 * sends the choice with the rest of the policy. The chosen list is kept while every issuer counts,
 * so switching back finds it as it was; so is the list of single micro-credentials approved on their
 * own (`keptCredentials` of them), which `children` (shown under the issuers while only approved
 * ones count) lets the leader change.
 */
export function SalaryIssuers({ issuers, onlyApproved, onOnlyApproved, chosen, onChosen, errors, keptCredentials = 0, children }: {
  issuers: IssuerOption[];
  onlyApproved: boolean;
  onOnlyApproved: (v: boolean) => void;
  chosen: ReadonlySet<string>;
  onChosen: (next: Set<string>) => void;
  errors?: string[];
  keptCredentials?: number;
  children?: ReactNode;
}) {
  const [query, setQuery] = useState('');
  const hint = useId();
  const errorId = 'approvedIssuerIds-error';
  const shown = issuersMatching(issuers, query);
  const error = errors?.length ? errors.join(' ') : null;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChosen(next);
  };
  // The first issuer shown is the field to correct (focus goes there after a failed save); with
  // none shown, the form's alert takes focus and the message is read from the fieldset.
  return (
    <fieldset id="salary-issuers" className="mt-4 scroll-mt-4" aria-describedby={error ? errorId : undefined}>
      <legend className="font-semibold">Which issuers’ badges count toward salary steps</legend>
      <div className="mt-2 space-y-2">
        <div className="flex items-start gap-2">
          <input id="issuers-every" type="radio" name="salaryIssuers" checked={!onlyApproved} onChange={() => onOnlyApproved(false)} className="mt-1 h-4 w-4" />
          <label htmlFor="issuers-every">
            <span className="font-medium">Every issuer on the platform</span>
            <span className="block text-sm text-slate-700">A badge from any issuing organisation counts.</span>
          </label>
        </div>
        <div className="flex items-start gap-2">
          <input id="issuers-approved" type="radio" name="salaryIssuers" checked={onlyApproved} onChange={() => onOnlyApproved(true)} className="mt-1 h-4 w-4" />
          <label htmlFor="issuers-approved">
            <span className="font-medium">Only issuers your district approves</span>
            <span className="block text-sm text-slate-700">
              For districts that vet providers first. A badge from another issuer does not count toward a step, unless you approve that one micro-credential on its own; teachers keep it, its PD hours still count, and they are told it does not count here.
            </span>
          </label>
        </div>
      </div>
      {onlyApproved ? (
        <>
          <fieldset className="mt-3 rounded-lg border border-slate-200 bg-white p-4" aria-describedby={hint}>
            <legend className="px-1 text-sm font-semibold">Approved issuers</legend>
            <p id={hint} className="text-sm text-slate-700">
              {issuers.length
                ? `${chosen.size} of ${issuers.length} chosen. Only badges from the issuers you tick count toward salary steps (and those of the single micro-credentials you add below).`
                : 'No issuing organisation is on the platform yet, so none can be approved.'}
            </p>
            {issuers.length > FIND_FROM ? (
              <div className="mt-2 max-w-sm">
                <label htmlFor="issuer-find" className="block text-sm font-semibold">Find an issuer</label>
                <input id="issuer-find" type="search" value={query} onChange={(e) => setQuery(e.target.value)} maxLength={100} autoComplete="off" className={inputClass} aria-describedby="issuer-find-count" />
                <p id="issuer-find-count" className="mt-1 text-sm text-slate-700" role="status" aria-live="polite" aria-atomic="true">
                  {query.trim() ? `${shown.length} of ${issuers.length} issuers shown. Ticked issuers stay chosen while hidden.` : ''}
                </p>
              </div>
            ) : null}
            <ul className="mt-2 max-h-96 space-y-1 overflow-y-auto">
              {shown.map((i, n) => {
                const id = `issuer-${i.id}`;
                const invalid = Boolean(error) && n === 0;
                return (
                  <li key={i.id} className="flex items-start gap-2">
                    <input
                      id={id} type="checkbox" checked={chosen.has(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} className="mt-1 h-4 w-4"
                      aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? errorId : undefined}
                    />
                    <label htmlFor={id}>
                      {i.name}
                      <span className="text-sm text-slate-700"> · {i.published ? `${i.published} published micro-credential${i.published === 1 ? '' : 's'}` : 'no published micro-credentials yet'}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          {children}
        </>
      ) : chosen.size || keptCredentials ? (
        <p className="mt-2 text-sm text-slate-700">Your list of {keptListInWords(chosen.size, keptCredentials)} is kept for when you count only approved issuers again.</p>
      ) : null}
      {error ? <p id={errorId} className="mt-2 text-sm font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
