// Deterministic badge artwork: a hexagon badge with the credential title, issuer name and an
// optional level ribbon, as SVG (for the web and SVG baking) and PNG (for PNG baking and
// platforms that do not accept SVG).
import { createHash } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';

export interface BadgeImageInput {
  title: string;
  issuerName: string;
  /** Shown on a ribbon as "LEVEL n" when given (positive integer). */
  level?: number;
  /** Base colour as #rgb or #rrggbb; darkened if needed so white text stays readable. */
  color?: string;
}

const DEFAULT_COLOR = '#1d4ed8';
const SIZE = 512;
const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
// Title area is narrower than the hexagon so wrapped lines stay inside the inner border.
const TITLE_WIDTH = 320;
// Average advance width of bold sans glyphs relative to font size (DejaVu Sans Bold ~0.63).
const CHAR_WIDTH_EM = 0.63;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Control characters are not allowed in XML 1.0 at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

// --- colour ------------------------------------------------------------------------------------

type Rgb = [number, number, number];

function parseColor(color: string | undefined): Rgb {
  const hex = (color ?? DEFAULT_COLOR).trim();
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex) ?? /^#([0-9a-f]{6})$/i.exec(DEFAULT_COLOR)!;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join('') : match[1]!;
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

function mix(color: Rgb, target: Rgb, amount: number): Rgb {
  return color.map((v, i) => v + (target[i]! - v) * amount) as Rgb;
}

