import { requireActor } from '@/lib/auth/session';
import { IssuedFilterInput, issuedAwardsCsv } from '@/lib/awards/issued';
import { resolveIssuerScope } from '@/lib/authoring/queries';
import { isDomainError } from '@/lib/errors';

/** GET /admin/awards/export?issuer=&q=&status=&credential=&from=&to=: the badges of the admin's issuers (or one) as CSV. */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  try {
    const actor = await requireActor();
    const { scope } = await resolveIssuerScope(actor, sp.get('issuer') ?? undefined);
    if (!scope.length) return Response.json({ error: 'You do not administer an issuing organisation.' }, { status: 403 });
    const filter = IssuedFilterInput.parse({ q: sp.get('q') ?? undefined, status: sp.get('status') ?? undefined, credential: sp.get('credential') ?? undefined, from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined });
    const csv = await issuedAwardsCsv({ actor, issuerIds: scope.map((i) => i.id), filter });
    const filename = `badges_${scope.length === 1 ? scope[0].slug : 'all-issuers'}_${new Date().toISOString().slice(0, 10)}.csv`;
    // A BOM so Excel opens the UTF-8 file with accents intact.
    return new Response(`\uFEFF${csv}`, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
    });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: e.message }, { status: e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'FORBIDDEN' ? 403 : 400 });
    throw e;
  }
}
