import { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/actor';
import { DISTRICT_REPORTS, schoolReportCsv } from '@/lib/reporting/exports';
import { PeriodInput, resolvePeriod } from '@/lib/reporting/schemas';
import { resolveSchool } from '@/lib/school/access';
import { downloadErrorPage, downloadRefusalPage, signInToDownload } from '@/lib/http/html-page';

// Each parameter read once (a repeated one counts by its first value, as URLSearchParams.get reads
// it). A school id too long to be one is refused rather than dropped: a download never quietly
// holds another school's teachers than the one asked for.
const ExportQuery = z.object({
  report: z.enum(DISTRICT_REPORTS),
  school: z.string().trim().max(40).optional(),
});

/**
 * GET /school/reports/export?report=pd-hours|renewal|salary-steps|expiring|skills&from=&to=&school= : one school's report, for its leader.
 * The "Download CSV" links open it in a tab: signed out, the person signs in and comes back to the
 * reports, to choose the download again; a refusal or a wrong link is a page in words with a link
 * back to the reports.
 */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  const query = ExportQuery.safeParse({ report: sp.get('report') ?? undefined, school: sp.get('school') ?? undefined });
  // Back to the reports as they were asked for (the same period; the school, when it is one): after
  // signing in, and after a refusal or a wrong link.
  const kept = new URLSearchParams({ ...(sp.get('from') ? { from: sp.get('from')! } : {}), ...(sp.get('to') ? { to: sp.get('to')! } : {}), ...(query.success && query.data.school ? { school: query.data.school } : {}) });
  const back = { href: `/school/reports${kept.size ? `?${kept}` : ''}`, text: 'Back to reports' };
  const actor = await getActor();
  if (!actor) return signInToDownload(request, back.href);
  const home = { href: homePath(actor), text: 'Go to my home page' };
  if (!query.success) {
    const badReport = query.error.issues.some((i) => i.path[0] === 'report');
    return downloadErrorPage({
      status: 400,
      message: badReport
        ? 'This download link does not name a report we have. Go back to the reports and use one of their download links.'
        : 'This download link does not name a school we know. Go back to the reports, choose the school, and use its download link.',
      links: [back, home],
    });
  }
  try {
    const period = resolvePeriod(PeriodInput.parse({ from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined }));
    // Without ?school= the first school led, as the pages choose it.
    const { school } = await resolveSchool(actor, query.data.school || null);
    const { filename, csv } = await schoolReportCsv({ actor, schoolId: school.id, report: query.data.report, period });
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    const page = downloadRefusalPage(request, e, { back, mine: { href: '/school/reports', text: 'Go to my school’s reports' }, home });
    if (page) return page;
    throw e;
  }
}
