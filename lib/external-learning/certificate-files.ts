// What a certificate of completion may be (a PDF or an image, up to 10 MB), said once for the
// browser, which refuses a file before any request, and for the server, which refuses the same
// files with the same words (requestCertificateUpload) and checks the bytes once they are stored.
// Safe on the client.
import { extensionOf, formatBytes, MIME_FOR_EXTENSION, servedFileName } from '@/lib/evidence/file-types';

/** The largest certificate: a scanned page or a provider's PDF is well under it. The CHECK in the migration says the same. */
export const CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024;

/** The types a certificate is kept as, each with its name in words and the extensions it comes with. */
export const CERTIFICATE_TYPES: Record<string, { label: string; extensions: string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/png': { label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/webp': { label: 'WebP image', extensions: ['webp'] },
};

/** What is accepted, in words, for every refusal and hint. */
export const CERTIFICATE_ACCEPTED_IN_WORDS = 'a PDF, or a PNG, JPEG or WebP image';

/** The file input's accept attribute: the types and their extensions (a browser that knows no type for a file goes by its name). */
export const CERTIFICATE_ACCEPT = Object.entries(CERTIFICATE_TYPES).flatMap(([mime, t]) => [mime, ...t.extensions.map((e) => `.${e}`)]).join(',');

export const isCertificateType = (mime: string | null | undefined): mime is string => Boolean(mime && Object.hasOwn(CERTIFICATE_TYPES, mime));

/**
 * The type a file is taken for before its bytes are read: the type the browser gives when it is one
 * of ours, else the one its name's extension stands for; null when neither is. (Its bytes are
 * checked once it is stored: a renamed file is refused then.)
 */
export function declaredCertificateType(fileName: string, contentType: string): string | null {
  const mime = contentType.toLowerCase().split(';')[0].trim();
  if (isCertificateType(mime)) return mime;
  const byName = MIME_FOR_EXTENSION[extensionOf(fileName)];
  return isCertificateType(byName) ? byName : null;
}

/**
 * The name a certificate is served under: the teacher's own, with an extension of the type its bytes
 * showed (`mime`), as evidence files are (servedFileName). A PNG named "x.html" is saved as
 * "x.html.png", so a copy saved from the browser never opens as a web page.
 */
export const servedCertificateName = (fileName: string, mime: string): string => servedFileName(fileName, mime);

/** Why this file cannot be a certificate (its type or its size), in words, or null when it may be. */
export function certificateFileProblem(file: { name: string; type: string; size: number }): string | null {
  if (!declaredCertificateType(file.name, file.type)) return `“${file.name}” is not a PDF or an image this site keeps. Attach ${CERTIFICATE_ACCEPTED_IN_WORDS}.`;
  if (!Number.isInteger(file.size) || file.size < 1) return `“${file.name}” is empty. Choose the certificate file itself.`;
  if (file.size > CERTIFICATE_MAX_BYTES) {
    // Rounded, a file a few bytes over reads as the limit itself ("10 MB; up to 10 MB").
    const size = formatBytes(file.size) === formatBytes(CERTIFICATE_MAX_BYTES) ? `just over ${formatBytes(CERTIFICATE_MAX_BYTES)}` : formatBytes(file.size);
    return `“${file.name}” is ${size}; a certificate can be up to ${formatBytes(CERTIFICATE_MAX_BYTES)}. Save it at a lower resolution, or as a PDF, and attach that.`;
  }
  return null;
}

/** "PDF, 240 KB": a stored certificate's type and size, as its entry shows them. */
export function certificateInWords(c: { contentType: string; sizeBytes: number }): string {
  return `${CERTIFICATE_TYPES[c.contentType]?.label ?? 'File'}, ${formatBytes(c.sizeBytes)}`;
}

/** The private route a certificate opens through (app/other-learning/certificates/[id]/route.ts). */
export const certificateHref = (id: string, inline = true) => `/other-learning/certificates/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`;
