import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getIssuerQuestion } from '@/lib/credential-questions/queries';
import { Alert } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { AdminQuestionItem } from '../question-item';

export const metadata = { title: 'Question from a teacher' };

/** What the page says after an answer or a share (?done=…): the button pressed is gone, so the notice takes focus. */
const DONE: Record<string, { title: string; text: string }> = {
  answered: { title: 'Answer sent', text: 'The teacher has been notified and reads it on the micro-credential’s questions page. You can share it on the public page below.' },
  'answered-shared': { title: 'Answer sent and shared', text: 'The teacher has been notified. The question and answer are on the micro-credential’s public page, without any name.' },
  shared: { title: 'Shared on the public page', text: 'The question and answer are on the micro-credential’s public page, without any name. The teacher has been told.' },
  unshared: { title: 'No longer shared', text: 'The question and answer are off the public page. The teacher still reads the answer on the questions page.' },
};

/**
 * One teacher's question (the admins' notice links here, wherever it falls in the inbox), to answer
 * or share. For an admin of the credential's issuer; anyone else, and a withdrawn question, not found.
 */
export default async function AdminQuestionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const sp = await searchParams;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/questions/${id}`);
  const q = await getIssuerQuestion({ actor, questionId: id });
  if (!q) notFound();
  const done = typeof sp.done === 'string' && Object.hasOwn(DONE, sp.done) ? DONE[sp.done] : null;
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link href="/admin/questions">← Questions from teachers</Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">Question about “{q.credential.title}”</h1>
      <p className="mt-1 text-slate-700">The teacher who asked is not named, as some of you may review their work.</p>
      {done ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title={done.title}>{done.text}</Alert>
        </ArrivalNotice>
      ) : null}
      <div className="mt-4">
        <AdminQuestionItem q={q} timeZone={actor.timeZone} heading={false} />
      </div>
    </div>
  );
}
