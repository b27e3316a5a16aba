import { requireActor } from '@/lib/auth/session';
import { DISTRICT_REPORTS, districtReportCsv, type DistrictReport } from '@/lib/reporting/exports';
import { PeriodInput, SchoolFilterInput, resolvePeriod } from '@/lib/reporting/schemas';
import { isDomainError } from '@/lib/errors';

/** GET /district/reports/export?report=pd-hours|renewal|salary-steps|expiring|skills&from=&to=&district=&school= */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  const report = sp.get('report') as DistrictReport;
  if (!DISTRICT_REPORTS.includes(report)) return Response.json({ error: 'Unknown report.' }, { status: 400 });
  try {
    const actor = await requireActor();
    const period = resolvePeriod(PeriodInput.parse({ from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined }));
    const schoolId = SchoolFilterInput.parse(sp.get('school') ?? undefined);
    const { filename, csv } = await districtReportCsv({ actor, districtId: sp.get('district'), schoolId, report, period });
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: e.message }, { status: e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'FORBIDDEN' ? 403 : 400 });
    throw e;
  }
}
