import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { searchAccounts, soleLeaderWarning } from '@/lib/organizations/platform';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { smallButtonClass } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { PeopleSearch } from '@/components/ui/people-search';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { accountStatusAction } from '../actions';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Accounts' };
const Query = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

export default async function PlatformAccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['PLATFORM_ADMIN'], '/platform/accounts');
  const query = Query.parse(await searchParams);
  const { items, nextCursor } = await searchAccounts({ actor, q: query.q, cursor: query.cursor });
  return (
    <div>
      <PageHeader
        title="Accounts"
        description="Find anyone’s account by name or email, and disable one that is compromised or no longer needed. A disabled account cannot sign in; its badges stay valid and its records stay for reports and the audit log."
      />
      <PeopleSearch label="Find an account" q={query.q} />
      {!query.q ? <p className="text-sm text-slate-700">Search by name or email address (part of an address, such as “@district.org”, works too).</p> : items.length === 0 ? <EmptyState title="Nobody matches that search" /> : (
        <TableScroll label={`Accounts matching “${query.q}”`}>
          <table className="w-full text-sm">
            <caption className="sr-only">Accounts matching “{query.q}”</caption>
            <thead className="bg-slate-50 text-left">
              <tr><th scope="col" className="p-3">Person</th><th scope="col" className="p-3">Roles</th><th scope="col" className="p-3">Joined</th><th scope="col" className="p-3">Status</th></tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className="border-t border-slate-100 align-top">
                  <td className="p-3">
                    <strong>{u.name}</strong>
                    <span className="block break-all text-slate-700">{u.email}</span>
                    {!u.emailVerified ? <span className="block text-xs text-slate-600">Address not confirmed</span> : null}
                  </td>
                  <td className="p-3">
                    <ul className="space-y-0.5">
                      {u.memberships.map((m) => <li key={`${m.role}-${m.organization.name}`}>{ROLE_LABELS[m.role]}, {m.organization.name}</li>)}
                      {u.district ? <li className="text-slate-700">Teaches in {u.district.name}</li> : null}
                      {!u.memberships.length && !u.district ? <li className="text-slate-600">Teacher</li> : null}
                    </ul>
                  </td>
                  <td className="p-3 whitespace-nowrap">{dayFmt.format(u.createdAt)}</td>
                  <td className="p-3">
                    {u.disabledAt ? (
                      <div className="space-y-1">
                        {/* The same live element in both states, so the change is announced. */}
                        <p role="status"><Pill tone="danger">Disabled {dayFmt.format(u.disabledAt)}</Pill></p>
                        <div>
                          <InlineActionForm action={accountStatusAction} hidden={{ userId: u.id, op: 'enable' }}>
                            <button type="submit" className={smallButtonClass} aria-describedby={`enable-hint-${u.id}`}>Enable<span className="sr-only"> the account of {u.name}</span></button>
                          </InlineActionForm>
                          <p id={`enable-hint-${u.id}`} className="mt-1 text-xs text-slate-700">Their old password stops working; they are emailed a link to set a new one.</p>
                        </div>
                      </div>
                    ) : u.id === actor.id ? <span className="text-slate-700">Your account</span> : (
                      <div className="space-y-1">
                        <p role="status"><Pill tone="success">Active</Pill></p>
                        <div>
                          <ConfirmDisclosure summary={<>Disable<span className="sr-only"> the account of {u.name}</span></>}>
                            <p>{u.name} will be signed out everywhere and unable to sign in. Reviews they had claimed go back to the queue, and invitations they sent stop working. They are emailed the reason you give.</p>
                            {u.soleLeaderOf.map((o) => (
                              <p key={o.id} id={`sole-${u.id}-${o.id}`} className="rounded border border-amber-300 bg-amber-50 p-1.5 text-amber-950">
                                {soleLeaderWarning(u.name, o)}{' '}
                                <Link href={o.peoplePath} className="font-semibold">{o.kind === 'DISTRICT' ? 'Invite a leader' : 'Invite an admin'}<span className="sr-only"> to {o.name}</span></Link>
                              </p>
                            ))}
                            <InlineActionForm action={accountStatusAction} hidden={{ userId: u.id, op: 'disable' }} className="mt-1">
                              <label className="block w-full text-xs font-semibold" htmlFor={`reason-${u.id}`}>Reason</label>
                              <input id={`reason-${u.id}`} name="reason" required minLength={3} maxLength={500} className="w-full rounded border border-slate-500 px-2 py-1 text-xs" />
                              {u.soleLeaderOf.length ? (
                                <label className="flex w-full items-center gap-1.5 py-1 font-semibold" htmlFor={`anyway-${u.id}`}>
                                  <input id={`anyway-${u.id}`} type="checkbox" name="disableAnyway" value="on" required aria-describedby={u.soleLeaderOf.map((o) => `sole-${u.id}-${o.id}`).join(' ')} className="size-4" />
                                  Disable anyway
                                </label>
                              ) : null}
                              <button type="submit" className={smallButtonClass}>Yes, disable<span className="sr-only"> {u.name}</span></button>
                            </InlineActionForm>
                          </ConfirmDisclosure>
                        </div>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/platform/accounts" params={{ q: query.q }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
