import 'server-only';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';
import { bakePng, bakeSvg } from '@/lib/credentials/bake';
import { getAwardArtwork } from '@/lib/awards/queries';
import { getObjectBytes } from '@/lib/storage/s3';
import { acceptsHtml, htmlPageResponse } from '@/lib/http/html-page';
// The words the badge's holder is given for a withdrawn badge (its date and the issuer's reason,
// which its public page shows too), so the page a person opening a revoked badge's file sees says
// the same. Pure words, safe anywhere.
import { withdrawnBadgeWords, type WithdrawnBadge } from '@/lib/awards/withdrawn-words';

type AwardImageInput = {
  id: string;
  title: string;
  issuerName: string;
  level: number | null;
  color: string;
  credential: unknown;
  /**
   * The picture the issuer uploaded for the version the badge was earned on (a PNG, checked by
   * loadBadgePicture). Without one, the badge is the generated artwork in `color`.
   */
  picture?: Uint8Array | null;
};

const DEFAULT_COLOR = '#1d4ed8';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// Rendering a PNG takes tens of milliseconds; baked images never change for an award, so keep a few.
const pngCache = new Map<string, Uint8Array>();

function remember(key: string, png: Uint8Array): Uint8Array {
  if (pngCache.size > 200) pngCache.delete(pngCache.keys().next().value!);
  pngCache.set(key, png);
  return png;
}

