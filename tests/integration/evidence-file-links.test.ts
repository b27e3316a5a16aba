// Following an evidence link (/files/{id}, app/files/[id]/route.ts) as a person in a browser tab:
// signed out, they are sent to sign in and brought back to the file (without the app looking the
// file up first); signed in and allowed, they get the five-minute signed URL as before; signed in
// and not allowed, they get exactly what a file that does not exist gets, so nobody learns which
// it is; a file the issuer removed is said to be removed, only to those allowed to see it. Scripts
// and fetches keep their plain 401, 404 and 410. Real Postgres and a real S3-compatible server
// holding the file.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { observable, openPrivateFile } from '../setup/private-file-route';
import { safeCallbackUrl } from '@/lib/auth/schemas';
import { createActor, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { completeUpload, requestUpload } from '@/lib/evidence/uploads';
import { VIEW_URL_TTL_SECONDS } from '@/lib/storage/s3';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { GET: FileRoute } = await import('@/app/files/[id]/route');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const TAB = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const FILE_NAME = 'Maya_Okafor_exit_tickets.pdf';

/** Tess's application, with one PDF uploaded to real storage. */
async function world() {
  const { mc, version } = await createPublishedCredential();
  const tess = await createActor({ name: 'Tess Teacher' });
  const omar = await createActor({ name: 'Omar Other' });
  const sub = await startApplication({ actor: tess, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id }, select: { id: true } });
  const part = version.parts.find((p) => p.responseType === 'FILES')!;
  const t = await requestUpload({ actor: tess, attemptId: attempt.id, partId: part.id, fileName: FILE_NAME, contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
  if (t.mode !== 'single') throw new Error('expected a single upload');
  expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } })).ok).toBe(true);
  await completeUpload({ actor: tess, fileId: t.fileId });
  return { tess, omar, fileId: t.fileId };
}

const open = (actor: Actor | null, path: string, accept?: string) => openPrivateFile(FileRoute, actor, path, accept);

describe('an evidence link opened while signed out', () => {
  it('sends the person to sign in, and signing in brings them back to the file', async () => {
    const w = await world();
    for (const [path, back] of [[`/files/${w.fileId}`, `/files/${w.fileId}`], [`/files/${w.fileId}?inline=1`, `/files/${w.fileId}?inline=1`]] as const) {
      const res = await open(null, path, TAB);
      expect(res.status).toBe(307);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const location = res.headers.get('location')!;
      expect(location).toBe(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
      // The sign-in page's own return parameter, which its form and the page itself (for someone
      // already signed in) check with safeCallbackUrl before going on to it: it leads to the file.
      const callbackUrl = new URL(location, 'http://127.0.0.1:3100').searchParams.get('callbackUrl')!;
      expect(safeCallbackUrl(callbackUrl, '')).toBe(back);
    }
  });

  it('answers the same way for a file that does not exist: nothing is looked up before signing in', async () => {
    const w = await world();
    const real = await open(null, `/files/${w.fileId}`, TAB);
    const missing = await open(null, '/files/cnosuchfile0000000000000', TAB);
    expect(missing.status).toBe(real.status);
    expect(missing.headers.get('location')).toBe(`/sign-in?callbackUrl=${encodeURIComponent('/files/cnosuchfile0000000000000')}`);
  });

  it('keeps the plain 401 for a fetch or a script, which cannot sign in', async () => {
    const w = await world();
    for (const accept of [undefined, '*/*', 'application/pdf']) {
      const res = await open(null, `/files/${w.fileId}`, accept);
      expect(res.status).toBe(401);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toBe('Sign in to view this file.');
    }
  });
});

describe('an evidence link opened while signed in', () => {
  it('gives its owner the short-lived signed URL, which serves the file', async () => {
    const w = await world();
    for (const accept of [TAB, undefined]) {
      const res = await open(w.tess, `/files/${w.fileId}`, accept);
      expect(res.status).toBe(302);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const signed = new URL(res.headers.get('location')!);
      expect(signed.searchParams.get('X-Amz-Expires')).toBe(String(VIEW_URL_TTL_SECONDS));
      const file = await fetch(signed);
      expect(file.ok).toBe(true);
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    }
  });

  it('gives another teacher exactly what a missing file gets, in a tab and to a fetch', async () => {
    const w = await world();
    for (const accept of [TAB, undefined]) {
      const others = await observable(await open(w.omar, `/files/${w.fileId}`, accept));
      const missing = await observable(await open(w.omar, '/files/cnosuchfile0000000000000', accept));
      const malformed = await observable(await open(w.omar, `/files/${encodeURIComponent('../etc/passwd')}`, accept));
      expect(others.status).toBe(404);
      expect(others).toEqual(missing);
      expect(others).toEqual(malformed);
      expect(others.body).not.toContain(FILE_NAME);
      expect(others.body).not.toContain('Tess');
    }
    // In a tab, a page that says so in words, not a bare "Not found".
    const page = await observable(await open(w.omar, `/files/${w.fileId}`, TAB));
    expect(page.headers).toContainEqual(['content-type', 'text/html; charset=utf-8']);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<title>File not found · Microcred</title>');
    expect(page.body).toContain('<h1>We could not find that file</h1>');
    expect(page.body).toContain('<p>Either there is no such file, or it is not one your account can open. If someone sent you this link, ask them to check it.</p>');
    expect(page.body).toContain('<a href="/dashboard">Go to my home page</a>');
  });

  it('tells its owner, in words, that a file the issuer removed is gone; anyone else still gets “not found”', async () => {
    const w = await world();
    // As a removal leaves it (lib/evidence/concerns.ts): a tombstone, never signed for again.
    await db.evidenceFile.update({ where: { id: w.fileId }, data: { status: 'REMOVED', removedAt: new Date('2026-02-03T10:00:00Z') } });
    const page = await open(w.tess, `/files/${w.fileId}`, TAB);
    expect(page.status).toBe(410);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<h1>This file was removed</h1>');
    expect(html).toContain('<p>This file was removed by the issuer on 3 February 2026, so it can no longer be opened.</p>');
    expect(html).toContain('<a href="/dashboard">Go to my home page</a>');
    // A fetch keeps the plain sentence.
    const plain = await open(w.tess, `/files/${w.fileId}`);
    expect([plain.status, await plain.text()]).toEqual([410, 'This file was removed by the issuer on 3 February 2026, so it can no longer be opened.']);
    // Whether another teacher's file was removed is as private as whether it exists.
    expect(await observable(await open(w.omar, `/files/${w.fileId}`, TAB))).toEqual(await observable(await open(w.omar, '/files/cnosuchfile0000000000000', TAB)));
  });
});
