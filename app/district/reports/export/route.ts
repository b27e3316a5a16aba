import { getActor } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/actor';
import { DISTRICT_REPORTS, districtReportCsv, type DistrictReport } from '@/lib/reporting/exports';
import { PeriodInput, SchoolFilterInput, resolvePeriod } from '@/lib/reporting/schemas';
import { downloadErrorPage, downloadRefusalPage, signInToDownload } from '@/lib/http/html-page';

/**
 * GET /district/reports/export?report=pd-hours|renewal|salary-steps|expiring|skills&from=&to=&district=&school=
 * The "Download CSV" links open it in a tab: signed out, the person signs in and comes back to the
 * reports, to choose the download again; a refusal or a wrong link is a page in words with a link
 * back to the reports.
 */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  // Back to the reports as they were asked for (the same district, school and period): after
  // signing in, and after a wrong link; after a refusal, to the person's own district's, and their
  // home page.
  const kept = new URLSearchParams(sp);
  kept.delete('report');
  const back = { href: `/district/reports${kept.size ? `?${kept}` : ''}`, text: 'Back to reports' };
  const actor = await getActor();
  if (!actor) return signInToDownload(request, back.href);
  const home = { href: homePath(actor), text: 'Go to my home page' };
  const report = sp.get('report') as DistrictReport;
  if (!DISTRICT_REPORTS.includes(report)) return downloadErrorPage({ status: 400, message: 'This download link does not name a report we have. Go back to the reports and use one of their download links.', links: [back, home] });
  try {
    const period = resolvePeriod(PeriodInput.parse({ from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined }));
    const schoolId = SchoolFilterInput.parse(sp.get('school') ?? undefined);
    const { filename, csv } = await districtReportCsv({ actor, districtId: sp.get('district'), schoolId, report, period });
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    const page = downloadRefusalPage(request, e, { back, mine: { href: '/district/reports', text: 'Go to my district’s reports' }, home });
    if (page) return page;
    throw e;
  }
}
