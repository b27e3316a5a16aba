import 'server-only';
import { credentialNotFound } from '@/lib/http/credential-not-found';
import { getPublicAward } from '@/lib/awards/queries';
import { badgeFileName, bakedPng, bakedSvg, loadAwardImageOr503, revokedPng, revokedResponse, revokedSvg } from '@/lib/awards/images';
import { credentialUrl } from '@/lib/awards/issue';
import { badgeFileResponse } from '@/lib/awards/download-cache';

/** What differs between the badge's two image files. */
const FORMATS = {
  // OB 3.0: PNG iTXt `openbadgecredential`.
  png: { baked: bakedPng, revoked: revokedPng, headers: { 'content-type': 'image/png' } },
  // OB 3.0: `openbadges:credential`. An uploaded picture is embedded as a data: URI, so the file
  // stays self-contained; opened directly, it must never run script.
  svg: {
    baked: bakedSvg,
    revoked: revokedSvg,
    headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
  },
} as const;

/**
 * GET /credentials/{id}/badge.{png,svg}: the badge image with the signed credential baked in, drawn
 * from the version the badge was earned on (the issuer's uploaded picture, else the generated
 * artwork in that version's colour). `?download` names the file for saving.
 */
export async function badgeFileGET(req: Request, id: string, format: keyof typeof FORMATS): Promise<Response> {
  const award = await getPublicAward(id);
  if (!award) return credentialNotFound(req, 'badge');
  const download = new URL(req.url).searchParams.has('download');
  // A revoked badge cannot be downloaded as a badge; where it is only shown (its page, link
  // previews) it is greyed and marked, with no credential inside.
  if (award.revokedAt && download) return revokedResponse(req, { ...award, revokedAt: award.revokedAt }, 'image', credentialUrl(award.id));
  const { input, unavailable } = await loadAwardImageOr503(req, award, 'badge image');
  if (unavailable) return unavailable;
  const f = FORMATS[format];
  const body = award.revokedAt ? f.revoked(input) : f.baked(input);
  // Revalidated on every use, never kept as is: the picture changes when the badge is revoked.
  return badgeFileResponse(req, body, {
    ...f.headers,
    ...(download ? { 'content-disposition': `attachment; filename="${badgeFileName(award.title)}.${format}"` } : {}),
  });
}
