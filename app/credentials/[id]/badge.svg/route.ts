import { credentialNotFound } from '@/lib/http/credential-not-found';
import { getPublicAward } from '@/lib/awards/queries';
import { badgeFileName, bakedSvg, loadAwardImageOr503, revokedResponse, revokedSvg } from '@/lib/awards/images';
import { credentialUrl } from '@/lib/awards/issue';
import { badgeFileResponse } from '@/lib/awards/download-cache';

// The badge as SVG with the credential baked in (OB 3.0: `openbadges:credential`). An uploaded
// picture is embedded in it as a data: URI, so the file stays self-contained.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const award = await getPublicAward((await params).id);
  if (!award) return credentialNotFound(req, 'badge');
  const download = new URL(req.url).searchParams.has('download');
  if (award.revokedAt && download) return revokedResponse(req, { ...award, revokedAt: award.revokedAt }, 'image', credentialUrl(award.id));
  const { input, unavailable } = await loadAwardImageOr503(req, award, 'badge image');
  if (unavailable) return unavailable;
  const svg = award.revokedAt ? revokedSvg(input) : bakedSvg(input);
  // Revalidated on every use, never kept as is: the picture changes when the badge is revoked.
  return badgeFileResponse(req, svg, {
    'content-type': 'image/svg+xml; charset=utf-8',
    // An SVG opened directly must never run script; its picture is an inline data: image.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    ...(download ? { 'content-disposition': `attachment; filename="${badgeFileName(award.title)}.svg"` } : {}),
  });
}
