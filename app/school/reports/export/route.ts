import { requireActor } from '@/lib/auth/session';
import { DISTRICT_REPORTS, schoolReportCsv, type DistrictReport } from '@/lib/reporting/exports';
import { PeriodInput, resolvePeriod } from '@/lib/reporting/schemas';
import { resolveSchool } from '@/lib/school/access';
import { isDomainError } from '@/lib/errors';

/** GET /school/reports/export?report=pd-hours|renewal|salary-steps|expiring&from=&to=&school= : one school's report, for its leader. */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  const report = sp.get('report') as DistrictReport;
  if (!DISTRICT_REPORTS.includes(report)) return Response.json({ error: 'Unknown report.' }, { status: 400 });
  const requested = sp.get('school')?.trim().slice(0, 40) || null;
  try {
    const actor = await requireActor();
    const period = resolvePeriod(PeriodInput.parse({ from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined }));
    // Without ?school= the first school led, as the pages choose it.
    const { school } = await resolveSchool(actor, requested);
    const { filename, csv } = await schoolReportCsv({ actor, schoolId: school.id, report, period });
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: e.message }, { status: e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'FORBIDDEN' ? 403 : 400 });
    throw e;
  }
}
