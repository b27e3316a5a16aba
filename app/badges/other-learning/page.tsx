import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { dayLabel } from '@/lib/dates';
import { figure, plural } from '@/lib/plural';
import { safeHttpUrl } from '@/lib/security/safe-url';
import { EXTERNAL_LEARNING_MAX_ENTRIES, latestCompletedOn } from '@/lib/external-learning/schemas';
import { ExternalLearningListInput, getOwnExternalLearningEntry, getOwnExternalLearningTotals, listOwnExternalLearning } from '@/lib/external-learning/queries';
import { Alert, Card, Stat } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { Pagination } from '@/components/ui/pagination';
import { AddEntryForm, DeleteEntryForm, EditEntryForm } from '@/components/external-learning/entry-form';
import { completedOnInWords, entrySavedInWords, pdHoursInWords } from '@/components/external-learning/entry-words';
import { CertificateUpload, RemoveCertificateForm } from '@/components/external-learning/certificate-upload';
import { formatBytes } from '@/lib/evidence/file-types';
import { certificateHref } from '@/lib/external-learning/certificate-files';
import {
  addExternalLearningAction, cancelCertificateUploadAction, completeCertificateUploadAction, deleteExternalLearningAction, editExternalLearningAction, removeCertificateAction, requestCertificateUploadAction,
} from './actions';

export const metadata = { title: 'Other professional learning' };

const PATH = '/badges/other-learning';

/** The id of an entry's heading on the list: the "Saved" notice links to it. */
const entryAnchor = (id: string) => `entry-${id}`;

/**
 * The teacher's own record of professional learning done elsewhere (workshops, conferences,
 * university courses), so their PD transcript lists all of it: added, changed and deleted here,
 * most recently completed first, a page at a time. Self-reported, and said so wherever it shows;
 * never added to the hours their badges verify. Reached from My badges. After a delete (?deleted=1)
 * or an edit (?saved=<id>, at the page that now holds the entry) the outcome is said at the top,
 * where focus lands, since the card whose button was pressed is gone or may have moved.
 */
