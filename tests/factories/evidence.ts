// Evidence files for integration tests: uploaded the way the browser does it (ask for an upload,
// PUT the bytes to the S3-compatible server, say it is done), through the real domain code.
import type { Actor } from '@/lib/auth/actor';
import { completeUpload, requestUpload } from '@/lib/evidence/uploads';
import { SAMPLE_PDF } from './index';

/** `actor` uploads SAMPLE_PDF to a files part of their draft attempt; the file's id. */
export async function uploadPdf(actor: Actor, attemptId: string, partId: string, fileName = 'work.pdf'): Promise<string> {
  const t = await requestUpload({ actor, attemptId, partId, fileName, contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
  if (t.mode !== 'single') throw new Error('expected a single upload');
  const res = await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } });
  if (res.status !== 200) throw new Error(`upload PUT failed: ${res.status}`);
  await completeUpload({ actor, fileId: t.fileId });
  return t.fileId;
}
