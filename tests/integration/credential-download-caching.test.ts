// A badge's files change with its standing: a revoked badge's picture is greyed with no credential
// baked in and its downloads and certificate are gone (410), a suspended badge's certificate says
// so. Served `public, max-age=300`, a shared cache kept the valid badge and a "valid" certificate
// for five minutes after a revocation. Now every cache asks again before each use, and gets a 304
// while the bytes are unchanged.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { extractCredential } from '@/lib/credentials/bake';
import { GET as badgePngGET } from '@/app/credentials/[id]/badge.png/route';
import { GET as badgeSvgGET } from '@/app/credentials/[id]/badge.svg/route';
import { GET as certificateGET } from '@/app/credentials/[id]/certificate.pdf/route';
import { GET as credentialJsonGET } from '@/app/credentials/[id]/credential.json/route';
import { DeleteAccountInput, deleteOwnAccount } from '@/lib/auth/delete-account';

beforeEach(resetDatabase);

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

function get(handler: Handler, id: string, file: string, headers: Record<string, string> = {}) {
  return handler(new Request(`http://127.0.0.1:3100/credentials/${id}/${file}`, { headers }), { params: Promise.resolve({ id }) });
}

const FILES = [
  [badgePngGET, 'badge.png'],
  [badgePngGET, 'badge.png?download=1'],
  [badgeSvgGET, 'badge.svg'],
  [badgeSvgGET, 'badge.svg?download=1'],
  [certificateGET, 'certificate.pdf'],
] as const;

async function earnedAward() {
  const { admin, mc } = await createPublishedCredential();
  const teacher = await createActor({ password: 'correct horse battery' });
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, mc.id));
  return { admin, teacher, awardId };
}

describe('a badge’s picture, downloads and certificate', () => {
  it('may be kept by any cache only if it asks again before each use, and unchanged the answer is a 304 with no body', async () => {
    const { awardId } = await earnedAward();
    for (const [handler, file] of FILES) {
      const res = await get(handler, awardId, file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('public, no-cache');
      const etag = res.headers.get('etag');
      expect(etag, file).toMatch(/^"[\w-]{16,}"$/);
      const body = new Uint8Array(await res.arrayBuffer());
      expect(body.length, file).toBeGreaterThan(0);

      // The same bytes again: the same validator.
      expect((await get(handler, awardId, file)).headers.get('etag'), file).toBe(etag);

      for (const ifNoneMatch of [etag!, `W/${etag}`, `"something-else", ${etag}`]) {
        const again = await get(handler, awardId, file, { 'if-none-match': ifNoneMatch });
        expect(again.status, `${file} ${ifNoneMatch}`).toBe(304);
        expect(again.headers.get('etag'), file).toBe(etag);
        expect(again.headers.get('cache-control'), file).toBe('public, no-cache');
        expect((await again.arrayBuffer()).byteLength, file).toBe(0);
      }
      const other = await get(handler, awardId, file, { 'if-none-match': '"something-else"' });
      expect(other.status, file).toBe(200);
      expect(new Uint8Array(await other.arrayBuffer())).toEqual(body);
    }
  });

  it('a cache holding the valid badge and certificate gets the revoked ones (or a 410) when it asks again after a revocation', async () => {
    const { admin, awardId } = await earnedAward();
    const held = new Map<string, string>();
    for (const [handler, file] of FILES) held.set(file, (await get(handler, awardId, file)).headers.get('etag')!);

    await revokeAward({ actor: admin, awardId, reason: 'Issued in error.' });

    for (const [handler, file] of FILES) {
      const res = await get(handler, awardId, file, { 'if-none-match': held.get(file)! });
      expect(res.status, file).not.toBe(304);
      if (file === 'badge.png' || file === 'badge.svg') {
        // Still shown where it is embedded, but marked, and with no credential in it.
        expect(res.status, file).toBe(200);
        expect(res.headers.get('etag'), file).not.toBe(held.get(file));
        const body = file === 'badge.svg' ? await res.text() : new Uint8Array(await res.arrayBuffer());
        expect(extractCredential(body), file).toBeNull();
      } else {
        expect(res.status, file).toBe(410);
      }
    }
  });

  it('a cache holding the certificate gets the SUSPENDED one after a suspension, and its copy is good again once the badge is reinstated', async () => {
    const { admin, awardId } = await earnedAward();
    const first = await get(certificateGET, awardId, 'certificate.pdf');
    const clean = first.headers.get('etag')!;
    const cleanBytes = Buffer.from(await first.arrayBuffer());

    await suspendAward({ actor: admin, awardId, reason: 'A complaint is being looked into.' });
    const suspended = await get(certificateGET, awardId, 'certificate.pdf', { 'if-none-match': clean });
    expect(suspended.status).toBe(200);
    expect(suspended.headers.get('etag')).not.toBe(clean);
    // The banner (its words are checked in credential-status-downloads.test.ts).
    expect(Buffer.from(await suspended.arrayBuffer()).equals(cleanBytes)).toBe(false);

    await reinstateAward({ actor: admin, awardId, note: '' });
    expect((await get(certificateGET, awardId, 'certificate.pdf', { 'if-none-match': clean })).status).toBe(304);
  });

  it('credential.json: a cache must ask again before each use, so a badge deleted with its holder’s account stops being served at once', async () => {
    const { teacher, awardId } = await earnedAward();
    const res = await get(credentialJsonGET, awardId, 'credential.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('content-type')).toBe('application/vc+ld+json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{16,}"$/);
    expect(JSON.parse(await res.text()).id).toContain(awardId);

    const again = await get(credentialJsonGET, awardId, 'credential.json', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    await deleteOwnAccount({ actor: teacher, input: DeleteAccountInput.parse({ password: 'correct horse battery', understood: 'on' }) });
    const gone = await get(credentialJsonGET, awardId, 'credential.json', { 'if-none-match': etag });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBe('no-store');
  });
});
