import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PDFString } from 'pdf-lib';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { credentialUrl, issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { extractCredential } from '@/lib/credentials/bake';
import { GET as badgePngGET } from '@/app/credentials/[id]/badge.png/route';
import { GET as badgeSvgGET } from '@/app/credentials/[id]/badge.svg/route';
import { GET as certificateGET } from '@/app/credentials/[id]/certificate.pdf/route';
import { GET as credentialJsonGET } from '@/app/credentials/[id]/credential.json/route';
import { withStorageDown } from '../setup/storage-down';
import { textOf } from '../setup/html';

beforeEach(resetDatabase);

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

function get(handler: Handler, id: string, file: string, accept?: string) {
  return handler(new Request(`http://127.0.0.1:3100/credentials/${id}/${file}`, { headers: accept ? { accept } : {} }), { params: Promise.resolve({ id }) });
}

// What a browser sends for a page load in a tab (following a link or a bookmark), and for an <img>.
const TAB = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const IMG = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
const DOWNLOADS = [[certificateGET, 'certificate.pdf'], [badgePngGET, 'badge.png?download=1'], [badgeSvgGET, 'badge.svg?download=1']] as const;
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

async function earnedAward() {
  const { admin, mc } = await createPublishedCredential();
  const teacher = await createActor();
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, mc.id));
  return { admin, award: await db.award.findUniqueOrThrow({ where: { id: awardId } }) };
}

/** The text a PDF's page shows (pdf-lib writes each run as a hex string in WinAnsi). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(0).node.Contents()!;
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref, PDFStream)) : [contents];
  const ops = streams.map((s) => {
    const filter = s.dict.get(PDFName.of('Filter'));
    return Buffer.from(filter === PDFName.of('FlateDecode') ? inflateSync(s.getContents()) : s.getContents()).toString('latin1');
  }).join('\n');
  // WinAnsi 0x97 is the em dash; the rest of what this test reads is ASCII.
  return [...ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1').replaceAll('\x97', '—')).join('\n');
}

async function pdfLinks(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
  return annots.asArray().map((ref) => doc.context.lookup(ref, PDFDict).lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI'), PDFString).decodeText());
}

describe('a revoked badge has no certificate and cannot be downloaded as a badge', () => {
  it('answers 410 Gone, in a few plain words, for the certificate and the PNG and SVG downloads; credential.json stays as issued', async () => {
    const { admin, award } = await earnedAward();
    expect((await get(certificateGET, award.id, 'certificate.pdf')).status).toBe(200);
    expect((await get(badgePngGET, award.id, 'badge.png?download=1')).status).toBe(200);
    const jsonBefore = await (await get(credentialJsonGET, award.id, 'credential.json')).text();

    await revokeAward({ actor: admin, awardId: award.id, reason: 'Issued in error.' });

    for (const [handler, file] of [[certificateGET, 'certificate.pdf'], [badgePngGET, 'badge.png?download=1'], [badgeSvgGET, 'badge.svg?download=1']] as const) {
      const res = await get(handler, award.id, file);
      expect(res.status, file).toBe(410);
      expect(res.headers.get('content-type'), file).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('content-disposition'), file).toBeNull();
      const body = await res.text();
      expect(body, file).toMatch(/^This badge was revoked by its issuer on \d{1,2} \w+ \d{4}/);
      expect(body, file).toContain(credentialUrl(award.id));
      expect(body, file).not.toContain('%PDF');
      expect(body.length, file).toBeLessThan(300);
    }

    // Verifiers still fetch the signed credential, and read the revocation from its status list.
    const json = await get(credentialJsonGET, award.id, 'credential.json');
    expect(json.status).toBe(200);
    expect(await json.text()).toBe(jsonBefore);
  });

  it('where it is only shown (its page, link previews) the picture is marked revoked and carries no credential', async () => {
    const { admin, award } = await earnedAward();
    const clean = new Uint8Array(await (await get(badgePngGET, award.id, 'badge.png')).arrayBuffer());
    expect(extractCredential(clean)).not.toBeNull();
    await revokeAward({ actor: admin, awardId: award.id, reason: 'Issued in error.' });

    const png = await get(badgePngGET, award.id, 'badge.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect(extractCredential(bytes)).toBeNull();
    expect(Buffer.from(bytes).equals(Buffer.from(clean))).toBe(false);

    const svg = await (await get(badgeSvgGET, award.id, 'badge.svg')).text();
    expect(svg).toContain('REVOKED');
    expect(extractCredential(svg)).toBeNull();
  });
});

describe('a suspended badge’s certificate says it is on hold', () => {
  it('carries a SUSPENDED banner with the verification link while suspended, and is clean again once reinstated', async () => {
    const { admin, award } = await earnedAward();
    const url = credentialUrl(award.id);
    const cleanBytes = new Uint8Array(await (await get(certificateGET, award.id, 'certificate.pdf')).arrayBuffer());
    expect(await pdfText(cleanBytes)).toContain('CERTIFICATE OF ACHIEVEMENT');
    expect(await pdfText(cleanBytes)).not.toContain('SUSPENDED');

    await suspendAward({ actor: admin, awardId: award.id, reason: 'A complaint is being looked into.' });
    const res = await get(certificateGET, award.id, 'certificate.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = await pdfText(bytes);
    expect(text).toContain('SUSPENDED — this badge is on hold; check the verification link');
    expect(text).toContain(url);
    // The banner's link and the footer's both lead to the verification page.
    expect(await pdfLinks(bytes)).toEqual([url, url]);

    await reinstateAward({ actor: admin, awardId: award.id, note: '' });
    const again = new Uint8Array(await (await get(certificateGET, award.id, 'certificate.pdf')).arrayBuffer());
    expect(await pdfText(again)).not.toContain('SUSPENDED');
    expect(Buffer.from(again).equals(Buffer.from(cleanBytes))).toBe(true);
  });
});

describe('a revoked badge’s certificate and downloads, opened in a browser tab', () => {
  it('answer 410 with a page that says the badge was withdrawn, why, and where to see its status; never cached', async () => {
    const { admin, award } = await earnedAward();
    await revokeAward({ actor: admin, awardId: award.id, reason: 'Issued in error' });
    const revokedOn = dayFmt.format((await db.award.findUniqueOrThrow({ where: { id: award.id } })).revokedAt!);

    for (const [handler, file] of DOWNLOADS) {
      const res = await get(handler, award.id, file, TAB);
      expect(res.status, file).toBe(410);
      expect(res.headers.get('content-type'), file).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control'), file).toBe('no-store');
      expect(res.headers.get('vary'), file).toBe('Accept');
      expect(res.headers.get('content-disposition'), file).toBeNull();
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain('<title>Badge withdrawn · Microcred</title>');
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain('<h1>This badge was withdrawn</h1>');
      // The date and the issuer's reason, in the words its holder was given (the public page shows the reason too).
      expect(textOf(html)).toContain(`The issuer revoked this badge on ${revokedOn}: Issued in error.`);
      expect(textOf(html)).toContain(file === 'certificate.pdf' ? 'A revoked badge has no certificate' : 'A revoked badge can no longer be downloaded as a badge image.');
      expect(html).toContain(`<a href="/credentials/${award.id}">See the badge’s page</a>`);
      expect(html).toContain('<a href="/verify">Verify a badge</a>');
      expect(html).not.toContain('%PDF');
      expect(html).not.toContain('<script');
    }
  });

  it('answer a download tool, an <img> or a fetch with the plain notice as before, kept apart from the page in caches', async () => {
    const { admin, award } = await earnedAward();
    await revokeAward({ actor: admin, awardId: award.id, reason: 'Issued in error' });
    for (const [handler, file] of DOWNLOADS) {
      for (const accept of [undefined, IMG, '*/*', 'application/pdf']) {
        const res = await get(handler, award.id, file, accept);
        expect(res.status, `${file} ${accept}`).toBe(410);
        expect(res.headers.get('content-type'), `${file} ${accept}`).toBe('text/plain; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('public, max-age=300');
        expect(res.headers.get('vary')).toBe('Accept');
        const body = await res.text();
        expect(body).toMatch(/^This badge was revoked by its issuer on \d{1,2} \w+ \d{4}/);
        expect(body).toContain(credentialUrl(award.id));
        expect(body).not.toContain('<html');
      }
    }
  });

  it('a suspended badge is no different: its certificate and downloads are still served, whatever the request accepts', async () => {
    const { admin, award } = await earnedAward();
    await suspendAward({ actor: admin, awardId: award.id, reason: 'A complaint is being looked into.' });
    for (const [handler, file] of DOWNLOADS) {
      const res = await get(handler, award.id, file, TAB);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).not.toMatch(/text\/html/);
    }
  });
});

