import Link from 'next/link';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { smallButtonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { ResendInvitationForm } from '@/components/admin/people-forms';
import { cancelInvitationAction } from '@/app/admin/people/actions';
import { dayFmt } from '@/lib/dates';

/**
 * `emailStatus`: for an invitation made from a file, why its email has not gone out (see
 * listDistrictInvitations); absent or null when it went out, or was sent in the request.
 * `invitedByName`: who sent it (null when their account no longer exists).
 */
export type OpenInvitation = { id: string; email: string; role: keyof typeof ROLE_LABELS; expiresAt: Date; organizationName?: string; invitedByName: string | null; emailStatus?: 'waiting' | 'failed' | null };

/**
 * Where the list sits and how its links are made: the page's path, its other parameters to keep
 * (which district or issuer, another list's search), and the names of the list's own search and
 * cursor parameters (a page can hold another paginated list, with `q` and `cursor` of its own).
 */
export type OpenInvitationsLinks = { basePath: string; keep: Record<string, string | undefined>; qParam: string; cursorParam: string };

/** The id of the list's heading: the list's links come back to it. */
export const OPEN_INVITATIONS_HEADING_ID = 'open-invitations-h';

const count = (n: number) => `${n} open ${n === 1 ? 'invitation' : 'invitations'}`;

// Words, not colour: the pill's tone only repeats what the text says. Nothing of the job's error
// (it may hold the mail server's details) reaches the page.
const EMAIL_STATUS = {
  waiting: { text: 'Email waiting to be sent', className: 'bg-amber-100 text-amber-900' },
  failed: { text: 'Email could not be sent — use Resend', className: 'bg-red-100 text-red-900' },
} as const;

/**
 * Invitations not yet accepted, a page at a time, each with a way to send it again (a new link) or
 * cancel it (its link stops working): an invitation to a mistyped address need not stay live until
 * it expires. The list says how many there are; once they fill more than a page (or a search is
 * on), they can be searched by email.
 */
export function OpenInvitations({ invitations, total, before, q, nextCursor, links }: {
  invitations: OpenInvitation[];
  /** How many open invitations match the search (all of them without one). */
  total: number;
  /** How many of them came on earlier pages. */
  before: number;
  q?: string;
  nextCursor: string | null;
  links: OpenInvitationsLinks;
}) {
  const href = (extra: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...links.keep, ...extra })) if (v) sp.set(k, v);
    const qs = sp.toString();
    return `${qs ? `${links.basePath}?${qs}` : links.basePath}#${OPEN_INVITATIONS_HEADING_ID}`;
  };
  const hasPrevious = before > 0;
  const searchable = Boolean(q) || hasPrevious || Boolean(nextCursor);
  const first = before + 1;
  const last = before + invitations.length;
  return (
    <>
      {searchable ? (
        <form method="get" role="search" aria-label="Search open invitations" action={`${links.basePath}#${OPEN_INVITATIONS_HEADING_ID}`} className="mb-3 flex flex-wrap items-end gap-2">
          {Object.entries(links.keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
          <div className="min-w-0 flex-1">
            <label htmlFor="open-invitations-q" className="block text-sm font-semibold">Email address, or part of it</label>
            <input id="open-invitations-q" name={links.qParam} type="search" defaultValue={q ?? ''} maxLength={100} autoComplete="off" className={inputClass} />
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Search<span className="sr-only"> open invitations</span></button>
        </form>
      ) : null}
      {invitations.length === 0 ? (
        q ? (
          <p className="text-sm text-slate-700">
            No open invitation to an address containing “{q}”. <Link href={href({})}>Show all open invitations</Link>
          </p>
        ) : <p className="text-sm text-slate-700">{hasPrevious ? 'No more open invitations.' : 'None.'}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700">
            {total > invitations.length ? `Showing ${first === last ? first : `${first}–${last}`} of ${count(total)}` : count(total)}
            {q ? <> to an address containing “{q}”. <Link href={href({})}>Show all open invitations</Link></> : ', newest first.'}
          </p>
          <p className="mb-2 text-sm text-slate-700">Sent to the wrong address? Cancel it and invite the right one. Resending emails a new link; the earlier link stops working.</p>
          <ul className="divide-y divide-slate-100 text-sm">
            {invitations.map((i) => {
              const status = i.emailStatus ? EMAIL_STATUS[i.emailStatus] : null;
              return (
                <li key={i.id} className="py-2">
                  <div className="flex flex-wrap justify-between gap-x-2">
                    <span>{i.email} · {ROLE_LABELS[i.role]}{i.organizationName ? <> · {i.organizationName}</> : null}</span>
                    <span className="text-slate-600">expires {dayFmt.format(i.expiresAt)}</span>
                  </div>
                  <p className="text-slate-600">{i.invitedByName ? `Invited by ${i.invitedByName}` : 'Invited by an account that no longer exists'}</p>
                  {status ? <p className="mt-1"><span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${status.className}`}>{status.text}</span></p> : null}
                  <div className="mt-1 flex flex-wrap items-start gap-2">
                    <ConfirmDisclosure summary={<>Cancel<span className="sr-only"> the invitation to {i.email}</span></>}>
                      <p>Cancel the invitation to {i.email}? The link in their email stops working at once.</p>
                      <InlineActionForm action={cancelInvitationAction} hidden={{ invitationId: i.id }} removedMessage={`The invitation to ${i.email} was cancelled.`}>
                        <button type="submit" className={`${smallButtonClass} min-h-6`}>Yes, cancel the invitation</button>
                      </InlineActionForm>
                    </ConfirmDisclosure>
                    <ResendInvitationForm invitationId={i.id} email={i.email} />
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {hasPrevious || nextCursor ? (
        <nav aria-label="Pages of open invitations" className="mt-3 flex flex-wrap items-center justify-between gap-4 text-sm">
          {hasPrevious ? <Link href={href({ [links.qParam]: q })}>← First page<span className="sr-only"> of open invitations</span></Link> : <span />}
          {nextCursor ? <Link href={href({ [links.qParam]: q, [links.cursorParam]: nextCursor })} rel="next">Next page<span className="sr-only"> of open invitations</span> →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
