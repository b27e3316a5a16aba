// Printable certificate (A4 landscape) for an issued credential. The PDF is a convenience copy;
// the verification URL and credential id printed on it lead back to the verifiable credential.
import fs from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  PDFArray,
  PDFName,
  PDFString,
  StandardFonts,
  degrees,
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
  /**
   * The badge is on hold (suspended): a banner across the top reads "<label> — <message>" with the
   * verification link, and the label is printed faintly across the page so it cannot be cropped off.
   */
  hold?: { label: string; message: string };
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

function parseAccent(color: string | undefined) {
  const match = /^#([0-9a-f]{6})$/i.exec(color ?? '');
  const hex = match ? match[1]! : '1d4ed8';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return rgb(r, g, b);
}

// ── Fonts ─────────────────────────────────────────────────────────────────────────────────────
// The standard PDF fonts only cover WinAnsi (Western European). Names and titles in other scripts
// (Polish, Czech, Turkish, Vietnamese, Greek, Cyrillic, Armenian, Georgian...) are set in DejaVu,
// embedded as a subset only when a text needs it (the npm package dejavu-fonts-ttf; Bitstream Vera
// licence). Right-to-left scripts are not set: pdf-lib has no bidi or shaping, so Hebrew and Arabic
// would come out reversed or unjoined. They, and scripts DejaVu lacks (Chinese, Japanese, Korean,
// Indic), fall back to the unaccented letter or "?", so a name never makes generation fail.

type Role = 'serifBold' | 'sans' | 'sansBold';
const STANDARD: Record<Role, StandardFonts> = { serifBold: StandardFonts.TimesRomanBold, sans: StandardFonts.Helvetica, sansBold: StandardFonts.HelveticaBold };
const UNICODE_FILE: Record<Role, string> = { serifBold: 'DejaVuSerif-Bold.ttf', sans: 'DejaVuSans.ttf', sansBold: 'DejaVuSans-Bold.ttf' };
const FONT_DIR = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

type UnicodeFace = { bytes: Uint8Array; has: (codePoint: number) => boolean };
const unicodeFaces = new Map<Role, Promise<UnicodeFace | null>>();

/** The DejaVu face for a role, read once per process; null when the font files are missing. */
function loadUnicodeFace(role: Role): Promise<UnicodeFace | null> {
  let face = unicodeFaces.get(role);
  if (!face) {
    face = fs.readFile(path.join(FONT_DIR, UNICODE_FILE[role])).then(
      (buf) => {
        const bytes = new Uint8Array(buf);
        const font = fontkit.create(bytes);
        return { bytes, has: (cp: number) => font.hasGlyphForCodePoint(cp) };
      },
      () => null,
    );
    unicodeFaces.set(role, face);
  }
  return face;
}

