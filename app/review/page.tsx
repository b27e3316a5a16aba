import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { listMyClaims, listReviewQueue, type QueueItem, type QueueKind } from '@/lib/review/queries';
import { QueueFilterInput } from '@/lib/review/schemas';
import { Alert, Card, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { SlaClock } from '@/components/review/sla-clock';
import { ClaimButton } from '@/components/review/claim-button';
import { ButtonLink } from '@/components/ui/button';
import { filterSelectClass } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/table-scroll';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Review queue' };

const TAB_LABEL: Record<QueueKind, string> = { PRIMARY: 'Waiting for review', SECOND: 'Second scoring', SECOND_LOOK: 'Second look' };
const TAB_CLAIM_LABEL: Record<ReviewKind, string> = { PRIMARY: 'Review', SECOND: 'Second score', ADJUDICATION: 'Adjudication', SECOND_LOOK: 'Second look' };
const CLAIM_LABEL: Record<QueueKind, string> = { PRIMARY: 'Claim', SECOND: 'Claim second score', SECOND_LOOK: 'Claim second look' };
const EMPTY_TITLE: Record<QueueKind, string> = { PRIMARY: 'Nothing waiting for review', SECOND: 'No second scoring waiting', SECOND_LOOK: 'No second look waiting for you' };
const CAPTION: Record<QueueKind, string> = {
  PRIMARY: 'Submissions waiting for review, oldest first',
  SECOND: 'Submissions needing a second score, oldest first',
  SECOND_LOOK: 'Submissions waiting for a second look, in the order it was asked for',
};

/** What is being reviewed: the row header of the wide table, the heading line of a phone's card. */
function ItemTitle({ item: i }: { item: QueueItem }) {
  return (
    <>
      {i.credentialTitle}
      <span className="block text-xs font-normal text-slate-700">
        {i.issuerName} · attempt {i.attemptNumber}{i.renewal ? ' · renewal' : ''}
      </span>
      {i.kind === 'SECOND_LOOK' ? <Pill tone="purple">Second look</Pill> : null}
    </>
  );
}

function ItemTeacher({ item: i }: { item: QueueItem }) {
  return i.teacher ? `${i.teacher.name}${i.teacher.schoolName ? `, ${i.teacher.schoolName}` : ''}` : <span className="text-slate-700">Hidden (blind review)</span>;
}

/** A labelled cell: on a phone's card, its label and its value side by side, the value's lines kept together. */
const phoneCell = 'p-2 align-top max-md:grid max-md:grid-cols-[6.5rem_minmax(0,1fr)] max-md:gap-x-2 max-md:p-0 md:border-b md:border-slate-200';

/** A cell's column name, shown on a phone's card only: wider screens show the column headers. */
function CellLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="text-slate-700 md:hidden">
      {children}
    </span>
  );
}

