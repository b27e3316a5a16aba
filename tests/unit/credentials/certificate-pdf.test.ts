import { PDFDocument, PDFName, PDFDict, PDFArray, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';
import { CertificateFonts, generateCertificatePdf } from '@/lib/credentials/certificate-pdf';

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

  it('sets names in other scripts in an embedded Unicode font, only when needed', async () => {
    const fontNames = async (bytes: Uint8Array) => {
      const doc = await PDFDocument.load(bytes);
      const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      return fonts.values().map((ref) => String(doc.context.lookup(ref, PDFDict).get(PDFName.of('BaseFont'))));
    };
    // Western European names stay in the standard fonts: nothing embedded.
    expect((await fontNames(await generateCertificatePdf(input))).some((n) => n.includes('DejaVu'))).toBe(false);
    const names = await fontNames(await generateCertificatePdf({ ...input, recipientName: 'Nguyễn Thị Hương', issuerName: 'Киевская школа' }));
    expect(names.some((n) => n.includes('DejaVuSerif-Bold'))).toBe(true);
    expect(names.some((n) => n.includes('DejaVuSans'))).toBe(true);
    // Still reproducible with embedded fonts.
    const again = { ...input, recipientName: 'Nguyễn Thị Hương' };
    expect(Buffer.from(await generateCertificatePdf(again)).equals(Buffer.from(await generateCertificatePdf(again)))).toBe(true);
  });

  it('keeps every letter a font can set, and falls back only for scripts it cannot', async () => {
    const fonts = new CertificateFonts(await PDFDocument.create());
    for (const name of ['Nguyễn Thị Hương', 'Łukasz Wróbel', 'Αικατερίνη Παπαδοπούλου', 'Алексей Смирнов', 'Şükrü Öztürk', 'Anahit Հակոբյան', 'ნინო', 'María José Núñez']) {
      expect((await fonts.forText('serifBold', name)).text, name).toBe(name);
      expect((await fonts.forText('sansBold', name)).text, name).toBe(name);
    }
    // Chinese: no glyphs in DejaVu; Hebrew and Arabic: not set without bidi and shaping.
    expect((await fonts.forText('serifBold', 'Łukasz 王小明')).text).toBe('Łukasz ???');
    expect((await fonts.forText('sans', 'Noa כהן')).text).toBe('Noa ???');
    expect((await fonts.forText('sans', 'Ahmed محمد')).text).toBe('Ahmed ????');
    // A decomposed accent (e + U+0301) is composed first and stays in the standard font.
    const decomposed = await fonts.forText('serifBold', 'Jose\u0301');
    expect(decomposed.text).toBe('José');
    expect(decomposed.font.name).toBe('Times-Bold');
    // Whitespace runs collapse; the standard font is kept for WinAnsi text.
    const latin = await fonts.forText('sans', 'Ana   Díaz');
    expect(latin.text).toBe('Ana Díaz');
    expect(latin.font.name).toBe('Helvetica');
  });
});