function encodes(font: PDFFont, text: string): boolean {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The fonts of one document: the standard font of each role, and DejaVu when a text needs it (exported for tests). */
export class CertificateFonts {
  private standard = new Map<Role, PDFFont>();
  private unicode = new Map<Role, PDFFont>();
  constructor(private doc: PDFDocument) {}

  async std(role: Role): Promise<PDFFont> {
    let font = this.standard.get(role);
    if (!font) {
      font = await this.doc.embedFont(STANDARD[role]);
      this.standard.set(role, font);
    }
    return font;
  }

  /** The font to set `text` in, and the text as it can be set (with fallbacks for what no font has). */
  async forText(role: Role, raw: string): Promise<{ font: PDFFont; text: string }> {
    // NFC first: "é" typed as e + combining accent is one WinAnsi letter, not a reason to switch font.
    const text = raw.normalize('NFC').replace(/\s+/g, ' ');
    const standard = await this.std(role);
    if (encodes(standard, text)) return { font: standard, text };
    const face = await loadUnicodeFace(role);
    if (!face) return { font: standard, text: fallback(text, (ch) => encodes(standard, ch)) };
    const settable = (ch: string) => !RTL.test(ch) && face.has(ch.codePointAt(0)!);
    let font = this.unicode.get(role);
    if (!font) {
      this.doc.registerFontkit(fontkit);
      font = await this.doc.embedFont(face.bytes, { subset: true });
      this.unicode.set(role, font);
    }
    return { font, text: fallback(text, settable) };
  }
}

/** Each character the font cannot set becomes its unaccented letter if that can be set, else "?". */
function fallback(text: string, settable: (ch: string) => boolean): string {
  let out = '';
  for (const ch of text) {
    if (ch === ' ' || settable(ch)) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += base && base !== ch && [...base].every(settable) ? base : '?';
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
  const existing = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (existing) existing.push(annotation);
  else page.node.set(PDFName.of('Annots'), doc.context.obj([annotation]));
}

function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}

const HOLD_BANNER_HEIGHT = 44;

/** The on-hold marking: a faint label across the page and a banner inside the top of the frame. Returns the height taken. */
function drawHold(doc: PDFDocument, page: PDFPage, hold: { label: string; message: string }, verificationUrl: string, sans: PDFFont, sansBold: PDFFont): number {
  const { width, height } = page.getSize();
  const banner = rgb(0.6, 0.11, 0.11);
  const settable = (font: PDFFont) => (ch: string) => encodes(font, ch);

  // Behind everything drawn after it, across the middle of the page.
  const mark = fallback(hold.label, settable(sansBold));
  const markSize = 110;
  const angle = 24;
  const markWidth = sansBold.widthOfTextAtSize(mark, markSize);
  const rad = (angle * Math.PI) / 180;
  page.drawText(mark, {
    x: width / 2 - (markWidth / 2) * Math.cos(rad) + (markSize * 0.35) * Math.sin(rad),
    y: height / 2 - (markWidth / 2) * Math.sin(rad) - (markSize * 0.35) * Math.cos(rad),
    size: markSize, font: sansBold, color: banner, opacity: 0.1, rotate: degrees(angle),
  });

  const top = height - 30;
  page.drawRectangle({ x: 30, y: top - HOLD_BANNER_HEIGHT, width: width - 60, height: HOLD_BANNER_HEIGHT, color: banner });
  const white = rgb(1, 1, 1);
  const headline = fallback(`${hold.label} \u2014 ${hold.message}`, settable(sansBold));
  drawCentered(page, headline, top - 19, sansBold, fitSize(sansBold, headline, 14, width - 100), white);
  const label = 'Check its current status at ';
  const url = fallback(verificationUrl, settable(sans));
  const size = fitSize(sans, label + url, 10, width - 100, 6);
  const labelWidth = sans.widthOfTextAtSize(label, size);
  const urlWidth = sans.widthOfTextAtSize(url, size);
  const x = (width - labelWidth - urlWidth) / 2;
  page.drawText(label, { x, y: top - 35, size, font: sans, color: white });
  page.drawText(url, { x: x + labelWidth, y: top - 35, size, font: sans, color: white });
  page.drawLine({ start: { x: x + labelWidth, y: top - 37 }, end: { x: x + labelWidth + urlWidth, y: top - 37 }, thickness: 0.5, color: white });
  addLink(doc, page, verificationUrl, [x + labelWidth, top - 39, x + labelWidth + urlWidth, top - 25]);
  return HOLD_BANNER_HEIGHT;
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

  const fonts = new CertificateFonts(doc);
  const sans = await fonts.std('sans');
  const sansBold = await fonts.std('sansBold');

  // Frame.
  page.drawRectangle({ x: 20, y: 20, width: width - 40, height: height - 40, borderColor: accent, borderWidth: 4 });
  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: height - 60, borderColor: accent, borderWidth: 1 });

  let y = height - 80;
  if (input.hold) y -= drawHold(doc, page, input.hold, input.verificationUrl, sans, sansBold);
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

  const recipient = await fonts.forText('serifBold', input.recipientName.trim());
  drawCentered(page, recipient.text, y, recipient.font, fitSize(recipient.font, recipient.text, 40, width - 160, 18));
  page.drawLine({ start: { x: width / 2 - 200, y: y - 12 }, end: { x: width / 2 + 200, y: y - 12 }, thickness: 0.75, color: muted });
  y -= 44;

  drawCentered(page, 'has earned the credential', y, sans, 14, muted);
  y -= 34;

  const credentialName = await fonts.forText('sansBold', input.credentialName.trim());
  const nameSize = 24;
  const nameLines = wrap(credentialName.font, credentialName.text, nameSize, width - 200).slice(0, 2);
  for (const line of nameLines) {
    drawCentered(page, line, y, credentialName.font, fitSize(credentialName.font, line, nameSize, width - 200), accent);
    y -= 30;
  }
  y -= 4;

  const issuer = await fonts.forText('sans', `Issued by ${input.issuerName.trim()}`);
  drawCentered(page, issuer.text, y, issuer.font, fitSize(issuer.font, issuer.text, 14, width - 160));
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
  for (const [i, [label, value]] of details.entries()) {
    const cx = 80 + columnWidth * (i + 0.5);
    const labelText = label.toUpperCase();
    page.drawText(labelText, { x: cx - sans.widthOfTextAtSize(labelText, 9) / 2, y, size: 9, font: sans, color: muted });
    const v = await fonts.forText('sansBold', value);
    page.drawText(v.text, { x: cx - v.font.widthOfTextAtSize(v.text, 13) / 2, y: y - 18, size: 13, font: v.font });
  }

  // Verification footer.
  const verifyLabel = 'Verify this credential at ';
  const url = fallback(input.verificationUrl, (ch) => encodes(sans, ch));
  const labelWidth = sans.widthOfTextAtSize(verifyLabel, 10);
  const urlWidth = sans.widthOfTextAtSize(url, 10);
  const startX = (width - labelWidth - urlWidth) / 2;
  page.drawText(verifyLabel, { x: startX, y: 70, size: 10, font: sans, color: muted });
  page.drawText(url, { x: startX + labelWidth, y: 70, size: 10, font: sans, color: accent });
  addLink(doc, page, input.verificationUrl, [startX + labelWidth, 66, startX + labelWidth + urlWidth, 82]);
  drawCentered(page, fallback(`Credential ID: ${input.credentialId}`, (ch) => encodes(sans, ch)), 52, sans, 9, muted);

  return doc.save();
}
