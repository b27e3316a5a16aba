import Link from 'next/link';
import { readUnsubscribeLink } from '@/lib/email/unsubscribe';
import { Alert, Card } from '@/components/ui/card';
import { StopWorkEmailsForm } from './stop-form';

export const metadata = { title: 'Stop emails about your work', robots: { index: false } };

// Where a notification email's unsubscribe link leads (lib/email/unsubscribe.ts), signed in or not.
// Opening it changes nothing (mail scanners open the links in emails): the button does. Not in the
// anonymous page cache (lib/http/page-cache.ts lists the pages it keeps). The account is not named:
// the email may have been forwarded.
export default async function StopWorkEmailsPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await readUnsubscribeLink(token);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Stop emails about your work</h1>
      {state === 'on' ? (
        <Card>
          <p className="mb-4 text-slate-700">
            Stop the emails we send about your work: decisions, reminders and news from your district or issuer. You will still see them in the app, and we will still email you about your account’s security and your badges’ status.
          </p>
          <StopWorkEmailsForm token={token} />
        </Card>
      ) : state === 'off' ? (
        <Alert tone="success" title="Emails about your work are off">
          We will still email you about your account’s security and your badges’ status. To turn the others back on, tick “Email me about my work” on <Link href="/account">your account page</Link>.
        </Alert>
      ) : (
        <Alert tone="warning" title="This link is not valid">
          Check that you opened the whole link from the email. You can also stop these emails yourself: sign in and untick “Email me about my work” on <Link href="/account">your account page</Link>.
        </Alert>
      )}
    </div>
  );
}
