import { NextResponse } from 'next/server';
import { getPublicAward } from '@/lib/awards/queries';
import { bakedPng } from '@/lib/awards/images';
import { generateCertificatePdf } from '@/lib/credentials/certificate-pdf';
import { credentialUrl } from '@/lib/awards/issue';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const award = await getPublicAward((await params).id);
  if (!award) return new NextResponse('Not found', { status: 404 });
  const color = award.microCredential?.currentVersion?.badgeColor ?? award.stack?.badgeColor ?? '#1d4ed8';
  const pdf = await generateCertificatePdf({
    recipientName: award.recipientName,
    credentialName: award.title,
    issuerName: award.signedIssuerName,
    issuedAt: award.issuedAt,
    expiresAt: award.validUntil ?? undefined,
    pdHours: Number(award.pdHours) || undefined,
    verificationUrl: credentialUrl(award.id),
    credentialId: award.id,
    badgePng: bakedPng({ id: award.id, title: award.title, issuerName: award.signedIssuerName, level: award.level, color, credential: award.credential }),
    accentColor: color,
  });
  return new NextResponse(Buffer.from(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="certificate-${award.id}.pdf"`, 'cache-control': 'public, max-age=300' },
  });
}
