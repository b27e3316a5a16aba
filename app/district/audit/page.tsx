import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listAuditLog } from '@/lib/audit/queries';
import { AUDIT_GROUPS_BY_VIEW, parseAuditFilter } from '@/lib/audit/schemas';
import { PageHeader } from '@/components/ui/card';
import { DistrictPicker } from '@/components/admin/district-picker';
import { AuditLogView } from '@/components/admin/audit-log-view';

export const metadata = { title: 'Audit log: district' };
const Query = z.object({ district: z.string().max(40).optional().catch(undefined) });

export default async function DistrictAuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/audit');
  const sp = await searchParams;
  const { district, districts } = await districtForPage(actor, Query.parse(sp).district);
  const filter = parseAuditFilter(sp, 'district');
  const { items, nextCursor, range } = await listAuditLog({ actor, organizationId: district.id, filter });
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title="Audit log"
        description={`Everything recorded for ${district.name} and its schools: proposals decided, teachers placed, invited and removed, and changes to schools and policy. Entries cannot be changed or deleted.`}
      />
      <AuditLogView
        basePath="/district/audit"
        owner={district.name}
        groups={AUDIT_GROUPS_BY_VIEW.district}
        filter={filter}
        range={range}
        items={items}
        nextCursor={nextCursor}
        keep={{ district: districts.length > 1 ? district.id : undefined }}
        timeZone={actor.timeZone}
      />
    </div>
  );
}
