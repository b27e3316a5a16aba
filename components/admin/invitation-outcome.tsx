import { Alert } from '@/components/ui/card';

/**
 * What became of an invitation: sent, or (the email failed) the link to pass on another way. Always
 * on the page, so the outcome is announced when it appears; it is the one live region (role status:
 * neither outcome is an error), so the Alert in it has no role of its own.
 */
export function InvitationOutcome({ message, link }: { message?: string; link?: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <div className="mb-3">
          <Alert tone={link ? 'warning' : 'success'} live={false}>
            {message}
            {link ? <span className="mt-1 block break-all text-xs">Link: <code>{link}</code></span> : null}
          </Alert>
        </div>
      ) : null}
    </div>
  );
}
