'use client';

import { useId, useState, type ReactNode } from 'react';
import { FieldError, inputClass } from '@/components/ui/field';
import { approvedListsInWords } from '@/lib/reporting/salary-steps';
import { searchText } from '@/lib/search-text';

/** An issuing organisation a district can approve, with how many micro-credentials it offers. */
export type IssuerOption = { id: string; name: string; published: number };

/** Past this many issuers, a box to find one by name appears above the list. */
export const FIND_FROM = 10;

/**
 * The issuers whose name contains `query` (any case; full-width letters or an accent typed as a
 * separate mark read as the usual characters, lib/search-text.ts); all of them for an empty query.
 */
export function issuersMatching<I extends { name: string }>(issuers: I[], query: string): I[] {
  const q = searchText(query).toLocaleLowerCase();
  return q ? issuers.filter((i) => i.name.toLocaleLowerCase().includes(q)) : issuers;
}


/** What the approved lists are used for, in words: “salary steps”, “licence renewal”, or both. */
export function listUseInWords(salary: boolean, renewal: boolean): string {
  return salary && renewal ? 'salary steps and licence renewal' : renewal ? 'licence renewal' : 'salary steps';
}

/**
 * "Which issuers' badges count toward salary steps": every issuer's, or only those the district
 * approves. Controlled by the policy form, which sends the choice with the rest of the policy. The
 * approved lists themselves are `ApprovedIssuers`, shared with the licence-renewal rule.
 */
export function SalaryIssuers({ onlyApproved, onOnlyApproved }: { onlyApproved: boolean; onOnlyApproved: (v: boolean) => void }) {
  return (
    <fieldset id="salary-issuers" className="mt-4 scroll-mt-4">
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
            <span className="block text-sm text-slate-700">You choose them under “Approved issuers and micro-credentials” below.</span>
          </label>
        </div>
      </div>
    </fieldset>
  );
}

/**
 * The district's approved issuers, chosen from the platform's issuing organisations, with the single
 * micro-credentials approved on their own (`children`), shown while salary steps or licence renewal
 * (`salary`, `renewal`) count only approved ones. The lists are kept while neither does, so switching
 * back finds them as they were. An error about them ("choose at least one") sits above the issuers,
 * where the leader starts correcting it.
 */
export function ApprovedIssuers({ issuers, salary, renewal, chosen, onChosen, errors, keptCredentials = 0, children }: {
  issuers: IssuerOption[];
  /** Salary steps count only approved issuers and micro-credentials. */
  salary: boolean;
  /** Licence renewal counts only approved issuers and micro-credentials. */
  renewal: boolean;
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
  const uses = listUseInWords(salary, renewal);
  // The first issuer shown is the field to correct (focus goes there after a failed save); with
  // none shown, the form's alert takes focus and the message is read from the section.
  return (
    <section id="approved-lists" aria-labelledby="approved-lists-h" className="scroll-mt-4">
      <h2 id="approved-lists-h" className="text-lg font-semibold">Approved issuers and micro-credentials</h2>
      {/* Shown whether or not the lists are in use: the list is saved either way, so a refusal about it (an issuer gone meanwhile) can come either way. */}
      <FieldError id={errorId} errors={error} className="mt-2" />
      {salary || renewal ? (
        <>
          <p className="text-sm text-slate-700">Used for {uses}: only badges from the issuers and micro-credentials chosen here count toward {salary && renewal ? 'them' : 'it'}.</p>
          <fieldset className="mt-3 rounded-lg border border-slate-200 bg-white p-4" aria-describedby={[hint, error ? errorId : null].filter(Boolean).join(' ')}>
            <legend className="px-1 text-sm font-semibold">Approved issuers</legend>
            <p id={hint} className="text-sm text-slate-700">
              {issuers.length
                ? `${chosen.size} of ${issuers.length} chosen. Only badges from the issuers you tick count toward ${uses} (and those of the single micro-credentials you add below).`
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
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          Not used now: every issuer’s badges count toward salary steps and licence renewal.
          {chosen.size || keptCredentials ? ` Your list of ${approvedListsInWords(chosen.size, keptCredentials)} is kept for when you count only approved ones again.` : ''}
        </p>
      )}
    </section>
  );
}
