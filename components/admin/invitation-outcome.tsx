import { Alert } from '@/components/ui/card';

/**
 * What became of an invitation: sent, or (the email failed) the link to pass on another way. Always
 * on the page, so the outcome is announced when it appears.
 */
export function InvitationOutcome({ message, link }: { message?: string; link?: string | null }) {
  return (
    <div aria-live="polite">
      {message ? (
        <div className="mb-3">
          <Alert tone={link ? 'warning' : 'success'}>
            {message}
            {link ? <span className="mt-1 block break-all text-xs">Link: <code>{link}</code></span> : null}
          </Alert>
        </div>
      ) : null}
    </div>
  );
}