function generatedSvg(a: AwardImageInput): string {
  return generateBadgeSvg({ title: a.title, issuerName: a.issuerName, level: a.level ?? undefined, color: a.color });
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** Width and height from the IHDR chunk, which a PNG always starts with. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Whether the bytes are a PNG the baker can work with (signature, IHDR first, every chunk's CRC).
 * Also what an issuer's upload must pass before it is kept (lib/authoring/badge-image.ts), so a
 * saved picture is one a badge can be drawn from.
 */
export function isUsablePng(bytes: Uint8Array): boolean {
  if (bytes.length < 33 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return false;
  if (new TextDecoder('latin1').decode(bytes.subarray(12, 16)) !== 'IHDR') return false;
  const { width, height } = pngSize(bytes);
  if (!width || !height) return false;
  try {
    bakePng(bytes, '');
    return true;
  } catch {
    return false;
  }
}

// Greys a revoked badge's picture (see revokedSvg).
const revokedDefs = '  <defs><filter id="revoked-grey"><feColorMatrix type="saturate" values="0"/></filter></defs>\n';

/** The picture as an SVG of its own size, for the SVG download and for marking a revoked badge. */
function pictureSvg(png: Uint8Array, title: string, revoked = false): string {
  const { width, height } = pngSize(png);
  // xlink:href, not href: older SVG tools only read the former, and every browser reads both.
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  // Shown at 512 wide like the generated artwork, whatever the upload's pixel size.
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="512" height="${Math.round((512 * height) / width)}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">
  <title>${escapeXml(title)}</title>
${revoked ? revokedDefs : ''}  <image width="${width}" height="${height}" xlink:href="${href}"${revoked ? ' filter="url(#revoked-grey)" opacity="0.45"' : ''}/>
${revoked ? revokedBand(width, height) : ''}</svg>
`;
}

// ── Uploaded pictures ─────────────────────────────────────────────────────────────────────────
// A picture read once can be kept: the bytes under a key never change. The browser uploads to a key
// under uploads/; the server copies the checked upload to a fresh random key under badges/ that no
// upload URL was ever signed for (lib/authoring/badge-image.ts), so nothing but that one copy ever
// writes there, and a changed picture is a new key. Only a usable picture is kept: "no picture"
// answers are read again (an object restored or repaired in storage shows without a restart).
// Uploads are up to 2 MB: the cache is bounded in bytes, not entries.
const PICTURE_CACHE_BYTES = 32 * 1024 * 1024;
const pictureCache = new Map<string, Uint8Array>();
let pictureCacheBytes = 0;

function rememberPicture(key: string, bytes: Uint8Array) {
  const size = bytes.length;
  if (size > PICTURE_CACHE_BYTES / 4) return;
  while (pictureCacheBytes + size > PICTURE_CACHE_BYTES && pictureCache.size) {
    const oldest = pictureCache.keys().next().value!;
    pictureCacheBytes -= pictureCache.get(oldest)!.length;
    pictureCache.delete(oldest);
  }
  pictureCache.set(key, bytes);
  pictureCacheBytes += size;
}

/**
 * The issuer's uploaded badge picture, or null when there is none, it is gone from storage, or it
 * is not a usable PNG (the upload only accepts PNG; anything else falls back to the generated
 * artwork rather than failing the badge). A storage outage throws, so nobody caches a wrong image.
 */
export async function loadBadgePicture(key: string | null | undefined): Promise<Uint8Array | null> {
  if (!key) return null;
  const cached = pictureCache.get(key);
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = await getObjectBytes(key);
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404 && (e as Error).name !== 'NoSuchKey' && (e as Error).name !== 'NotFound') throw e;
    // Not remembered: an object restored to storage shows again without a restart.
    console.warn(`[awards] badge image ${key} is missing from storage; using the generated artwork`);
    return null;
  }
  if (!isUsablePng(bytes)) {
    // Not remembered either: only a picture from before uploads were checked whole can be here.
    console.warn(`[awards] badge image ${key} is not a usable PNG; using the generated artwork`);
    return null;
  }
  rememberPicture(key, bytes);
  return bytes;
}

/** Everything the image routes and the certificate draw an award's badge from. */
export async function loadAwardImageInput(award: { id: string; title: string; signedIssuerName: string; level: number | null; credential: unknown }): Promise<AwardImageInput> {
  const artwork = await getAwardArtwork(award.id);
  return {
    id: award.id,
    title: award.title,
    issuerName: award.signedIssuerName,
    level: award.level,
    color: artwork?.color ?? DEFAULT_COLOR,
    credential: award.credential,
    picture: await loadBadgePicture(artwork?.imageKey),
  };
}

// ── Baked images ──────────────────────────────────────────────────────────────────────────────

export function bakedSvg(a: AwardImageInput): string {
  // The uploaded PNG goes inside an SVG as a data: URI, so the SVG stays one self-contained file
  // that carries the credential.
  const svg = a.picture ? pictureSvg(a.picture, `${a.title} badge`) : generatedSvg(a);
  return bakeSvg(svg, a.credential as object);
}

export function bakedPng(a: AwardImageInput): Uint8Array {
  // Baking an upload only inserts a chunk; caching it would hold megabytes per award.
  if (a.picture) return bakePng(a.picture, a.credential as object);
  return pngCache.get(a.id) ?? remember(a.id, bakePng(renderPng(generatedSvg(a), 512), a.credential as object));
}

// ── Revoked badges ────────────────────────────────────────────────────────────────────────────
// A revoked badge still shows its picture where it is embedded (its own page, link previews), but
// greyed, marked REVOKED and without the credential baked in: nothing to present as a badge.

function revokedBand(width: number, height: number): string {
  const band = Math.round(height * 0.16);
  const fontSize = Math.round(band * 0.6);
  return `  <rect x="0" y="${Math.round((height - band) / 2)}" width="${width}" height="${band}" fill="#b91c1c"/>
  <text x="${width / 2}" y="${Math.round(height / 2 + fontSize * 0.36)}" text-anchor="middle" font-family="'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif" font-size="${fontSize}" font-weight="700" letter-spacing="4" fill="#ffffff">REVOKED</text>
`;
}

function revokedBase(a: AwardImageInput): Uint8Array {
  return a.picture ?? renderPng(generatedSvg(a), 512);
}

/** The revoked badge as SVG: marked, and with no credential in it. */
export function revokedSvg(a: AwardImageInput): string {
  return pictureSvg(revokedBase(a), `${a.title} badge (revoked)`, true);
}

/** The revoked badge as PNG: marked, and with no credential in it. */
export function revokedPng(a: AwardImageInput): Uint8Array {
  const key = `${a.id}:revoked`;
  return pngCache.get(key) ?? remember(key, renderPng(revokedSvg(a), 512));
}

// ── For the routes ────────────────────────────────────────────────────────────────────────────

/** A download's file name: the badge title without characters a file system or header may choke on. */
export function badgeFileName(title: string): string {
  return title.replace(/[^\w -]+/g, '').trim() || 'badge';
}

/** What a revoked badge's image downloads and certificate answer (410 Gone), in plain words. */
export function revokedNotice(award: { revokedAt: Date }, what: 'image' | 'certificate', verificationUrl: string): string {
  const on = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(award.revokedAt);
  const gone = what === 'image' ? 'its badge image can no longer be downloaded' : 'it no longer has a certificate';
  return `This badge was revoked by its issuer on ${on}, so ${gone}.\nIts status: ${verificationUrl}\n`;
}

type RevokedAward = WithdrawnBadge & { id: string; revokedAt: Date; issuer: { name: string } };

/**
 * The 410 a revoked badge's image download or certificate answers. Opened in a browser tab (a
 * person following an old link), a page that says so, with the issuer's reason as the badge's page
 * gives it and the way to its status; never cached, as it depends on the Accept header. Anything
 * else (a download tool, a fetch) gets the plain notice, cacheable (revocation is permanent), and
 * kept apart from the page in caches by its Vary.
 */
export function revokedResponse(req: Request, award: RevokedAward, what: 'image' | 'certificate', verificationUrl: string): Response {
  if (acceptsHtml(req)) {
    const words = withdrawnBadgeWords(award, award.issuer.name);
    return htmlPageResponse({
      status: 410,
      title: 'Badge withdrawn',
      code: '410',
      heading: 'This badge was withdrawn',
      paragraphs: [
        ...(words ? [words.text] : []),
        what === 'certificate'
          ? 'A revoked badge has no certificate, so there is none to open or print. The badge’s page shows its status to anyone who checks it.'
          : 'A revoked badge can no longer be downloaded as a badge image. The badge’s page shows its status to anyone who checks it.',
      ],
      links: [
        { href: `/credentials/${award.id}`, text: 'See the badge’s page' },
        { href: '/verify', text: 'Verify a badge' },
      ],
    });
  }
  return new Response(revokedNotice(award, what, verificationUrl), {
    status: 410,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=300', vary: 'Accept' },
  });
}

/**
 * What an award's picture routes draw from, or, when storage cannot give the uploaded picture, a
 * 503 that is not cached, rather than serving (and caching) the wrong picture: a page saying so for
 * a person in a browser tab, one plain sentence for an <img> or a download.
 */
export async function loadAwardImageOr503(
  req: Request,
  award: Parameters<typeof loadAwardImageInput>[0],
  what: 'badge image' | 'certificate',
): Promise<{ input: AwardImageInput; unavailable?: undefined } | { input?: undefined; unavailable: Response }> {
  try {
    return { input: await loadAwardImageInput(award) };
  } catch (e) {
    console.error(`[awards] ${what === 'certificate' ? 'certificate badge image' : 'badge image'} unavailable:`, e instanceof Error ? e.message : e);
    if (acceptsHtml(req)) {
      const page = htmlPageResponse({
        status: 503,
        title: what === 'certificate' ? 'Certificate unavailable' : 'Badge image unavailable',
        code: '503',
        heading: `The ${what} could not be made just now`,
        paragraphs: ['Try again in a minute.'],
        links: [{ href: `/credentials/${award.id}`, text: 'Back to the badge’s page' }],
      });
      page.headers.set('retry-after', '30');
      return { unavailable: page };
    }
    const body = `The ${what} is unavailable right now. Try again shortly.`;
    return { unavailable: new Response(body, { status: 503, headers: { 'retry-after': '30', 'cache-control': 'no-store' } }) };
  }
}
