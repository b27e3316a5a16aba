import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { isPlatformAdmin } from '@/lib/auth/actor';
import { env } from '@/lib/env';
import { listOutbox } from '@/lib/email/queries';
import { EmptyState, PageHeader, Pill } from '@/components/ui/card';

export const metadata = { title: 'Email outbox' };
const fmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });

// Without SMTP (local development, demos) emails are kept here instead of sent. Platform admins see
// every message (they include other people's one-time links); anyone else sees only their own. Not
// available outside demo mode.
export default async function OutboxPage() {
  if (!env().DEMO_MODE) notFound();
  const actor = await requireUser('/outbox');
  const all = isPlatformAdmin(actor);
  const messages = await listOutbox(all ? {} : { to: actor.email });
  return (
    <div>
      <PageHeader title="Email outbox" description={`Emails the platform wrote${env().SMTP_URL ? ' (and sent through SMTP)' : '. SMTP is not configured, so they are kept here instead of being sent'}. ${all ? 'Showing every message.' : 'Showing messages to you.'}`} />
      {messages.length === 0 ? (
        <EmptyState title="No emails yet">Notifications about proposals, reviews, awards and invitations appear here.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">{m.subject}</h2>
                {m.error ? <Pill tone="danger">Not sent</Pill> : m.sentAt ? <Pill tone="success">Sent</Pill> : <Pill>Kept in outbox</Pill>}
              </div>
              <p className="text-sm text-slate-700">To {m.to} · {fmt.format(m.createdAt)}</p>
              <pre className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-900">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
