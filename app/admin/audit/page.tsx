import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers } from '@/lib/authoring/queries';
import { listAuditLog } from '@/lib/audit/queries';
import { AUDIT_GROUPS_BY_VIEW, parseAuditFilter } from '@/lib/audit/schemas';
import { PageHeader } from '@/components/ui/card';
import { IssuerPicker } from '@/components/admin/issuer-picker';
import { AuditLogView } from '@/components/admin/audit-log-view';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Audit log: issuer administration' };
const Query = z.object({ org: z.string().max(40).optional().catch(undefined) });

export default async function IssuerAuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/audit');
  const sp = await searchParams;
  const query = Query.parse(sp);
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="Audit log" />;
  }
  const org = issuers.find((i) => i.id === query.org) ?? issuers[0];
  const filter = parseAuditFilter(sp, 'issuer');
  const { items, nextCursor, range } = await listAuditLog({ actor, organizationId: org.id, filter });
  return (
    <div>
      <PageHeader
        title="Audit log"
        description={`Everything recorded for ${org.name}: badges issued, suspended and revoked, reviews, changes to micro-credentials, people and settings. Entries cannot be changed or deleted.`}
      />
      <IssuerPicker issuers={issuers} current={org.id} />
      <AuditLogView
        basePath="/admin/audit"
        owner={org.name}
        groups={AUDIT_GROUPS_BY_VIEW.issuer}
        filter={filter}
        range={range}
        items={items}
        nextCursor={nextCursor}
        keep={{ org: issuers.length > 1 ? org.id : undefined }}
        timeZone={actor.timeZone}
      />
    </div>
  );
}
