import { getActor } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/actor';
import { IssuedFilterInput, issuedAwardsCsv } from '@/lib/awards/issued';
import { resolveIssuerScope } from '@/lib/authoring/queries';
import { downloadErrorPage, downloadRefusalPage, signInToDownload } from '@/lib/http/html-page';

/**
 * GET /admin/awards/export?issuer=&q=&status=&credential=&from=&to=: the badges of the admin's issuers (or one) as CSV.
 * The "Download CSV" link opens it in a tab: signed out, the person signs in and comes back to the
 * badges, to choose the download again; a refusal is a page in words with a link back to the badges.
 */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  // Back to the list as it was filtered: after signing in, and after a wrong link.
  const back = { href: `/admin/awards${sp.size ? `?${sp}` : ''}`, text: 'Back to issued badges' };
  const actor = await getActor();
  if (!actor) return signInToDownload(request, back.href);
  const home = { href: homePath(actor), text: 'Go to my home page' };
  try {
    const { scope } = await resolveIssuerScope(actor, sp.get('issuer') ?? undefined);
    if (!scope.length) return downloadErrorPage({ status: 403, message: 'Only administrators of an issuing organisation can download its badges. Your account does not administer one.', links: [home] });
    const filter = IssuedFilterInput.parse({ q: sp.get('q') ?? undefined, status: sp.get('status') ?? undefined, credential: sp.get('credential') ?? undefined, from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined });
    const csv = await issuedAwardsCsv({ actor, issuerIds: scope.map((i) => i.id), filter });
    const filename = `badges_${scope.length === 1 ? scope[0].slug : 'all-issuers'}_${new Date().toISOString().slice(0, 10)}.csv`;
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    const page = downloadRefusalPage(request, e, { back, mine: { href: '/admin/awards', text: 'Go to issued badges' }, home });
    if (page) return page;
    throw e;
  }
}
