// An issuer's badge picture, through the actions the editor calls and a real PUT to the signed URL:
// what is kept is the checked copy (bytes sent to the upload URL later change nothing, even on a
// published version), a picture a draft lets go is deleted once no version shows it, and one never
// saved goes by the job queued when it was checked.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createPublishedCredential } from '../factories';
import { loadDefinition } from '@/lib/authoring/queries';
import { startApplication } from '@/lib/submissions/mutations';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getObjectBytes, headObject } from '@/lib/storage/s3';
import { renderPng } from '@/lib/credentials/badge-image';
import { crc32 } from '@/lib/credentials/bake';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { GET as badgePngGET } from '@/app/credentials/[id]/badge.png/route';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { confirmBadgeUploadAction, publishCredentialAction, requestBadgeUploadAction, saveCredentialAction } = await import('@/app/admin/credentials/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const square = (fill: string) => renderPng(`<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" fill="${fill}"/></svg>`, 96);

/** The PNG made exactly `length` bytes long with a comment chunk before IEND (the upload URL is signed for one length). */
function padded(png: Uint8Array, length: number): Uint8Array {
  const n = length - png.length - 12;
  const chunk = new Uint8Array(12 + n);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, n);
  chunk.set(new TextEncoder().encode('tEXt'), 4);
  chunk.set(new TextEncoder().encode(`c\0${'x'.repeat(n - 2)}`), 8);
  view.setUint32(8 + n, crc32(chunk.subarray(4, 8 + n)));
  const iend = png.length - 12;
  return Uint8Array.from([...png.subarray(0, iend), ...chunk, ...png.subarray(iend)]);
}

/** What the issuer cropped, and what someone sends to the same upload URL afterwards: the same size, other pixels. */
const [PICTURE, OTHER] = (() => {
  const a = square('#ff00ff');
  const b = square('#00aa55');
  const length = Math.max(a.length, b.length) + 20;
  return [padded(a, length), padded(b, length)];
})();

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
/** The image data itself (all IDAT bytes): equal means the same pixels, however the file was repackaged. */
const pixelData = (png: Uint8Array) => Buffer.concat(pngChunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** The browser's PUT to a signed upload URL. */
const putTo = (url: string, png: Uint8Array) => fetch(url, { method: 'PUT', body: new Uint8Array(png), headers: { 'Content-Type': 'image/png' } });

/** A signed upload URL for `png`, as the badge field asks for one. */
async function ticketFor(issuerId: string, png: Uint8Array) {
  const ticket = await requestBadgeUploadAction({ issuerId, size: png.length });
  if (!ticket.ok || !ticket.data) throw new Error(`no upload URL: ${JSON.stringify(ticket)}`);
  return ticket.data;
}

/** As the badge field does it: a signed URL, the browser's PUT to it, then the server's check. */
async function upload(issuerId: string, png: Uint8Array) {
  const ticket = await ticketFor(issuerId, png);
  expect((await putTo(ticket.url, png)).ok).toBe(true);
  const confirmed = await confirmBadgeUploadAction({ issuerId, key: ticket.key });
  if (!confirmed.ok || !confirmed.data) throw new Error(`not accepted: ${JSON.stringify(confirmed)}`);
  return { url: ticket.url, key: confirmed.data.key };
}

/** A published credential, its admin signed in, and a save as the editor sends it (with the image key it holds). */
async function editing() {
  const { issuer, admin, mc, version } = await createPublishedCredential();
  session.actor = admin;
  const { def } = await loadDefinition(version.id);
  const loaded = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: version.id }, select: { id: true, updatedAt: true } });
  let base: { versionId: string; updatedAt: string } = { versionId: loaded.id, updatedAt: loaded.updatedAt.toISOString() };
  async function save(badgeImageKey: string | null) {
    const res = await saveCredentialAction({ microCredentialId: mc.id, def, badgeImageKey, expected: base });
    if (res.ok && res.data) base = { versionId: res.data.versionId, updatedAt: res.data.savedAt };
    return res;
  }
  async function publish() {
    const res = await publishCredentialAction({ microCredentialId: mc.id, expected: base });
    if (!res.ok || !res.data) throw new Error(`not published: ${JSON.stringify(res)}`);
    base = { versionId: res.data.versionId, updatedAt: res.data.savedAt };
    return res.data.versionId;
  }
  return { issuer, admin, mc, save, publish };
}

/** A teacher earns the credential's current version and is awarded it. */
async function award(microCredentialId: string) {
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(sub.id);
  return awardId;
}

const pendingDeletions = () => db.job.findMany({ where: { type: 'storage.delete-objects', completedAt: null }, select: { id: true, payload: true, runAt: true } });

