import { requireActor } from '@/lib/auth/session';
import { exportAchievement, exportCredential } from '@/lib/authoring/import-export';
import { isDomainError } from '@/lib/errors';

/**
 * Downloads the newest version (a draft when there is one) as our definition JSON
 * (?format=definition), or the published version as an OB 3.0 Achievement (?format=achievement).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get('format') === 'achievement' ? 'achievement' : 'definition';
  try {
    const actor = await requireActor();
    const out = format === 'achievement'
      ? await exportAchievement({ actor, microCredentialId: id }).then((a) => ({ slug: a.slug, version: a.version, body: a.achievement }))
      : await exportCredential({ actor, microCredentialId: id }).then((d) => ({ slug: d.slug, version: d.version, body: d.definition }));
    const name = `${out.slug}-v${out.version}${format === 'achievement' ? '.achievement' : ''}.json`;
    return new Response(JSON.stringify(out.body, null, 2), {
      headers: {
        'Content-Type': format === 'achievement' ? 'application/ld+json; charset=utf-8' : 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (e) {
    if (isDomainError(e)) {
      const status = e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'FORBIDDEN' ? 403 : e.code === 'NOT_FOUND' ? 404 : 400;
      return Response.json({ error: e.message }, { status });
    }
    throw e;
  }
}
