import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { DISTRICT_REPORTS, schoolReportCsv } from '@/lib/reporting/exports';
import { PeriodInput, resolvePeriod } from '@/lib/reporting/schemas';
import { resolveSchool } from '@/lib/school/access';
import { isDomainError } from '@/lib/errors';

// Each parameter read once (a repeated one counts by its first value, as URLSearchParams.get reads
// it). A school id too long to be one is refused rather than dropped: a download never quietly
// holds another school's teachers than the one asked for.
const ExportQuery = z.object({
  report: z.enum(DISTRICT_REPORTS),
  school: z.string().trim().max(40).optional(),
});

/** GET /school/reports/export?report=pd-hours|renewal|salary-steps|expiring|skills&from=&to=&school= : one school's report, for its leader. */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  const query = ExportQuery.safeParse({ report: sp.get('report') ?? undefined, school: sp.get('school') ?? undefined });
  if (!query.success) return Response.json({ error: query.error.issues.some((i) => i.path[0] === 'report') ? 'Unknown report.' : 'Unknown school.' }, { status: 400 });
  try {
    const actor = await requireActor();
    const period = resolvePeriod(PeriodInput.parse({ from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined }));
    // Without ?school= the first school led, as the pages choose it.
    const { school } = await resolveSchool(actor, query.data.school || null);
    const { filename, csv } = await schoolReportCsv({ actor, schoolId: school.id, report: query.data.report, period });
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: e.message }, { status: e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'FORBIDDEN' ? 403 : 400 });
    throw e;
  }
}
