'use client';

import { useRef, useState, useTransition } from 'react';
import { searchApprovableCredentialsAction } from './actions';
import { FieldError, inputClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { OutcomeRegions } from '@/components/ui/outcome-regions';
import { byTitle, credentialInWords } from '@/lib/reporting/salary-steps';

/** A micro-credential on the district's approved list, or a search result that can be added. */
export type CredentialOption = {
  id: string;
  title: string;
  issuer: string;
  issuerId: string;
  level: number | null;
  /** False for one already on the list that its issuer has since retired: it stays, badges earned with it still count. */
  published?: boolean;
};

/** The id of a listed credential's remove button, where focus goes when the one before it is removed. */
const removeId = (id: string) => `approved-credential-remove-${id}`;
const SEARCH_ID = 'credential-find';

/** The list with `item` added at its place by title (then issuer), or the reason it cannot be. */
export function addCredential(list: CredentialOption[], item: CredentialOption, max: number): { list: CredentialOption[] } | { refused: string } {
  if (list.some((c) => c.id === item.id)) return { list };
  if (list.length >= max) {
    return { refused: `You have chosen ${max} micro-credentials, the most a district can approve one by one. Remove one first, or approve its issuer instead.` };
  }
  const next = [...list, item].sort(byTitle);
  return { list: next };
}

/**
 * The list without credential `id`, and where focus goes: the remove button of the one that took
 * its place, else of the one before it, else the search box.
 */
export function removeCredential(list: CredentialOption[], id: string): { list: CredentialOption[]; focus: string } {
  const i = list.findIndex((c) => c.id === id);
  if (i < 0) return { list, focus: SEARCH_ID };
  const next = list.filter((c) => c.id !== id);
  const neighbour = next[i] ?? next[i - 1];
  return { list: next, focus: neighbour ? removeId(neighbour.id) : SEARCH_ID };
}

/** What a search found, in a sentence read out when it arrives. */
export function searchOutcome(q: string, found: number, more: boolean): string {
  if (!found) return `No published micro-credential matches “${q}”. Try other words from its title.`;
  if (more) return `The ${found} best matches for “${q}”. Add words to narrow the search and see others.`;
  return `${found === 1 ? '1 micro-credential matches' : `${found} micro-credentials match`} “${q}”.`;
}

/** A credential's level; without one, its badges never count toward a salary step (said only where the list counts toward steps). */
const levelText = (level: number | null, uses: string) => (level ? `Level ${level}` : uses.includes('salary') ? 'No level: its badges never count toward a salary step' : 'No level');

/**
 * "Single micro-credentials that also count": while only approved issuers' badges count (toward
 * salary steps, licence renewal or both), a leader
 * can accept one micro-credential from an issuer not approved as a whole ("we accept this one
 * course from X"). Found through the catalogue's search (thousands of credentials, so no box per
 * credential), added to and removed from a list the policy form saves with the rest.
 */
export function SalaryCredentials({ districtId, chosen, onChosen, approvedIssuers, max, errors, uses = 'salary steps' }: {
  districtId: string;
  /** What the list counts toward, in words (listUseInWords): “salary steps”, “licence renewal” or both. */
  uses?: string;
  chosen: CredentialOption[];
  onChosen: (next: CredentialOption[]) => void;
  /** The issuers ticked in the form: a credential of one of them counts anyway, and is said to. */
  approvedIssuers: ReadonlySet<string>;
  max: number;
  errors?: string[];
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CredentialOption[] | null>(null);
  const [queryError, setQueryError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, start] = useTransition();
  const lastText = useRef('');
  const errorId = 'approvedCredentialIds-error';
  const error = errors?.length ? errors.join(' ') : null;
  const chosenIds = new Set(chosen.map((c) => c.id));

  // The same words twice (adding, removing, adding again) are still read out: a no-break space makes them new.
  const say = (text: string, isError = false) => {
    const t = text === lastText.current ? `${text}\u00a0` : text;
    lastText.current = t;
    setOutcome({ text: t, error: isError });
  };

  const search = () => {
    start(async () => {
      const r = await searchApprovableCredentialsAction({ districtId, q: query });
      if (!r.ok) {
        const fieldError = r.fieldErrors?.q?.join(' ') ?? null;
        setQueryError(fieldError);
        say(fieldError ?? r.formError ?? 'The search did not work. Please try again.', true);
        return;
      }
      setQueryError(null);
      const items = r.data?.items ?? [];
      setResults(items);
      say(searchOutcome(query.trim(), items.length, Boolean(r.data?.more)));
    });
  };

  const toggle = (item: CredentialOption) => {
    if (chosenIds.has(item.id)) {
      onChosen(removeCredential(chosen, item.id).list);
      say(`Removed ${credentialInWords(item)}. Save the policy to apply it.`);
      return;
    }
    const added = addCredential(chosen, item, max);
    if ('refused' in added) return say(added.refused, true);
    onChosen(added.list);
    say(`Added ${credentialInWords(item)}: ${added.list.length} of at most ${max} chosen. Save the policy to apply it.`);
  };

  const remove = (item: CredentialOption) => {
    const { list, focus } = removeCredential(chosen, item.id);
    onChosen(list);
    say(`Removed ${credentialInWords(item)}. Save the policy to apply it.`);
    window.setTimeout(() => document.getElementById(focus)?.focus(), 0);
  };

  const describedBy = [queryError ? `${SEARCH_ID}-error` : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset id="salary-credentials" className="mt-3 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-describedby="salary-credentials-hint">
      <legend className="px-1 text-sm font-semibold">Single micro-credentials that also count</legend>
      <p id="salary-credentials-hint" className="text-sm text-slate-700">
        To accept one micro-credential from an issuer you have not approved as a whole, find it and add it here: its badges count toward {uses} too.
        {` ${chosen.length} chosen, at most ${max}.`}
      </p>

      <div className="mt-3 max-w-xl">
        <label htmlFor={SEARCH_ID} className="block text-sm font-semibold">Find a published micro-credential by title</label>
        <div className="mt-1 flex flex-wrap items-start gap-2">
          <input
            id={SEARCH_ID}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            // Enter searches here; it must not save the whole policy.
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
            maxLength={200}
            autoComplete="off"
            placeholder="e.g. formative assessment"
            className={`${inputClass} min-w-64 flex-1`}
            aria-invalid={queryError || error ? true : undefined}
            aria-describedby={describedBy}
          />
          <button type="button" onClick={search} disabled={pending} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
            {pending ? 'Searching…' : 'Search'}
          </button>
        </div>
        <FieldError id={`${SEARCH_ID}-error`} errors={queryError} />
      </div>

      <OutcomeRegions assertive={outcome?.error ?? false} className="mt-2">
        {outcome ? <Alert tone={outcome.error ? 'danger' : 'info'} live={false}>{outcome.text}</Alert> : null}
      </OutcomeRegions>

      {results?.length ? (
        <ul className="mt-2 max-h-96 divide-y divide-slate-200 overflow-y-auto" aria-label="Search results">
          {results.map((r) => {
            const on = chosenIds.has(r.id);
            return (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{r.title}</span>
                  <span className="block text-sm text-slate-700">
                    {r.issuer} · {levelText(r.level, uses)}
                    {approvedIssuers.has(r.issuerId) ? ` · ${r.issuer} is approved, so its badges count anyway` : ''}
                  </span>
                </span>
                {/* One button that changes its words, so focus stays on it after adding or removing. */}
                <button type="button" onClick={() => toggle(r)} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-semibold hover:bg-slate-100">
                  {on ? 'Remove' : 'Add'}<span className="sr-only">{on ? ` ${credentialInWords(r)} from the list` : ` ${credentialInWords(r)} to the list`}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}

      <h3 className="mt-4 text-sm font-semibold" id="approved-credentials-h">Approved on their own ({chosen.length})</h3>
      {chosen.length ? (
        <ul className="mt-1 divide-y divide-slate-200" aria-labelledby="approved-credentials-h">
          {chosen.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-medium">{c.title}</span>
                <span className="block text-sm text-slate-700">
                  {c.issuer} · {levelText(c.level, uses)}
                  {c.published === false ? ' · No longer in the catalogue: badges already earned still count' : ''}
                  {approvedIssuers.has(c.issuerId) ? ` · ${c.issuer} is approved, so its badges count anyway` : ''}
                </span>
              </span>
              <button id={removeId(c.id)} type="button" onClick={() => remove(c)} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-red-700 hover:bg-slate-100">
                Remove<span className="sr-only"> {credentialInWords(c)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-700">None yet. Only badges from the issuers ticked above count.</p>
      )}
      <FieldError id={errorId} errors={error} className="mt-2" />
    </fieldset>
  );
}
