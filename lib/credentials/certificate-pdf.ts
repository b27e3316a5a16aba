// Printable certificate (A4 landscape) for an issued credential. The PDF is a convenience copy;
// the verification URL and credential id printed on it lead back to the verifiable credential.
import {
  PDFDocument,
  PDFName,
  PDFString,
  StandardFonts,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';

export interface CertificateInput {
  recipientName: string;
  credentialName: string;
  issuerName: string;
  issuedAt: Date;
  expiresAt?: Date;
  /** Professional-development hours; omitted from the certificate when undefined. */
  pdHours?: number;
  verificationUrl: string;
  credentialId: string;
  /** Optional badge artwork (PNG) shown above the title. */
  badgePng?: Uint8Array;
  /** Accent colour as #rrggbb. */
  accentColor?: string;
  /** Locale for dates, e.g. "en-US" (default). */
  locale?: string;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

function parseAccent(color: string | undefined) {
  const match = /^#([0-9a-f]{6})$/i.exec(color ?? '');
  const hex = match ? match[1]! : '1d4ed8';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return rgb(r, g, b);
}

/**
 * The standard PDF fonts only cover WinAnsi (Western European). Embedding a Unicode TTF would
 * need @pdf-lib/fontkit, which is not installed; until then, fall back to the unaccented letter
 * (e.g. "Ł" -> "L") or "?" so that a name outside WinAnsi never makes PDF generation throw.
 */
function toEncodable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    try {
      font.encodeText(ch);
      out += ch;
      continue;
    } catch {
      /* not encodable */
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    try {
      if (base && base !== ch) {
        font.encodeText(base);
        out += base;
        continue;
      }
    } catch {
      /* still not encodable */
    }
    out += '?';
  }
  return out;
}

/** Largest size <= `size` at which `text` fits `maxWidth`. */
function fitSize(font: PDFFont, text: string, size: number, maxWidth: number, minSize = 10): number {
  let s = size;
  while (s > minSize && font.widthOfTextAtSize(text, s) > maxWidth) s -= 1;
  return s;
}

function wrap(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function drawCentered(
  page: PDFPage,
  text: string,
  y: number,
  font: PDFFont,
  size: number,
  color = rgb(0.12, 0.14, 0.18),
): number {
  const width = font.widthOfTextAtSize(text, size);
  const x = (page.getWidth() - width) / 2;
  page.drawText(text, { x, y, size, font, color });
  return width;
}

function addLink(doc: PDFDocument, page: PDFPage, url: string, rect: [number, number, number, number]): void {
  const annotation = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([annotation]));
}

function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}

export async function generateCertificatePdf(input: CertificateInput): Promise<Uint8Array> {
  if (Number.isNaN(input.issuedAt.getTime())) throw new Error('issuedAt is not a valid date.');
  const locale = input.locale ?? 'en-US';
  const formatDate = (date: Date) =>
    new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);

  const doc = await PDFDocument.create();
  // Fixed metadata (dates from the credential, not "now") keeps the output reproducible.
  doc.setTitle(`${input.credentialName} - ${input.recipientName}`);
  doc.setAuthor(input.issuerName);
  doc.setSubject(`Certificate for credential ${input.credentialId}`);
  doc.setCreator('microcred');
  doc.setProducer('microcred');
  doc.setLanguage(locale);
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);

  const page = doc.addPage(A4_LANDSCAPE);
  const { width, height } = page.getSize();
  const accent = parseAccent(input.accentColor);
  const muted = rgb(0.35, 0.38, 0.43);

  const serifBold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const sans = await doc.embedFont(StandardFonts.Helvetica);
  const sansBold = await doc.embedFont(StandardFonts.HelveticaBold);

  // Frame.
  page.drawRectangle({ x: 20, y: 20, width: width - 40, height: height - 40, borderColor: accent, borderWidth: 4 });
  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: height - 60, borderColor: accent, borderWidth: 1 });

  let y = height - 80;
  if (input.badgePng) {
    const image = await doc.embedPng(input.badgePng);
    const side = 84;
    page.drawImage(image, { x: (width - side) / 2, y: y - side + 20, width: side, height: side });
    y -= side + 6;
  }

  const heading = 'CERTIFICATE OF ACHIEVEMENT';
  drawCentered(page, heading, y, sansBold, 16, accent);
  y -= 44;

  drawCentered(page, 'This certifies that', y, sans, 14, muted);
  y -= 46;

  const recipient = toEncodable(serifBold, input.recipientName.trim());
  drawCentered(page, recipient, y, serifBold, fitSize(serifBold, recipient, 40, width - 160, 18));
  page.drawLine({ start: { x: width / 2 - 200, y: y - 12 }, end: { x: width / 2 + 200, y: y - 12 }, thickness: 0.75, color: muted });
  y -= 44;

  drawCentered(page, 'has earned the credential', y, sans, 14, muted);
  y -= 34;

  const credentialName = toEncodable(sansBold, input.credentialName.trim());
  const nameSize = 24;
  const nameLines = wrap(sansBold, credentialName, nameSize, width - 200).slice(0, 2);
  for (const line of nameLines) {
    drawCentered(page, line, y, sansBold, fitSize(sansBold, line, nameSize, width - 200), accent);
    y -= 30;
  }
  y -= 4;

  const issuer = toEncodable(sans, `Issued by ${input.issuerName.trim()}`);
  drawCentered(page, issuer, y, sans, fitSize(sans, issuer, 14, width - 160));
  y -= 40;

  // Details row: label above value, evenly spaced.
  const details: Array<[string, string]> = [['Date issued', formatDate(input.issuedAt)]];
  if (input.pdHours !== undefined && Number.isFinite(input.pdHours)) {
    details.push(['Professional development', formatHours(input.pdHours)]);
  }
  if (input.expiresAt && !Number.isNaN(input.expiresAt.getTime())) {
    details.push(['Valid until', formatDate(input.expiresAt)]);
  }
  const columnWidth = (width - 160) / details.length;
  details.forEach(([label, value], i) => {
    const cx = 80 + columnWidth * (i + 0.5);
    const labelText = label.toUpperCase();
    page.drawText(labelText, { x: cx - sans.widthOfTextAtSize(labelText, 9) / 2, y, size: 9, font: sans, color: muted });
    const valueText = toEncodable(sansBold, value);
    page.drawText(valueText, { x: cx - sansBold.widthOfTextAtSize(valueText, 13) / 2, y: y - 18, size: 13, font: sansBold });
  });

  // Verification footer.
  const verifyLabel = 'Verify this credential at ';
  const url = toEncodable(sans, input.verificationUrl);
  const labelWidth = sans.widthOfTextAtSize(verifyLabel, 10);
  const urlWidth = sans.widthOfTextAtSize(url, 10);
  const startX = (width - labelWidth - urlWidth) / 2;
  page.drawText(verifyLabel, { x: startX, y: 70, size: 10, font: sans, color: muted });
  page.drawText(url, { x: startX + labelWidth, y: 70, size: 10, font: sans, color: accent });
  addLink(doc, page, input.verificationUrl, [startX + labelWidth, 66, startX + labelWidth + urlWidth, 82]);
  drawCentered(page, toEncodable(sans, `Credential ID: ${input.credentialId}`), 52, sans, 9, muted);

  return doc.save();
}