export default async function OtherLearningPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser(PATH);
  const query = await searchParams;
  const { cursor, saved: savedId } = ExternalLearningListInput.parse(query);
  const [list, totals, saved] = await Promise.all([
    listOwnExternalLearning({ actor, cursor }),
    getOwnExternalLearningTotals({ actor }),
    // Only the teacher's own entry is named; another's id, or one deleted since, shows no notice.
    savedId ? getOwnExternalLearningEntry({ actor, id: savedId }) : null,
  ]);
  const savedOnPage = saved !== null && list.items.some((e) => e.id === saved.id);
  const today = latestCompletedOn(actor.timeZone);
  const full = totals.entries >= EXTERNAL_LEARNING_MAX_ENTRIES;
  return (
    <div className="mx-auto max-w-4xl">
      <p className="no-print mb-4"><Link href="/badges">Back to My badges</Link></p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Other professional learning</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Record workshops, conferences and courses you did outside this site, so your <Link href="/badges/transcript">PD transcript</Link> lists all your professional learning. These entries are <strong>self-reported</strong>: your transcript lists them in a section of their own, marked as self-reported, and their hours are never added to the PD hours your badges verify.
      </p>
      {query.deleted === '1' ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success">Deleted. The entry is no longer on your list, your PD transcript or your self-reported hours.</Alert>
        </ArrivalNotice>
      ) : null}
      {saved ? (
        // A new key for each save, so saving the same entry again takes focus again.
        <ArrivalNotice key={saved.updatedAt.toISOString()} className="mt-4">
          <Alert tone="success">
            Saved: {entrySavedInWords(saved)}
            {savedOnPage ? <> <a href={`#${entryAnchor(saved.id)}`}>Go to it in your list</a></> : null}
          </Alert>
        </ArrivalNotice>
      ) : null}

      <dl className="mt-4 grid grid-cols-2 gap-4 sm:max-w-lg">
        <Stat label="Self-reported PD hours" value={figure(totals.hours)} />
        <Stat label="Entries" value={figure(totals.entries)} />
      </dl>
      <p className="mt-3 max-w-prose text-sm text-slate-700">
        Who sees them: you; your district’s leaders, on your teacher record, with links, notes and certificates; and the principal of your school, who sees titles, providers, dates and hours only. They are never on your public portfolio.
        A certificate you attach is kept private: it opens only for you and your district’s leaders, through a link that works for a few minutes.
      </p>

      <Card className="mt-6">
        <h2 id="add-heading" className="mb-3 text-xl font-semibold">Add professional learning</h2>
        {full ? (
          <p>You have {figure(EXTERNAL_LEARNING_MAX_ENTRIES)} entries, the most one account can keep. Delete entries you no longer need to add more.</p>
        ) : (
          <AddEntryForm action={addExternalLearningAction} today={today} />
        )}
      </Card>

      <section aria-labelledby="entries-heading" className="mt-8">
        <h2 id="entries-heading" className="text-xl font-semibold">Your entries{list.continued ? ' (continued)' : ''}</h2>
        {list.items.length ? (
          <>
            <p className="mt-1 text-sm text-slate-700">{plural(totals.entries, 'entry', 'entries')}, most recently completed first.</p>
            <ul className="mt-3 space-y-3">
              {list.items.map((e) => {
                const href = safeHttpUrl(e.url);
                return (
                  <Card as="li" key={e.id}>
                    <h3 id={entryAnchor(e.id)} tabIndex={-1} className="scroll-mt-4 font-semibold focus:outline-2 focus:outline-offset-2 focus:outline-brand-700">{e.title}</h3>
                    <p className="text-sm text-slate-700">Self-reported: not verified</p>
                    <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                      <dt className="font-semibold">Provided by</dt>
                      <dd>{e.provider}</dd>
                      <dt className="font-semibold">Completed on</dt>
                      <dd>{completedOnInWords(e.completedOn)}</dd>
                      <dt className="font-semibold">PD hours</dt>
                      <dd>{pdHoursInWords(e.pdHours)}</dd>
                      {href ? (
                        <>
                          <dt className="font-semibold">Record of completion</dt>
                          <dd><a href={href} className="break-all" rel="noopener noreferrer" target="_blank">{href}<span className="sr-only"> (opens in a new tab)</span></a></dd>
                        </>
                      ) : null}
                      {e.note ? (
                        <>
                          <dt className="font-semibold">Note</dt>
                          <dd className="whitespace-pre-line break-words">{e.note}</dd>
                        </>
                      ) : null}
                    </dl>
                    <div className="mt-3 border-t border-slate-200 pt-2 text-sm">
                      {e.certificate ? (
                        <p>
                          <span className="font-semibold">Certificate:</span> <span className="break-all">{e.certificate.fileName}</span>, {formatBytes(e.certificate.sizeBytes)}{' '}
                          <a href={certificateHref(e.certificate.id)} target="_blank" rel="noopener noreferrer">
                            View<span className="sr-only"> the certificate of “{e.title}” (opens in a new tab)</span>
                          </a>
                        </p>
                      ) : (
                        <p className="text-slate-700">No certificate attached.</p>
                      )}
                      <CertificateUpload
                        learningId={e.id}
                        entryTitle={e.title}
                        hasCertificate={e.certificate !== null}
                        request={requestCertificateUploadAction}
                        complete={completeCertificateUploadAction}
                        cancel={cancelCertificateUploadAction}
                      />
                      <RemoveCertificateForm action={removeCertificateAction} learningId={e.id} fileName={e.certificate?.fileName ?? null} />
                    </div>
                    <div className="mt-3 flex flex-wrap items-start gap-3">
                      <EditEntryForm
                        // Started again from each save: closed, with the saved values and no earlier message.
                        key={e.updatedAt.toISOString()}
                        action={editExternalLearningAction}
                        today={today}
                        values={{
                          id: e.id, title: e.title, provider: e.provider, completedOn: dayLabel(e.completedOn), pdHours: String(e.pdHours),
                          url: e.url ?? '', note: e.note ?? '', seenAt: e.updatedAt.toISOString(),
                        }}
                      />
                      <DeleteEntryForm action={deleteExternalLearningAction} entry={{ id: e.id, title: e.title }} />
                    </div>
                  </Card>
                );
              })}
            </ul>
          </>
        ) : list.continued ? (
          <p className="mt-2">There are no more entries after the previous page.</p>
        ) : (
          <p className="mt-2">Nothing yet. Add a workshop, conference or course above.</p>
        )}
        <Pagination basePath={PATH} params={{}} nextCursor={list.nextCursor} hasPrevious={list.continued} />
      </section>
    </div>
  );
}
