import { NextResponse } from 'next/server';
import { getPublicAward } from '@/lib/awards/queries';
import { bakedPng } from '@/lib/awards/images';

// The badge image with the signed credential baked in (OB 3.0: PNG iTXt `openbadgecredential`).
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const award = await getPublicAward((await params).id);
  if (!award) return new NextResponse('Not found', { status: 404 });
  const png = bakedPng({ id: award.id, title: award.title, issuerName: award.signedIssuerName, level: award.level, color: award.microCredential?.currentVersion?.badgeColor ?? award.stack?.badgeColor ?? '#1d4ed8', credential: award.credential });
  const download = new URL(req.url).searchParams.has('download');
  return new NextResponse(Buffer.from(png), {
    headers: {
      'content-type': 'image/png',
      'cache-control': 'public, max-age=300',
      ...(download ? { 'content-disposition': `attachment; filename="${award.title.replace(/[^\w -]+/g, '').trim() || 'badge'}.png"` } : {}),
    },
  });
}