describe('a badge picture is the checked copy, for good', () => {
  it('bytes sent later to the same signed upload URL change neither the saved picture nor the badge teachers download', async () => {
    const { issuer, mc, save, publish } = await editing();
    const picture = await upload(issuer.id, PICTURE);
    expect((await save(picture.key)).ok).toBe(true);
    const versionId = await publish();
    const awardId = await award(mc.id);

    // The upload URL is still within its 15 minutes: someone sends another picture to it.
    const late = await putTo(picture.url, OTHER);
    expect(late.status).toBe(200);

    const version = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: versionId }, select: { badgeImageKey: true } });
    expect(version.badgeImageKey).toBe(picture.key);
    expect(same(await getObjectBytes(picture.key), PICTURE)).toBe(true);
    // The URL never pointed at the kept picture.
    expect(decodeURIComponent(new URL(picture.url).pathname)).not.toContain(picture.key);

    const res = await badgePngGET(new Request(`http://127.0.0.1:3100/credentials/${awardId}/badge.png`), { params: Promise.resolve({ id: awardId }) });
    expect(res.status).toBe(200);
    const png = new Uint8Array(await res.arrayBuffer());
    expect(pixelData(png).equals(pixelData(PICTURE))).toBe(true);
    expect(pixelData(png).equals(pixelData(OTHER))).toBe(false);
  });

  it('refuses, in plain words, a file that starts like a PNG but is damaged inside, and keeps nothing of it', async () => {
    const { issuer } = await editing();
    const damaged = Uint8Array.from(PICTURE);
    // A byte of the picture data flipped: the signature and the header are as they were.
    damaged[Buffer.from(PICTURE).indexOf('IDAT') + 8] ^= 0xff;
    const ticket = await ticketFor(issuer.id, damaged);
    expect((await putTo(ticket.url, damaged)).ok).toBe(true);
    expect(await confirmBadgeUploadAction({ issuerId: issuer.id, key: ticket.key })).toEqual({ ok: false, formError: 'The badge image must be a PNG.' });
    expect(await headObject(ticket.key)).toBeNull();
    expect(await pendingDeletions()).toEqual([]);
  });
});

describe('pictures a draft lets go', () => {
  it('replacing or removing a draft’s picture deletes the old one once no version shows it; a published version’s picture stays', async () => {
    const { issuer, save, publish } = await editing();
    const published = await upload(issuer.id, PICTURE);
    expect((await save(published.key)).ok).toBe(true);
    await publish();

    // A new draft with another picture: the published version keeps its own.
    const first = await upload(issuer.id, OTHER);
    expect((await save(first.key)).ok).toBe(true);
    expect(await headObject(published.key)).not.toBeNull();

    // Replaced on the draft: the picture it had is shown by no version, so it goes.
    const second = await upload(issuer.id, PICTURE);
    expect((await save(second.key)).ok).toBe(true);
    expect(await headObject(first.key)).toBeNull();
    expect(await headObject(second.key)).not.toBeNull();

    // Removed from the draft: gone too.
    expect((await save(null)).ok).toBe(true);
    expect(await headObject(second.key)).toBeNull();

    // The published picture brought back into the draft, then removed again: still the published version's.
    expect((await save(published.key)).ok).toBe(true);
    expect((await save(null)).ok).toBe(true);
    expect(await headObject(published.key)).not.toBeNull();
    expect(same(await getObjectBytes(published.key), PICTURE)).toBe(true);

    // Every deletion was done at once, after its commit: no job is left waiting to do one.
    expect(await pendingDeletions()).toEqual([]);
  });

  it('a picture checked but never saved is deleted by the job queued with it; saving it after that is refused in plain words', async () => {
    const { issuer, save } = await editing();
    const unsaved = await upload(issuer.id, OTHER);
    const [job] = await pendingDeletions();
    expect(job?.payload).toEqual({ keys: [unsaved.key], uploads: [] });
    // It waits far longer than anyone takes to finish the form.
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 47 * 3_600_000);

    // Two days later, the job runs.
    await db.job.update({ where: { id: job!.id }, data: { runAt: new Date() } });
    while ((await runDueJobs(jobHandlers, 50)) > 0);
    expect(await headObject(unsaved.key)).toBeNull();

    const late = await save(unsaved.key);
    expect(late).toMatchObject({ ok: false, fieldErrors: { badgeImageKey: [expect.stringMatching(/Choose the picture again/)] } });
    expect(await db.microCredentialVersion.count({ where: { badgeImageKey: unsaved.key } })).toBe(0);

    // A picture saved in time is the draft's: its job is gone with the save, and it stays.
    const saved = await upload(issuer.id, PICTURE);
    expect((await save(saved.key)).ok).toBe(true);
    expect(await pendingDeletions()).toEqual([]);
    expect(await headObject(saved.key)).not.toBeNull();
  });
});
