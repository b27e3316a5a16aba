import Link from 'next/link';
import { Alert } from '@/components/ui/card';

/**
 * What became of an invitation: sent, or (the email failed) the link to pass on another way. Always
 * on the page, so the outcome is announced when it appears; it is the one live region (role status:
 * neither outcome is an error), so the Alert in it has no role of its own.
 */
export function InvitationOutcome({ message, link, followUp }: { message?: string; link?: string | null; followUp?: { href: string; text: string } }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <div className="mb-3">
          {/* A follow-up is what is left to do (the invitation could not be made here): a warning, like a link to pass on. */}
          <Alert tone={link || followUp ? 'warning' : 'success'} live={false}>
            {message}
            {link ? <span className="mt-1 block break-all text-xs">Link: <code>{link}</code></span> : null}
            {followUp ? <span className="mt-1 block"><Link href={followUp.href}>{followUp.text}</Link></span> : null}
          </Alert>
        </div>
      ) : null}
    </div>
  );
}
