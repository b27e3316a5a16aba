import { inflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PDFString } from 'pdf-lib';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { credentialUrl, issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { startApplication } from '@/lib/submissions/mutations';
import { extractCredential } from '@/lib/credentials/bake';
import { GET as badgePngGET } from '@/app/credentials/[id]/badge.png/route';
import { GET as badgeSvgGET } from '@/app/credentials/[id]/badge.svg/route';
import { GET as certificateGET } from '@/app/credentials/[id]/certificate.pdf/route';
import { GET as credentialJsonGET } from '@/app/credentials/[id]/credential.json/route';

beforeEach(resetDatabase);

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

function get(handler: Handler, id: string, file: string) {
  return handler(new Request(`http://127.0.0.1:3100/credentials/${id}/${file}`), { params: Promise.resolve({ id }) });
}

async function earnedAward() {
  const { admin, mc } = await createPublishedCredential();
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(sub.id);
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