describe('a badge whose uploaded picture storage cannot give back just now', () => {
  /** A badge earned on a version with an uploaded picture (a key not read before, so not remembered). */
  async function badgeWithPicture() {
    const { award } = await earnedAward();
    await db.microCredentialVersion.update({ where: { id: award.versionId! }, data: { badgeImageKey: `badges/test/${randomBytes(16).toString('hex')}.png` } });
    return award;
  }
  // The routes log the outage (as they should); kept out of the test's output.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => void vi.restoreAllMocks());
  const FILES = [[badgePngGET, 'badge.png', 'badge image'], [badgePngGET, 'badge.png?download=1', 'badge image'], [badgeSvgGET, 'badge.svg', 'badge image'], [certificateGET, 'certificate.pdf', 'certificate']] as const;

  it('opened in a browser tab: a 503 page that says to try again in a minute, with the way back; never cached', async () => {
    const award = await badgeWithPicture();
    for (const [handler, file, what] of FILES) {
      const res = await withStorageDown(() => get(handler, award.id, file, TAB));
      expect(res.status, file).toBe(503);
      expect(res.headers.get('content-type'), file).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control'), file).toBe('no-store');
      expect(res.headers.get('retry-after'), file).toBe('30');
      expect(res.headers.get('content-disposition'), file).toBeNull();
      const html = await res.text();
      expect(html).toContain(`<title>${what === 'certificate' ? 'Certificate' : 'Badge image'} unavailable · Microcred</title>`);
      expect(html).toContain(`<h1>The ${what} could not be made just now</h1>`);
      expect(html).toContain('<p>Try again in a minute.</p>');
      expect(html).toContain(`<a href="/credentials/${award.id}">Back to the badge’s page</a>`);
      expect(html).not.toMatch(/ECONNREFUSED|Error:|\sat .*\(/);
    }
  });

  it('for an <img>, a download or a fetch: the plain sentence as before', async () => {
    const award = await badgeWithPicture();
    for (const [handler, file, what] of FILES) {
      for (const accept of [undefined, IMG]) {
        const res = await withStorageDown(() => get(handler, award.id, file, accept));
        expect(res.status, `${file} ${accept}`).toBe(503);
        expect(res.headers.get('content-type'), `${file} ${accept}`).toMatch(/^text\/plain/);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('retry-after')).toBe('30');
        expect(await res.text()).toBe(`The ${what} is unavailable right now. Try again shortly.`);
      }
    }
  });
});