function relativeLuminance(color: Rgb): number {
  const [r, g, b] = color.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastWithWhite(color: Rgb): number {
  return 1.05 / (relativeLuminance(color) + 0.05);
}

/** Darken until white text reaches WCAG AA contrast (4.5:1) against the colour. */
function accessibleBase(color: Rgb): Rgb {
  let result = color;
  for (let i = 0; i < 20 && contrastWithWhite(result) < 4.5; i++) {
    result = mix(result, [0, 0, 0], 0.1);
  }
  return result;
}

// --- text layout -------------------------------------------------------------------------------

function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    // Hard-break words longer than a line (URLs, long compound words).
    while (word.length > maxChars) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(`${word.slice(0, maxChars - 1)}-`);
      word = word.slice(maxChars - 1);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1).trimEnd()}…`;
}

/** Largest font size (from a fixed ladder) at which the title fits in three lines. */
export function layoutTitle(title: string): { fontSize: number; lines: string[] } {
  const clean = title.trim().replace(/\s+/g, ' ') || 'Badge';
  for (const fontSize of [44, 40, 36, 32, 28, 25, 22]) {
    const maxChars = Math.floor(TITLE_WIDTH / (fontSize * CHAR_WIDTH_EM));
    const lines = wrapWords(clean, maxChars);
    if (lines.length <= 3) return { fontSize, lines };
  }
  const fontSize = 22;
  const maxChars = Math.floor(TITLE_WIDTH / (fontSize * CHAR_WIDTH_EM));
  const lines = wrapWords(clean, maxChars).slice(0, 3);
  lines[2] = truncate(`${lines[2]} …`, maxChars);
  return { fontSize, lines };
}

/**
 * The issuer name sits where the hexagon narrows (about 330px wide at its baseline), in spaced capitals:
 * step the size down for longer names, then truncate.
 */
export function layoutIssuer(issuerName: string): { text: string; fontSize: number; letterSpacing: number } {
  const text = (issuerName.trim().replace(/\s+/g, ' ') || 'Issuer').toUpperCase();
  const ladder = [
    { fontSize: 19, letterSpacing: 1.5 },
    { fontSize: 16, letterSpacing: 1 },
    { fontSize: 13, letterSpacing: 0.5 },
  ];
  // Bold capitals average ~0.7em plus the letter spacing.
  const capacity = (step: { fontSize: number; letterSpacing: number }) =>
    Math.floor(330 / (step.fontSize * 0.7 + step.letterSpacing));
  const fitting = ladder.find((step) => text.length <= capacity(step));
  if (fitting) return { text, ...fitting };
  const smallest = ladder[ladder.length - 1]!;
  return { text: truncate(text, capacity(smallest)), ...smallest };
}

function hexagonPoints(cx: number, cy: number, r: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const angle = (Math.PI / 3) * i - Math.PI / 2;
    return `${(cx + r * Math.cos(angle)).toFixed(2)},${(cy + r * Math.sin(angle)).toFixed(2)}`;
  }).join(' ');
}

// --- SVG ---------------------------------------------------------------------------------------

export function generateBadgeSvg(input: BadgeImageInput): string {
  const base = accessibleBase(parseColor(input.color));
  const light = toHex(mix(base, [255, 255, 255], 0.25));
  const dark = toHex(mix(base, [0, 0, 0], 0.35));
  const baseHex = toHex(base);
  const level =
    input.level !== undefined && Number.isInteger(input.level) && input.level > 0 ? input.level : undefined;

  // Ids must be unique when several badges are inlined in one HTML page, yet stable for the
  // same input so the output is deterministic.
  const uid = `b${createHash('sha256').update(JSON.stringify([input.title, input.issuerName, level, baseHex])).digest('hex').slice(0, 10)}`;

  const { fontSize, lines } = layoutTitle(input.title);
  const issuerLine = layoutIssuer(input.issuerName);
  const lineHeight = Math.round(fontSize * 1.15);
  const centerY = level ? 262 : 272;
  const firstBaseline = centerY - ((lines.length - 1) * lineHeight) / 2 + fontSize * 0.35;

  const titleText = lines
    .map(
      (line, i) =>
        `<tspan x="256" y="${(firstBaseline + i * lineHeight).toFixed(1)}">${escapeXml(line)}</tspan>`,
    )
    .join('');

  const accessibleName = `${input.title.trim()}${level ? `, level ${level}` : ''}`;
  const description = `Badge issued by ${input.issuerName.trim()}`;

  const ribbon = level
    ? `<g>
    <polygon points="58,372 110,372 110,424 58,424 76,398" fill="${dark}"/>
    <polygon points="454,372 402,372 402,424 454,424 436,398" fill="${dark}"/>
    <rect x="92" y="360" width="328" height="54" rx="6" fill="#ffffff"/>
    <text x="256" y="396" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="26" font-weight="700" letter-spacing="4" fill="${dark}">LEVEL ${level}</text>
  </g>`
    : '';

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="${uid}-title ${uid}-desc">
  <title id="${uid}-title">${escapeXml(accessibleName)}</title>
  <desc id="${uid}-desc">${escapeXml(description)}</desc>
  <defs>
    <linearGradient id="${uid}-fill" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${light}"/>
      <stop offset="1" stop-color="${baseHex}"/>
    </linearGradient>
  </defs>
  <polygon points="${hexagonPoints(256, 256, 248)}" fill="${dark}"/>
  <polygon points="${hexagonPoints(256, 256, 232)}" fill="url(#${uid}-fill)"/>
  <polygon points="${hexagonPoints(256, 256, 206)}" fill="none" stroke="#ffffff" stroke-opacity="0.85" stroke-width="4"/>
  <text x="256" y="${level ? 158 : 166}" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="${issuerLine.fontSize}" font-weight="700" letter-spacing="${issuerLine.letterSpacing}" fill="#ffffff">${escapeXml(issuerLine.text)}</text>
  <line x1="196" y1="${level ? 174 : 182}" x2="316" y2="${level ? 174 : 182}" stroke="#ffffff" stroke-opacity="0.7" stroke-width="2"/>
  <text text-anchor="middle" font-family="${FONT_FAMILY}" font-size="${fontSize}" font-weight="700" fill="#ffffff">${titleText}</text>
  ${ribbon}
</svg>
`;
}

// --- PNG ---------------------------------------------------------------------------------------

export interface RenderPngOptions {
  /**
   * Use installed fonts (Debian: fonts-dejavu, fonts-liberation). Without any font resvg still
   * renders the shapes and silently skips text, so a missing font never breaks issuance.
   */
  loadSystemFonts?: boolean;
  /** Extra font files to load, e.g. a brand font shipped with the app. */
  fontFiles?: string[];
}

export function renderPng(svg: string, size = SIZE, options: RenderPngOptions = {}): Uint8Array {
  if (!Number.isInteger(size) || size < 16 || size > 4096) {
    throw new RangeError('PNG size must be an integer between 16 and 4096 pixels.');
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: {
      loadSystemFonts: options.loadSystemFonts ?? true,
      fontFiles: options.fontFiles ?? [],
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
