import Link from 'next/link';
import { getActor } from '@/lib/auth/session';
import { getInvitation } from '@/lib/people/mutations';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { invitationMoveWarning } from '@/lib/people/invitation-words';
import { Alert, Card } from '@/components/ui/card';
import { AcceptNewAccountForm, AcceptSignedInForm } from './accept-forms';

export const metadata = { title: 'Invitation', robots: { index: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await getActor();
  const inv = await getInvitation(token, { viewer: actor });
  const here = `/invitations/${token}`;
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="mb-4 text-3xl font-bold">Invitation</h1>
      {inv.state === 'invalid' ? (
        <Alert tone="danger" title="This invitation link is not valid">
          If the invitation was sent to you again, only the link in the newest email works. Otherwise check that you copied the whole link from the email, or ask the person who invited you to send a new one.
        </Alert>
      ) : inv.state === 'used' ? (
        <Alert tone="info" title="This invitation has already been used">It was accepted for {inv.organizationName}. <Link href="/sign-in">Sign in</Link> to continue.</Alert>
      ) : inv.state === 'withdrawn' ? (
        <Alert tone="warning" title="This invitation was withdrawn">{inv.organizationName} cancelled this invitation, so its link no longer works. If you still expect to join, ask them to send you a new one.</Alert>
      ) : inv.state === 'expired' ? (
        <Alert tone="warning" title="This invitation has expired">Invitations work for 14 days. Ask the administrator of {inv.organizationName} to send a new one.</Alert>
      ) : (
        <Card>
          <p className="mb-4">You are invited to join <strong>{inv.organizationName}</strong> as <strong>{ROLE_LABELS[inv.role].toLowerCase()}</strong>.</p>
          {inv.role === 'SCHOOL_LEADER' ? (
            <p className="mb-4 text-sm text-slate-700">As its leader you can follow the professional learning of the school’s teachers: their progress, credentials, PD hours and reports. You will not see their evidence or reviewers’ feedback, and nothing you do there changes their work.</p>
          ) : null}
          {actor ? (
            actor.email.toLowerCase() === inv.email ? (
              <>
                {inv.move ? (
                  <div className="mb-4">
                    <Alert tone="warning" title={`${invitationMoveWarning(inv.move).title}.`} live={false}>{invitationMoveWarning(inv.move).body}</Alert>
                  </div>
                ) : null}
                <AcceptSignedInForm token={token} />
              </>
            ) : (
              <Alert tone="warning" title="You are signed in with another address">This invitation was sent to {inv.email}, but you are signed in as {actor.email}. Sign out, then open this link again.</Alert>
            )
          ) : inv.userExists ? (
            <>
              <p>
                You already have an account with {inv.email}. <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in</Link> and you will come back here to accept.
              </p>
              <p className="mt-2 text-sm text-slate-700">
                Never set a password (you sign in with your school account, or your school or an issuer created the account for you)? Use your school account on the sign-in page, or <Link href="/forgot-password">set a password</Link> with a link sent to {inv.email}.
              </p>
            </>
          ) : (
            <>
              <p className="mb-4 text-sm text-slate-700">
                Set up your account below. Already use your school account to sign in? <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in</Link> instead.
              </p>
              <AcceptNewAccountForm token={token} email={inv.email} />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
