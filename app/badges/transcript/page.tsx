import type { Metadata } from 'next';
import Link from 'next/link';
import { getActor, requireUser } from '@/lib/auth/session';
import { getTranscript, resolveTranscriptPeriod, TRANSCRIPT_MAX_ROWS } from '@/lib/reporting/transcript';
import { Alert } from '@/components/ui/card';
import { PrintButton } from '@/components/print-button';
import { TranscriptBody, TranscriptHeader } from '@/components/awards/transcript-document';
import { TranscriptPeriodForm } from '@/components/awards/transcript-period-form';
import { TranscriptPeriodAlert } from '@/components/awards/transcript-period-alert';
import { listOwnExternalLearningInPeriod } from '@/lib/external-learning/queries';

// The title names the holder: it is the file name a browser suggests when the page is saved as PDF.
export async function generateMetadata(): Promise<Metadata> {
  const actor = await getActor();
  return { title: actor ? `Professional development transcript: ${actor.name}` : 'Professional development transcript' };
}

export default async function TranscriptPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser('/badges/transcript');
  const now = new Date();
  const result = resolveTranscriptPeriod(await searchParams, now);
  // The badges, and apart from them the learning the teacher recorded themselves, over the same days.
  const [transcript, otherLearning] = result.ok
    ? await Promise.all([
      getTranscript({ actor, period: result.period, now }),
      listOwnExternalLearningInPeriod({ actor, from: result.period.from, to: result.period.to }),
    ])
    : [null, null];
  const printable = transcript && !transcript.tooMany;
  return (
    <article className="mx-auto max-w-5xl">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href="/badges">Back to My badges</Link>
        {printable ? <PrintButton /> : null}
      </div>
      <h1 className="mb-4 text-2xl font-bold tracking-tight sm:text-3xl">Professional development transcript</h1>
      {result.ok ? null : (
        <div className="mb-4">
          <TranscriptPeriodAlert fieldErrors={result.fieldErrors} />
        </div>
      )}
      {transcript ? <TranscriptHeader transcript={transcript} /> : null}
      <TranscriptPeriodForm
        current={result.ok ? result.period : null}
        values={result.ok ? { from: result.period.fromLabel ?? '', to: result.period.toLabel ?? '' } : result.values}
        fieldErrors={result.ok ? undefined : result.fieldErrors}
        now={now}
      />
      {transcript?.tooMany ? (
        <Alert tone="warning" title="Too many badges for one transcript">
          More than {TRANSCRIPT_MAX_ROWS} badges were issued in this period. Choose a shorter period, and make one transcript for each part.
        </Alert>
      ) : null}
      {printable ? <TranscriptBody transcript={transcript} otherLearning={otherLearning} /> : null}
    </article>
  );
}
