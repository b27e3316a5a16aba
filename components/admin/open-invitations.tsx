import { ROLE_LABELS } from '@/lib/people/schemas';
import { smallButtonClass } from '@/components/ui/button';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { ResendInvitationForm } from '@/components/admin/people-forms';
import { cancelInvitationAction } from '@/app/admin/people/actions';

export type OpenInvitation = { id: string; email: string; role: keyof typeof ROLE_LABELS; expiresAt: Date; organizationName?: string };

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * Invitations not yet accepted, each with a way to send it again (a new link) or cancel it (its link
 * stops working): an invitation to a mistyped address need not stay live until it expires.
 */
export function OpenInvitations({ invitations }: { invitations: OpenInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-slate-700">None.</p>;
  return (
    <>
      <p className="mb-2 text-sm text-slate-700">Sent to the wrong address? Cancel it and invite the right one. Resending emails a new link; the earlier link stops working.</p>
      <ul className="divide-y divide-slate-100 text-sm">
        {invitations.map((i) => (
          <li key={i.id} className="py-2">
            <div className="flex flex-wrap justify-between gap-x-2">
              <span>{i.email} · {ROLE_LABELS[i.role]}{i.organizationName ? <> · {i.organizationName}</> : null}</span>
              <span className="text-slate-600">expires {dateFmt.format(i.expiresAt)}</span>
            </div>
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
        ))}
      </ul>
    </>
  );
}