type Search = { kind?: string; microCredentialId?: string; olderThanDays?: string; cursor?: string; released?: string };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireRole(['REVIEWER', 'ISSUER_ADMIN'], '/review');
  const sp = await searchParams;
  const filter = QueueFilterInput.parse(sp);
  const [queue, claims] = await Promise.all([listReviewQueue({ actor, ...filter }), listMyClaims({ actor })]);
  const needsCalibration = queue.credentials.filter((c) => c.state === 'NEEDS_CALIBRATION');
  // The filter offers the credentials with submitted work (and the one chosen), not every one the
  // reviewer is qualified for: hundreds for some reviewers.
  const withWork = queue.credentials.filter((c) => c.state === 'READY' && (queue.submitted.has(c.microCredentialId) || c.microCredentialId === filter.microCredentialId));
  // Someone who reviews for several issuers finds a credential under its issuer's name.
  const byIssuer = [...Map.groupBy(withWork, (c) => c.issuer.name)].sort(([a], [b]) => a.localeCompare(b, 'en'));
  const option = (c: (typeof withWork)[number]) => (
    <option key={c.microCredentialId} value={c.microCredentialId}>
      {c.title} · {queue.submitted.get(c.microCredentialId) ?? 0} submitted
    </option>
  );
  const tab = (kind: QueueKind) => {
    const p = new URLSearchParams();
    if (kind !== 'PRIMARY') p.set('kind', kind);
    if (filter.microCredentialId) p.set('microCredentialId', filter.microCredentialId);
    if (filter.olderThanDays) p.set('olderThanDays', String(filter.olderThanDays));
    const qs = p.toString();
    return qs ? `/review?${qs}` : '/review';
  };

  return (
    <div>
      <PageHeader
        title="Review queue"
        description="Submissions waiting for a reviewer, oldest first. Claim one to score it; your claim keeps others from scoring it at the same time."
        actions={
          <>
            <ButtonLink href="/review/history" variant="secondary">Your review history</ButtonLink>
            {isIssuerAdmin(actor) ? <ButtonLink href="/admin/review-quality" variant="secondary">Review quality and adjudication</ButtonLink> : null}
          </>
        }
      />
      {sp.released ? (
        // Release took the review page (and its button) away: the notice takes focus here instead.
        <ArrivalNotice className="mb-4">
          <Alert tone="info">The submission is back in the queue for someone else.</Alert>
        </ArrivalNotice>
      ) : null}

      {needsCalibration.length ? (
        <Card className="mb-6">
          <h2 className="text-lg font-semibold">Calibrate before your first review</h2>
          <p className="mt-1 text-sm text-slate-700">Score a few sample applications so your judgements line up with the agreed standard.</p>
          <ul className="mt-2 list-disc pl-5">
            {needsCalibration.map((c) => (
              <li key={c.microCredentialId}>
                <Link href={`/review/calibration/${c.microCredentialId}`}>Calibrate for {c.title}</Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {claims.length ? (
        <section aria-labelledby="my-claims" className="mb-8">
          <h2 id="my-claims" className="mb-2 text-lg font-semibold">Your claimed submissions</h2>
          <ul className="space-y-2">
            {claims.map((c) => (
              <li key={c.reviewId} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3">
                <div>
                  <Link href={`/review/${c.reviewId}`} className="font-semibold">
                    {c.credentialTitle}, attempt {c.attemptNumber}
                  </Link>
                  <span className="ml-2">
                    <Pill tone={c.reviewKind === 'ADJUDICATION' || c.reviewKind === 'SECOND_LOOK' ? 'purple' : c.reviewKind === 'SECOND' ? 'info' : 'neutral'}>
                      {TAB_CLAIM_LABEL[c.reviewKind]}
                    </Pill>
                  </span>
                  {c.assigned ? <span className="ml-2 text-sm text-slate-700">assigned to you</span> : null}
                  {c.expired ? <span className="ml-2 text-sm font-semibold text-amber-900">claim expired: someone else may take it</span> : null}
                </div>
                <SlaClock {...c.clock} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <nav aria-label="Kind of review work" className="mb-4 flex gap-2 border-b border-slate-200">
        {(['PRIMARY', 'SECOND', 'SECOND_LOOK'] as const).map((k) => (
          <Link
            key={k}
            href={tab(k)}
            aria-current={filter.kind === k ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-semibold no-underline ${filter.kind === k ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`}
          >
            {TAB_LABEL[k]}
          </Link>
        ))}
      </nav>
      {queue.secondLookWaiting ? (
        <div className="mb-4">
          <Alert tone="info">
            A submission is waiting for a second look that you can take. <Link href={tab('SECOND_LOOK')}>Open the Second look tab</Link>.
          </Alert>
        </div>
      ) : null}
      {filter.kind === 'SECOND_LOOK' ? (
        <p className="mb-4 text-sm text-slate-700">
          An issuer admin set the decision on these attempts aside for one independent review. You see only those you have not scored before and did not ask for; your decision is final for the attempt.
        </p>
      ) : null}

      <form method="get" action="/review" className="mb-4 flex flex-wrap items-end gap-4">
        {filter.kind !== 'PRIMARY' ? <input type="hidden" name="kind" value={filter.kind} /> : null}
        <div className="max-w-full">
          <label htmlFor="microCredentialId" className="block text-sm font-semibold">Micro-credential</label>
          <select id="microCredentialId" name="microCredentialId" defaultValue={filter.microCredentialId ?? ''} className={filterSelectClass}>
            <option value="">All I can review</option>
            {byIssuer.length > 1
              ? byIssuer.map(([issuer, credentials]) => (
                  <optgroup key={issuer} label={issuer}>
                    {credentials.map(option)}
                  </optgroup>
                ))
              : withWork.map(option)}
          </select>
        </div>
        <div className="max-w-full">
          <label htmlFor="olderThanDays" className="block text-sm font-semibold">Waiting at least</label>
          <select id="olderThanDays" name="olderThanDays" defaultValue={filter.olderThanDays ? String(filter.olderThanDays) : ''} className={filterSelectClass}>
            <option value="">Any age</option>
            <option value="3">3 days</option>
            <option value="7">7 days</option>
            <option value="14">14 days</option>
            <option value="30">30 days</option>
          </select>
        </div>
        <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
          Apply filters
        </button>
      </form>

      {queue.credentials.length === 0 ? (
        <EmptyState title="You are not qualified for any micro-credential yet">
          An issuer admin grants reviewer qualifications per micro-credential. Teachers who earned a micro-credential can also review it.
        </EmptyState>
      ) : queue.items.length === 0 ? (
        <EmptyState title={EMPTY_TITLE[filter.kind]}>
          {filter.microCredentialId || filter.olderThanDays ? 'Try clearing the filters.' : 'New submissions appear here as teachers submit them.'}
        </EmptyState>
      ) : (
        // One table, drawn as a card per row below md (CSS only) instead of a second copy of every row
        // for phones: the rows, their claim buttons and the page's payload were all sent twice. The
        // explicit roles keep the table's semantics where `display: block` would drop them in some
        // browsers; the small labels in each cell are for sighted phone users only (a screen reader
        // hears the column header).
        <TableScroll label={CAPTION[filter.kind]} className="md:rounded-lg md:border md:border-slate-200 md:bg-white">
          <table role="table" className="w-full border-collapse text-sm max-md:block md:min-w-[44rem]">
            <caption className="sr-only">{CAPTION[filter.kind]}</caption>
            <thead role="rowgroup" className="max-md:sr-only">
              <tr role="row">
                <th role="columnheader" scope="col" className="border-b border-slate-300 p-2 text-left">Micro-credential</th>
                <th role="columnheader" scope="col" className="border-b border-slate-300 p-2 text-left">Teacher</th>
                <th role="columnheader" scope="col" className="border-b border-slate-300 p-2 text-left">Submitted</th>
                <th role="columnheader" scope="col" className="border-b border-slate-300 p-2 text-left">Decision due</th>
                <th role="columnheader" scope="col" className="border-b border-slate-300 p-2 text-left"><span className="sr-only">Action</span></th>
              </tr>
            </thead>
            <tbody role="rowgroup" className="max-md:block max-md:space-y-3">
              {queue.items.map((i) => (
                <tr key={i.attemptId} role="row" className="max-md:block max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:bg-white max-md:p-3">
                  <th role="rowheader" scope="row" id={`row-${i.attemptId}`} className="p-2 text-left align-top font-medium max-md:block max-md:p-0 max-md:font-semibold md:border-b md:border-slate-200">
                    <ItemTitle item={i} />
                  </th>
                  <td role="cell" className={`${phoneCell} max-md:mt-2`}>
                    <CellLabel>Teacher</CellLabel>
                    <ItemTeacher item={i} />
                  </td>
                  <td role="cell" className={phoneCell}>
                    <CellLabel>Submitted</CellLabel>
                    {dayFmt.format(i.submittedAt)}
                  </td>
                  <td role="cell" className={phoneCell}>
                    <CellLabel>Decision due</CellLabel>
                    <SlaClock {...i.clock} />
                  </td>
                  <td role="cell" className="p-2 align-top max-md:mt-3 max-md:block max-md:p-0 md:border-b md:border-slate-200">
                    <ClaimButton attemptId={i.attemptId} kind={filter.kind} label={CLAIM_LABEL[filter.kind]} describedBy={`row-${i.attemptId}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/review" params={{ kind: filter.kind !== 'PRIMARY' ? filter.kind : undefined, microCredentialId: filter.microCredentialId, olderThanDays: filter.olderThanDays ? String(filter.olderThanDays) : undefined }} nextCursor={queue.nextCursor} hasPrevious={Boolean(filter.cursor)} />
    </div>
  );
}
