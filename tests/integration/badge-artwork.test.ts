import { beforeEach, describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFStream } from 'pdf-lib';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { loadDefinition } from '@/lib/authoring/queries';
import { confirmBadgeUpload, requestBadgeUpload } from '@/lib/authoring/badge-image';
import { startApplication } from '@/lib/submissions/mutations';
import { putObject } from '@/lib/storage/s3';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';
import { bakePng, extractCredential } from '@/lib/credentials/bake';
import { verifyUpload } from '@/lib/awards/verify-upload';
import { getPublicPortfolio, listUserAwards } from '@/lib/awards/queries';
import type { Actor } from '@/lib/auth/actor';
import { GET as badgePngGET } from '@/app/credentials/[id]/badge.png/route';
import { GET as badgeSvgGET } from '@/app/credentials/[id]/badge.svg/route';
import { GET as certificateGET } from '@/app/credentials/[id]/certificate.pdf/route';

beforeEach(resetDatabase);

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

function get(handler: Handler, id: string, file: string) {
  return handler(new Request(`http://127.0.0.1:3100/credentials/${id}/${file}`), { params: Promise.resolve({ id }) });
}

async function bytesOf(res: Response) {
  return new Uint8Array(await res.arrayBuffer());
}

/** A PNG's chunks, in order (enough of the format to compare pictures). */
function pngChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    chunks.push({ type: new TextDecoder('latin1').decode(png.subarray(offset + 4, offset + 8)), data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

const pngSize = (png: Uint8Array) => {
  const ihdr = pngChunks(png).find((c) => c.type === 'IHDR')!.data;
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  return { width: view.getUint32(0), height: view.getUint32(4) };
};

/** The image data itself (all IDAT bytes): equal means the same pixels, however the file was repackaged. */
const pixelData = (png: Uint8Array) => Buffer.concat(pngChunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data));

/** What an issuer uploads: a 320×320 picture, unlike the generated artwork (512×512). */
const PICTURE = renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#ff00ff"/><circle cx="160" cy="160" r="90" fill="#00ff88"/></svg>', 320);

async function uploadPicture(admin: Actor, issuerId: string) {
  const ticket = await requestBadgeUpload({ actor: admin, issuerId, size: PICTURE.length });
  await putObject(ticket.key, PICTURE, 'image/png');
  // The checked copy is what the editor saves (the upload key is only ever written by the browser).
  return (await confirmBadgeUpload({ actor: admin, issuerId, key: ticket.key })).key;
}

/** Publishes a new version of the credential with other colour and image, as the editor does. */
async function publishEdit(admin: Actor, mc: { id: string; currentVersionId: string | null }, change: { badgeColor: string; badgeImageKey: string | null }) {
  const current = await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { currentVersionId: true } });
  const { def } = await loadDefinition(current.currentVersionId!);
  await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...def, badgeColor: change.badgeColor }, badgeImageKey: change.badgeImageKey });
  await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
}

/** A teacher earns the credential's current version and is awarded it. */
async function award(microCredentialId: string) {
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(sub.id);
  return db.award.findUniqueOrThrow({ where: { id: awardId } });
}

