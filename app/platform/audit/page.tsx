import { requireRole } from '@/lib/auth/session';
import { listAuditLog } from '@/lib/audit/queries';
import { AUDIT_GROUPS_BY_VIEW, parseAuditFilter } from '@/lib/audit/schemas';
import { PageHeader } from '@/components/ui/card';
import { AuditLogView } from '@/components/admin/audit-log-view';

export const metadata = { title: 'Audit log: platform' };

export default async function PlatformAuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['PLATFORM_ADMIN'], '/platform/audit');
  const filter = parseAuditFilter(await searchParams, 'platform');
  const { items, nextCursor, range } = await listAuditLog({ actor, organizationId: null, filter });
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Everything recorded across the platform: organisations created, accounts disabled and enabled, and every issuer’s and district’s activity. Entries cannot be changed or deleted."
      />
      <AuditLogView
        basePath="/platform/audit"
        owner="the platform"
        groups={AUDIT_GROUPS_BY_VIEW.platform}
        filter={filter}
        range={range}
        items={items}
        nextCursor={nextCursor}
        showOrganization
        timeZone={actor.timeZone}
      />
    </div>
  );
}
