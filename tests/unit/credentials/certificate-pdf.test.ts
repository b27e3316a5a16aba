import { PDFDocument, PDFName, PDFDict, PDFArray, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';
import { generateCertificatePdf } from '@/lib/credentials/certificate-pdf';

const input = {
  recipientName: 'María José Núñez',
  credentialName: 'Formative Assessment in Practice: Using Exit Tickets to Adjust Instruction',
  issuerName: 'Riverside Unified School District',
  issuedAt: new Date('2025-03-01T15:30:00Z'),
  pdHours: 15,
  verificationUrl: 'https://badges.example.org/credentials/6f1c2a3b',
  credentialId: 'urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
};

describe('generateCertificatePdf', () => {
  it('produces an A4 landscape PDF with metadata and a clickable verification link', async () => {
    const bytes = await generateCertificatePdf(input);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');

    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(842);
    expect(Math.round(height)).toBe(595);
    expect(doc.getTitle()).toBe(`${input.credentialName} - ${input.recipientName}`);
    expect(doc.getAuthor()).toBe(input.issuerName);
    expect(doc.getSubject()).toContain(input.credentialId);

    const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
    const link = annots.lookup(0, PDFDict);
    const action = link.lookup(PDFName.of('A'), PDFDict);
    expect(action.lookup(PDFName.of('URI'), PDFString).decodeText()).toBe(input.verificationUrl);
  });

  it('is reproducible for the same input', async () => {
    const a = await generateCertificatePdf(input);
    const b = await generateCertificatePdf(input);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('does not fail on names outside the standard PDF fonts, and embeds a badge image', async () => {
    const badgePng = renderPng(generateBadgeSvg({ title: 'Formative Assessment', issuerName: 'Riverside' }), 128);
    const bytes = await generateCertificatePdf({
      ...input,
      recipientName: 'Łukasz Wróbel 王小明',
      pdHours: undefined,
      expiresAt: new Date('2028-03-01T00:00:00Z'),
      badgePng,
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toContain('Łukasz Wróbel 王小明');
    expect(bytes.length).toBeGreaterThan(2000);
  });
});
