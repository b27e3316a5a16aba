import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { AwardListInput, listUserAwards } from '@/lib/awards/queries';
import { getAccount } from '@/lib/auth/profile';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { AwardGrid } from '@/components/awards/award-grid';
import { RecordPanel } from '@/components/awards/record-panel';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { listStacksInProgress } from '@/lib/awards/stack-progress';
import { StacksInProgress } from '@/components/credentials/stacks-in-progress';
import { startRenewalAction } from '@/app/apply/[slug]/actions';

export const metadata = { title: 'My badges' };

export default async function BadgesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser('/badges');
  const { cursor } = AwardListInput.parse(await searchParams);
  // What the badges count toward and the stacks under way are the whole record's: the first page's.
  // Its totals count every badge; the badges themselves are listed below, a page at a time.
  const [awards, account, record, stacks] = await Promise.all([
    listUserAwards({ userId: actor.id, cursor }),
    getAccount(actor.id),
    cursor ? null : getTeacherRecord(actor, new Date(), { rows: false }),
    cursor ? [] : listStacksInProgress(actor.id),
  ]);
  return (
    <div>
      <PageHeader
        title="My badges"
        description={
          account?.portfolioPublic && account.handle ? (
            <>Your public portfolio is on at <Link href={`/u/${account.handle}`}>/u/{account.handle}</Link>.</>
          ) : (
            <>Your portfolio is private. <Link href="/account">Turn on a public portfolio</Link> to share all your badges with one link.</>
          )
        }
        actions={awards.total ? (
          <>
            <ButtonLink href="/badges/transcript" variant="secondary">PD transcript (print or PDF)</ButtonLink>
            <ButtonLink href="/badges/export.json" variant="secondary" prefetch={false}>Download all my badges (to move them to another badge site)</ButtonLink>
          </>
        ) : null}
      />
      {awards.total && record ? <RecordPanel record={record} renewAction={startRenewalAction} /> : null}
      {awards.total ? (
        <section aria-labelledby="badges-heading">
          <h2 id="badges-heading" className="text-xl font-semibold">Your badges</h2>
          <p className="mb-3 text-sm text-slate-700">
            {awards.total === 1 ? '1 badge' : `${awards.total.toLocaleString('en-GB')} badges`}, newest first{awards.continued ? ' (continued)' : ''}.
          </p>
          {awards.items.length ? <AwardGrid awards={awards.items} /> : <p>There are no more badges after the previous page.</p>}
          <Pagination basePath="/badges" params={{}} nextCursor={awards.nextCursor} hasPrevious={awards.continued} />
        </section>
      ) : (
        <EmptyState title="No badges yet" action={<ButtonLink href="/catalog">Find a micro-credential</ButtonLink>}>When a reviewer awards your evidence, your verifiable badge appears here.</EmptyState>
      )}
      <StacksInProgress stacks={stacks} />
    </div>
  );
}
