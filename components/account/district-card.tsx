'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { SelectField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { districtTermsInWords, type DistrictTerms } from '@/lib/reporting/salary-steps';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const secondary = 'rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60';

/**
 * Said when asking got no answer. Asking again is safe: asking for the district already asked for
 * changes nothing and tells nobody again (requestDistrict).
 */
export const ASK_DISTRICT_UNREACHABLE = couldNotReach('your request to join may not have been sent', 'Your choice is still here: check your connection and press Ask to join again. Its leaders are not told twice.');
/** Said when withdrawing the request got no answer. Withdrawing again is safe: it clears the request, whether or not it is still there. */
export const CANCEL_DISTRICT_REQUEST_UNREACHABLE = couldNotReach('your request may not have been withdrawn', 'Check your connection and press Withdraw the request again.');
/**
 * Said when leaving got no answer. If it did get through, pressing again leaves nothing more: it is
 * answered that the teacher is not in a district.
 */
export const LEAVE_DISTRICT_UNREACHABLE = couldNotReach(
  'you may not have left the district',
  'Check your connection and press Yes, leave the district again. If you left already, you are told you are not in a district: reload the page.',
);
const askUnreachable: ActionResult = { ok: false, formError: ASK_DISTRICT_UNREACHABLE };
const cancelUnreachable: ActionResult = { ok: false, formError: CANCEL_DISTRICT_REQUEST_UNREACHABLE };
const leaveUnreachable: ActionResult = { ok: false, formError: LEAVE_DISTRICT_UNREACHABLE };

/**
 * The teacher's district: where they are, what it does with their badges (`terms`, its own policy:
 * getDistrictTerms), a request waiting for a leader, asking to join (or move), and leaving. Works
 * without JavaScript (real POST forms).
 */
export function DistrictCard({ districtName, terms, schoolName, request, districts, requestAction, cancelAction, leaveAction }: {
  districtName: string | null;
  /** The district's policy; without it the card claims nothing about proposals, steps or renewal. */
  terms?: DistrictTerms | null;
  schoolName: string | null;
  request: { name: string; since: Date | null } | null;
  districts: { id: string; name: string }[];
  requestAction: Action;
  cancelAction: Action;
  leaveAction: Action;
}) {
  const { state: asked, pending: asking, formProps: ask } = useReachableActionState(requestAction, initialActionState, askUnreachable);
  const { state: cancelled, pending: cancelling, formProps: cancel } = useReachableActionState(cancelAction, initialActionState, cancelUnreachable);
  const { state: left, pending: leaving, formProps: leave } = useReachableActionState(leaveAction, initialActionState, leaveUnreachable);
  const choices = districts.filter((d) => d.name !== districtName);
  return (
    <div>
      <h2 className="font-semibold">Your district and school</h2>
      <p className="mt-1 text-sm">
        {districtName ? <>District: <strong>{districtName}</strong></> : 'Not linked to a district.'}
        {schoolName ? <> · School: <strong>{schoolName}</strong></> : null}
      </p>
      <p className="mt-1 text-sm text-slate-700" data-district-terms>
        {terms ? districtTermsInWords(terms) : districtName ? `${districtName} sees your progress and counts your badges as its own rules say.` : 'A district you join sees your progress and counts your badges as its own rules say.'}
      </p>
      {/* Withdrawing and leaving take their form (and the focused button) away once they worked:
          the success is said here, where it stays, and takes focus (SentOutcome). A failure keeps
          the form and is said beside it. */}
      <SentOutcome state={cancelled} className={cancelled.ok && cancelled.message ? 'mt-3' : ''} />
      <ActionAlerts state={cancelled.ok ? initialActionState : cancelled} className="mt-3" />
      <SentOutcome state={left} className={left.ok && left.message ? 'mt-3' : ''} />
      <ActionAlerts state={left.ok ? initialActionState : left} className="mt-3" />
      {request ? (
        <form {...cancel} className="mt-3 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm">
          <p>
            You asked to join <strong>{request.name}</strong>{request.since ? ` on ${dateFmt.format(request.since)}` : ''}. Its leaders confirm you; until then it does not see your work.
          </p>
          <button type="submit" disabled={cancelling} className={`mt-2 ${secondary}`}>{cancelling ? 'Withdrawing…' : 'Withdraw the request'}</button>
        </form>
      ) : null}
      <form {...ask} className="mt-4" noValidate>
        <ActionAlerts state={asked} />
        <SelectField
          label={districtName ? 'Moving? Ask to join another district' : 'Ask to join a district'}
          name="districtId"
          defaultValue=""
          hint={districtName ? `You stay in ${districtName} until the new district confirms you.` : 'Or ask your district office for an invitation, which links you at once.'}
          errors={asked.ok ? undefined : asked.fieldErrors?.districtId}
        >
          <option value="">Choose a district</option>
          {choices.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </SelectField>
        <button type="submit" disabled={asking} className={secondary}>{asking ? 'Asking…' : 'Ask to join'}</button>
      </form>
      {districtName ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium text-slate-800">Leave {districtName}</summary>
          <form {...leave} className="mt-2 space-y-2">
            <p className="text-slate-700">It stops seeing your progress and counting your badges. Proposals waiting for its decision come back to you as drafts. Your work and badges stay yours.</p>
            <button type="submit" disabled={leaving} className={secondary}>{leaving ? 'Leaving…' : 'Yes, leave the district'}</button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
