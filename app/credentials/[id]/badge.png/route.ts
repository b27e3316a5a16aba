import { credentialNotFound } from '@/lib/http/credential-not-found';
import { getPublicAward } from '@/lib/awards/queries';
import { badgeFileName, bakedPng, loadAwardImageOr503, revokedPng, revokedResponse } from '@/lib/awards/images';
import { credentialUrl } from '@/lib/awards/issue';
import { badgeFileResponse } from '@/lib/awards/download-cache';

// The badge image with the signed credential baked in (OB 3.0: PNG iTXt `openbadgecredential`),
// drawn from the version the badge was earned on: the issuer's uploaded picture, else the
// generated artwork in that version's colour.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const award = await getPublicAward((await params).id);
  if (!award) return credentialNotFound(req, 'badge');
  const download = new URL(req.url).searchParams.has('download');
  // A revoked badge cannot be downloaded as a badge; where it is only shown (its page, link
  // previews) it is greyed and marked, with no credential inside.
  if (award.revokedAt && download) return revokedResponse(req, { ...award, revokedAt: award.revokedAt }, 'image', credentialUrl(award.id));
  const { input, unavailable } = await loadAwardImageOr503(req, award, 'badge image');
  if (unavailable) return unavailable;
  const png = award.revokedAt ? revokedPng(input) : bakedPng(input);
  // Revalidated on every use, never kept as is: the picture changes when the badge is revoked.
  return badgeFileResponse(req, png, {
    'content-type': 'image/png',
    ...(download ? { 'content-disposition': `attachment; filename="${badgeFileName(award.title)}.png"` } : {}),
  });
}
