import { credentialNotFound } from '@/lib/http/credential-not-found';
import { getPublicAward } from '@/lib/awards/queries';
import { bakedPng, loadAwardImageOr503, revokedResponse } from '@/lib/awards/images';
import { generateCertificatePdf } from '@/lib/credentials/certificate-pdf';
import { credentialUrl } from '@/lib/awards/issue';
import { badgeFileResponse } from '@/lib/awards/download-cache';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const award = await getPublicAward((await params).id);
  // Usually opened in a tab by a person: an unknown id gets a page that says so (credentialNotFound).
  if (!award) return credentialNotFound(req, 'certificate');
  const verificationUrl = credentialUrl(award.id);
  // A certificate is a claim on paper; a revoked badge has none to make (as on its page).
  if (award.revokedAt) return revokedResponse(req, { ...award, revokedAt: award.revokedAt }, 'certificate', verificationUrl);
  const { input, unavailable } = await loadAwardImageOr503(req, award, 'certificate');
  if (unavailable) return unavailable;
  const pdf = await generateCertificatePdf({
    recipientName: award.recipientName,
    credentialName: award.title,
    issuerName: award.signedIssuerName,
    issuedAt: award.issuedAt,
    expiresAt: award.validUntil ?? undefined,
    pdHours: Number(award.pdHours) || undefined,
    verificationUrl,
    credentialId: award.id,
    badgePng: bakedPng(input),
    accentColor: input.color,
    // A suspension is a hold that may be lifted: the certificate says so, and where to check.
    ...(award.suspendedAt ? { hold: { label: 'SUSPENDED', message: 'this badge is on hold; check the verification link' } } : {}),
  });
  // Revalidated on every use, never kept as is: a suspension adds its banner, a revocation takes the
  // certificate away.
  return badgeFileResponse(req, pdf, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="certificate-${award.id}.pdf"` });
}
