'use client';

import { useState, useTransition } from 'react';
import { saveDistrictPolicyAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { FieldError, inputClass, TextField } from '@/components/ui/field';
import { reindexErrors, removedIndex } from '@/components/admin/credential-form-state';
import { ApprovedIssuers, listUseInWords, SalaryIssuers, type IssuerOption } from './salary-issuers';
import { SalaryCredentials, type CredentialOption } from './salary-credentials';

type Rule = { label: string; description: string; minLevel: string; credentialsRequired: string; amountDollars: string };
/** A rule as edited here: `uid` keys it in the browser (focus after a remove) and is not sent to the server. */
type RuleRow = Rule & { uid: string };

type FieldErrors = Record<string, string[]>;

/**
 * The field errors once step `i` is removed: the server keys them by position ("rules.2.label"),
 * so the removed step's go with it and the later steps' follow them up one place.
 */
export function withoutStepErrors(errors: FieldErrors, i: number): FieldErrors {
  return reindexErrors(errors, 'rules', removedIndex(i)) ?? {};
}

let rowCounter = 0;
const withUid = (r: Rule): RuleRow => ({ ...r, uid: `rule-${(rowCounter += 1)}` });
const toRule = ({ label, description, minLevel, credentialsRequired, amountDollars }: RuleRow): Rule => ({ label, description, minLevel, credentialsRequired, amountDollars });

/** The errors about one list: the list's own, and any about one of its ids ("approvedIssuerIds.3"), once each. */
function listErrors(errors: FieldErrors, key: string): string[] | undefined {
  const messages = Object.entries(errors).filter(([k]) => k === key || k.startsWith(`${key}.`)).flatMap(([, v]) => v);
  return messages.length ? [...new Set(messages)] : undefined;
}

/** The errors about the approved issuers. */
export const approvedIssuerErrors = (errors: FieldErrors) => listErrors(errors, 'approvedIssuerIds');
/** The errors about the micro-credentials approved on their own. */
export const approvedCredentialErrors = (errors: FieldErrors) => listErrors(errors, 'approvedCredentialIds');

export function PolicyForm({ districtId, seenAt: loadedAt, requiresProposal, salaryCountsExpired, approvedIssuersOnly, renewalApprovedOnly, renewalHoursRequired, renewalCycleYears, approvedIssuerIds, issuers, approvedCredentials, approvedCredentialsMax, rules: initial }: {
  districtId: string;
  /** The policy as loaded (its last save): a save over another leader's newer one is refused. */
  seenAt: string;
  requiresProposal: boolean;
  salaryCountsExpired: boolean;
  approvedIssuersOnly: boolean;
  /** Licence renewal counts only the approved issuers and micro-credentials (ADR 024). */
  renewalApprovedOnly: boolean;
  /** The PD hours each licence renewal needs, and the years of a renewal cycle; null: not set. */
  renewalHoursRequired: number | null;
  renewalCycleYears: number | null;
  approvedIssuerIds: string[];
  issuers: IssuerOption[];
  approvedCredentials: CredentialOption[];
  approvedCredentialsMax: number;
  rules: Rule[];
}) {
  const [rules, setRules] = useState<RuleRow[]>(() => initial.map(withUid));
  // Moves on with each save made here, so saving twice in a row is not taken for someone else's save.
  const [seenAt, setSeenAt] = useState(loadedAt);
  const [announcement, setAnnouncement] = useState('');
  const [proposal, setProposal] = useState(requiresProposal);
  const [countsExpired, setCountsExpired] = useState(salaryCountsExpired);
  const [onlyApproved, setOnlyApproved] = useState(approvedIssuersOnly);
  const [renewalOnly, setRenewalOnly] = useState(renewalApprovedOnly);
  // As typed: the server checks them (an empty box clears the setting).
  const [renewalHours, setRenewalHours] = useState(renewalHoursRequired === null ? '' : String(renewalHoursRequired));
  const [renewalYears, setRenewalYears] = useState(renewalCycleYears === null ? '' : String(renewalCycleYears));
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(approvedIssuerIds));
  const [credentials, setCredentials] = useState<CredentialOption[]>(approvedCredentials);
  // The last save's outcome, and its field errors apart: a removed step's errors are taken out
  // without making it a new outcome (which would be read out, and take focus, again).
  const [result, setResult] = useState<ActionResult<{ seenAt: string }> | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  const patch = (i: number, v: Partial<Rule>) => setRules((list) => list.map((r, j) => (j === i ? { ...r, ...v } : r)));
  const remove = (i: number) => {
    const hasNext = i < rules.length - 1;
    setRules((list) => list.filter((_, j) => j !== i));
    setErrors((e) => withoutStepErrors(e, i));
    const text = `Step ${i + 1} removed.`;
    setAnnouncement((prev) => (prev === text ? `${text}\u00a0` : text));
    // Focus goes to what took its place (the next step's first field), else to the add button.
    window.setTimeout(() => document.getElementById(hasNext ? `rules-${i}-label` : 'add-rule')?.focus(), 0);
  };
  // `multiline`: a textarea, for the description (a sentence or two, up to 1,000 characters).
  const field = (i: number, key: keyof Rule, label: string, props: Record<string, string | number> = {}, multiline = false) => {
    const id = `rules-${i}-${key}`;
    const err = errors[`rules.${i}.${key}`];
    const control = {
      id,
      value: rules[i][key],
      className: inputClass,
      'aria-invalid': err ? true : undefined,
      'aria-describedby': err ? `${id}-error` : undefined,
      ...props,
    };
    return (
      <div className="flex flex-col">
        <label htmlFor={id} className="block text-sm font-semibold">{label}</label>
        {multiline ? (
          <textarea {...control} rows={3} onChange={(e) => patch(i, { [key]: e.target.value })} />
        ) : (
          <input {...control} onChange={(e) => patch(i, { [key]: e.target.value })} />
        )}
        <FieldError id={`${id}-error`} errors={err} />
      </div>
    );
  };
  return (
    <form
      // Before hydration a click posts (nothing lands in the URL); after it, onSubmit handles it.
      method="post"
      // The server checks every field and says what is wrong beside it (and in the alert above).
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          // A request with no answer (offline, a deploy since the page loaded) keeps the form as it is.
          const r = await unlessUnreachable(() => saveDistrictPolicyAction({
            districtId,
            requiresProposal: proposal ? 'on' : undefined,
            salaryCountsExpired: countsExpired ? 'on' : undefined,
            salaryApprovedIssuersOnly: onlyApproved ? 'on' : undefined,
            renewalApprovedOnly: renewalOnly ? 'on' : undefined,
            renewalHoursRequired: renewalHours,
            renewalCycleYears: renewalYears,
            approvedIssuerIds: [...chosen],
            approvedCredentialIds: credentials.map((c) => c.id),
            rules: rules.map(toRule),
            seenAt,
          }), (): Awaited<ReturnType<typeof saveDistrictPolicyAction>> => ({ ok: false, formError: couldNotReach('the policy may not have been saved', 'Check your connection and press Save policy again.') }));
          if (r.ok && r.data) setSeenAt(r.data.seenAt);
          setResult(r);
          setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
        });
      }}
      className="space-y-6"
    >
      {/* Always on the page, so the outcome is read out when it appears; after a failed save it takes focus to the first invalid field. */}
      <ActionAlerts state={result ?? initialActionState} className="" />
      <div className="flex items-start gap-2">
        <input id="requiresProposal" type="checkbox" checked={proposal} onChange={(e) => setProposal(e.target.checked)} className="mt-1 h-4 w-4" />
        <label htmlFor="requiresProposal">
          <span className="font-semibold">Teachers need an approved proposal before they submit evidence</span>
          <span className="block text-sm text-slate-700">They explain how the study serves their students’ goals; you approve it or return it with a comment.</span>
        </label>
      </div>
      <fieldset>
        {/* A heading inside the legend: the group keeps its name, and heading navigation finds it like "Approved issuers and micro-credentials". */}
        <legend>
          <h2 className="text-lg font-semibold">Salary steps</h2>
        </legend>
        <p className="text-sm text-slate-700">
          A teacher reaches a step with enough earned, unrevoked credentials at or above the credential level: level 1 shows understanding, level 2 shows the skill in
          their own classroom. Badges for credentials the issuer gave no level never count. Reports show the highest step each teacher has reached.
        </p>
        <div className="mt-3 flex items-start gap-2">
          <input id="salaryCountsExpired" type="checkbox" checked={countsExpired} onChange={(e) => setCountsExpired(e.target.checked)} className="mt-1 h-4 w-4" />
          <label htmlFor="salaryCountsExpired">
            <span className="font-semibold">Badges past their end date still count</span>
            <span className="block text-sm text-slate-700">Untick to count only badges valid on the day: a teacher renews an expired badge to count it again. A renewed badge always counts once.</span>
          </label>
        </div>
        <SalaryIssuers onlyApproved={onlyApproved} onOnlyApproved={setOnlyApproved} />
        <ol className="mt-3 space-y-4">
          {rules.map((r, i) => (
            <li key={r.uid} className="rounded-lg border border-slate-200 bg-white p-4">
              {/* The name and description have the step's whole width (a name in a quarter of it was cut
                  off); the three figures share a row, their boxes level whatever their labels' length. */}
              {field(i, 'label', 'Step name', { maxLength: 120 })}
              <div className="mt-3 grid gap-3 sm:grid-cols-3 sm:items-end">
                {field(i, 'credentialsRequired', 'Credentials needed', { inputMode: 'numeric' })}
                {field(i, 'minLevel', 'Credential level, at least (1–5)', { inputMode: 'numeric' })}
                {field(i, 'amountDollars', 'Base salary increase ($)', { inputMode: 'decimal' })}
              </div>
              <div className="mt-3">{field(i, 'description', 'Description (optional)', { maxLength: 1000 }, true)}</div>
              <button type="button" onClick={() => remove(i)} className="mt-2 text-sm font-semibold text-red-700 underline">
                Remove step {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <p className="sr-only" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
        <button id="add-rule" type="button" onClick={() => setRules((list) => [...list, withUid({ label: '', description: '', minLevel: '2', credentialsRequired: '1', amountDollars: '100' })])} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100">
          + Add a step
        </button>
      </fieldset>
      <fieldset id="renewal-rule" className="scroll-mt-4" aria-describedby="renewal-rule-hint">
        <legend>
          <h2 className="text-lg font-semibold">Licence renewal</h2>
        </legend>
        <p id="renewal-rule-hint" className="text-sm text-slate-700">
          The licence-renewal report lists the credentials teachers earned in a period, for their renewal paperwork. If your district accepts only some providers’ credentials for renewal, count only those: the others stay listed, marked “Not approved”, and teachers are told on each micro-credential’s page.
        </p>
        <div className="mt-2 space-y-2">
          <div className="flex items-start gap-2">
            <input id="renewal-every" type="radio" name="renewalRule" checked={!renewalOnly} onChange={() => setRenewalOnly(false)} className="mt-1 h-4 w-4" />
            <label htmlFor="renewal-every" className="font-medium">Every credential teachers earn</label>
          </div>
          <div className="flex items-start gap-2">
            <input id="renewal-approved" type="radio" name="renewalRule" checked={renewalOnly} onChange={() => setRenewalOnly(true)} className="mt-1 h-4 w-4" />
            <label htmlFor="renewal-approved">
              <span className="font-medium">Only credentials from issuers and micro-credentials your district approves</span>
              <span className="block text-sm text-slate-700">The same lists as salary steps, chosen under “Approved issuers and micro-credentials” below.</span>
            </label>
          </div>
        </div>
        <p className="mt-4 text-sm text-slate-700">
          If your licensing office asks for a number of PD hours in each renewal cycle, enter it here. Each teacher who adds their licence’s renewal date on their account page then sees on My badges how many hours they have toward it: the PD hours of their badges issued in the cycle before that date{renewalOnly ? ', from approved issuers and micro-credentials only' : ''}.
        </p>
        <div className="mt-3 grid gap-x-4 sm:grid-cols-2">
          <TextField
            label="PD hours needed for each renewal (optional)"
            name="renewalHoursRequired"
            inputMode="numeric"
            value={renewalHours}
            onChange={(e) => setRenewalHours(e.target.value)}
            hint="Leave empty if your licensing office does not count PD hours."
            errors={errors.renewalHoursRequired}
          />
          <TextField
            label="Years in a renewal cycle (optional)"
            name="renewalCycleYears"
            inputMode="numeric"
            value={renewalYears}
            onChange={(e) => setRenewalYears(e.target.value)}
            hint="From 1 to 10. Leave empty to count 5 years."
            errors={errors.renewalCycleYears}
          />
        </div>
      </fieldset>
      <ApprovedIssuers
        issuers={issuers}
        salary={onlyApproved}
        renewal={renewalOnly}
        chosen={chosen}
        onChosen={setChosen}
        errors={approvedIssuerErrors(errors)}
        keptCredentials={credentials.length}
      >
        <SalaryCredentials
          // Drawn afresh after each save: its last message ("Added …: save the policy to apply it") no longer holds.
          key={seenAt}
          districtId={districtId}
          chosen={credentials}
          onChosen={setCredentials}
          approvedIssuers={chosen}
          max={approvedCredentialsMax}
          errors={approvedCredentialErrors(errors)}
          uses={listUseInWords(onlyApproved, renewalOnly)}
        />
      </ApprovedIssuers>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save policy'}
      </button>
    </form>
  );
}
