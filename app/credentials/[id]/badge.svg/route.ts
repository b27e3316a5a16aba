import { NextResponse } from 'next/server';
import { getPublicAward } from '@/lib/awards/queries';
import { bakedSvg } from '@/lib/awards/images';

// The badge as SVG with the credential baked in (OB 3.0: `openbadges:credential`).
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const award = await getPublicAward((await params).id);
  if (!award) return new NextResponse('Not found', { status: 404 });
  const svg = bakedSvg({ id: award.id, title: award.title, issuerName: award.signedIssuerName, level: award.level, color: award.microCredential?.currentVersion?.badgeColor ?? award.stack?.badgeColor ?? '#1d4ed8', credential: award.credential });
  const download = new URL(req.url).searchParams.has('download');
  return new NextResponse(svg, {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
      // An SVG opened directly must never run script.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      ...(download ? { 'content-disposition': `attachment; filename="${award.title.replace(/[^\w -]+/g, '').trim() || 'badge'}.svg"` } : {}),
    },
  });
}
