import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { listUserAwards } from '@/lib/awards/queries';
import { getAccount } from '@/lib/auth/profile';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { AwardGrid } from '@/components/awards/award-grid';
import { RecordPanel } from '@/components/awards/record-panel';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { listStacksInProgress } from '@/lib/awards/stack-progress';
import { StacksInProgress } from '@/components/credentials/stacks-in-progress';
import { startRenewalAction } from '@/app/apply/[slug]/actions';

export const metadata = { title: 'My badges' };

export default async function BadgesPage() {
  const actor = await requireUser('/badges');
  const [awards, account, record, stacks] = await Promise.all([listUserAwards(actor.id), getAccount(actor.id), getTeacherRecord(actor), listStacksInProgress(actor.id)]);
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
        actions={awards.length ? (
          <>
            <ButtonLink href="/badges/transcript" variant="secondary">PD transcript (print or PDF)</ButtonLink>
            <ButtonLink href="/badges/export.json" variant="secondary" prefetch={false}>Download all my badges (to move them to another badge site)</ButtonLink>
          </>
        ) : null}
      />
      {awards.length ? <RecordPanel record={record} renewAction={startRenewalAction} /> : null}
      {awards.length ? <AwardGrid awards={awards} /> : <EmptyState title="No badges yet" action={<ButtonLink href="/catalog">Find a micro-credential</ButtonLink>}>When a reviewer awards your evidence, your verifiable badge appears here.</EmptyState>}
      {/* After the grid, whose badge titles (h3) stay under the section heading above it. */}
      <StacksInProgress stacks={stacks} />
    </div>
  );
}