describe('badge images show what the issuer uploaded, as it was when the badge was earned', () => {
  it('a badge earned on a version with an uploaded picture is that picture, with the credential baked in, in PNG, SVG and the certificate', async () => {
    const { issuer, admin, mc } = await createPublishedCredential({ def: { badgeColor: '#14532d' } });
    await publishEdit(admin, mc, { badgeColor: '#7f1d1d', badgeImageKey: await uploadPicture(admin, issuer.id) });
    const earned = await award(mc.id);

    const pngRes = await get(badgePngGET, earned.id, 'badge.png?download');
    expect(pngRes.status).toBe(200);
    expect(pngRes.headers.get('content-type')).toBe('image/png');
    expect(pngRes.headers.get('cache-control')).toBe('public, no-cache');
    const png = await bytesOf(pngRes);
    expect(pngSize(png)).toEqual({ width: 320, height: 320 });
    expect(pixelData(png).equals(pixelData(PICTURE))).toBe(true);
    const fromPng = extractCredential(png);
    expect(fromPng?.kind === 'json' && fromPng.credential).toEqual(earned.credential);
    const checked = await verifyUpload({ kind: 'file', name: 'badge.png', base64: Buffer.from(png).toString('base64') });
    expect(checked.ok && checked.result.verified).toBe(true);

    const svgRes = await get(badgeSvgGET, earned.id, 'badge.svg');
    expect(svgRes.status).toBe(200);
    // The picture is inside the SVG, and the SVG's own policy lets it show when opened directly.
    expect(svgRes.headers.get('content-security-policy')).toContain('img-src data:');
    const svg = await svgRes.text();
    expect(svg).toContain(`data:image/png;base64,${Buffer.from(PICTURE).toString('base64')}`);
    const fromSvg = extractCredential(svg);
    expect(fromSvg?.kind === 'json' && fromSvg.credential).toEqual(earned.credential);

    const pdfRes = await get(certificateGET, earned.id, 'certificate.pdf');
    expect(pdfRes.status).toBe(200);
    const doc = await PDFDocument.load(await bytesOf(pdfRes));
    const xobjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const images = xobjects.values().map((ref) => doc.context.lookup(ref, PDFStream).dict);
    expect(images.map((d) => [d.lookup(PDFName.of('Width'), PDFNumber).asNumber(), d.lookup(PDFName.of('Height'), PDFNumber).asNumber()])).toEqual([[320, 320]]);
  });

  it('editing the credential later (new colour, picture removed) changes new badges only, never one already earned', async () => {
    const { issuer, admin, mc } = await createPublishedCredential({ def: { badgeColor: '#14532d' } });
    await publishEdit(admin, mc, { badgeColor: '#14532d', badgeImageKey: await uploadPicture(admin, issuer.id) });
    const withPicture = await award(mc.id);
    await publishEdit(admin, mc, { badgeColor: '#7f1d1d', badgeImageKey: null });

    const older = await bytesOf(await get(badgePngGET, withPicture.id, 'badge.png'));
    expect(pngSize(older)).toEqual({ width: 320, height: 320 });
    expect(pixelData(older).equals(pixelData(PICTURE))).toBe(true);
    expect(await (await get(badgeSvgGET, withPicture.id, 'badge.svg')).text()).toContain(Buffer.from(PICTURE).toString('base64'));

    // A badge earned on the edited version has the generated artwork in the new colour.
    const newer = await award(mc.id);
    const newerPng = await bytesOf(await get(badgePngGET, newer.id, 'badge.png'));
    expect(pngSize(newerPng)).toEqual({ width: 512, height: 512 });
    expect(await (await get(badgeSvgGET, newer.id, 'badge.svg')).text()).toContain('#7f1d1d');
  });

  it('a badge without an uploaded picture keeps the colour of the version it was earned on', async () => {
    const { admin, mc } = await createPublishedCredential({ def: { badgeColor: '#14532d' } });
    const earned = await award(mc.id);
    await publishEdit(admin, mc, { badgeColor: '#7f1d1d', badgeImageKey: null });

    const svg = await (await get(badgeSvgGET, earned.id, 'badge.svg')).text();
    expect(svg).toContain('#14532d');
    expect(svg).not.toContain('#7f1d1d');

    const png = await bytesOf(await get(badgePngGET, earned.id, 'badge.png'));
    const signedIssuer = (earned.credential as { issuer: { name: string } }).issuer.name;
    const drawn = (color: string) => bakePng(renderPng(generateBadgeSvg({ title: earned.title, issuerName: signedIssuer, level: earned.level ?? undefined, color }), 512), earned.credential as object);
    expect(Buffer.from(png).equals(Buffer.from(drawn('#14532d')))).toBe(true);
    expect(Buffer.from(png).equals(Buffer.from(drawn('#7f1d1d')))).toBe(false);

    // My badges and the public portfolio draw it in the same colour.
    expect((await listUserAwards({ userId: earned.userId })).items.find((a) => a.id === earned.id)?.color).toBe('#14532d');
    await db.user.update({ where: { id: earned.userId }, data: { handle: 'colour-keeper', portfolioPublic: true } });
    expect((await getPublicPortfolio('colour-keeper'))?.awards.find((a) => a.id === earned.id)?.color).toBe('#14532d');
  });

  it('a picture missing from storage falls back to the generated artwork, still baked', async () => {
    const { issuer, admin, mc } = await createPublishedCredential({ def: { badgeColor: '#14532d' } });
    await publishEdit(admin, mc, { badgeColor: '#14532d', badgeImageKey: await uploadPicture(admin, issuer.id) });
    const earned = await award(mc.id);
    // As if the object had been lost: the version names a key nothing is stored under.
    await db.microCredentialVersion.update({ where: { id: earned.versionId! }, data: { badgeImageKey: `badges/${issuer.id}/${'f'.repeat(32)}.png` } });

    const res = await get(badgePngGET, earned.id, 'badge.png');
    expect(res.status).toBe(200);
    const png = await bytesOf(res);
    expect(pngSize(png)).toEqual({ width: 512, height: 512 });
    const baked = extractCredential(png);
    expect(baked?.kind === 'json' && baked.credential).toEqual(earned.credential);
  });
});
