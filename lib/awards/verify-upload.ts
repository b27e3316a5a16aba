import 'server-only';
import { z } from 'zod';
import { extractCredential } from '@/lib/credentials/bake';
import { verifyCredential, type VerificationResult } from '@/lib/credentials/verify';
import { fetchOwnStatusList, ownSuspensionListFor } from '@/lib/awards/status-lists';

export const VerifyInput = z.union([
  z.object({ kind: z.literal('text'), text: z.string().trim().min(2, 'Paste a credential first.').max(500_000, 'That is too long to be a credential.') }),
  z.object({ kind: z.literal('file'), name: z.string().max(255), base64: z.string().min(4).max(1_400_000, 'That file is too large to be a badge (1 MB at most).') }),
]);

export type VerifyOutcome = { ok: true; result: VerificationResult; summary: { name?: string; issuer?: string; validFrom?: string } } | { ok: false; message: string };

/** Verifies pasted JSON, a JSON file, or a baked PNG/SVG badge, as anyone on the public page would. */
export async function verifyUpload(input: z.infer<typeof VerifyInput>): Promise<VerifyOutcome> {
  let credential: unknown;
  if (input.kind === 'text') {
    const text = input.text;
    if (text.startsWith('<')) {
      const extracted = extractCredential(text);
      if (!extracted || extracted.kind !== 'json') return { ok: false, message: 'This SVG has no Open Badges credential baked into it.' };
      credential = extracted.credential;
    } else {
      try {
        credential = JSON.parse(text);
      } catch {
        return { ok: false, message: 'That is not valid JSON. Paste the whole credential, from the first { to the last }.' };
      }
    }
  } else {
    const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
    const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
    const text = isPng ? null : new TextDecoder().decode(bytes).trim();
    if (isPng || text?.startsWith('<')) {
      const extracted = extractCredential(isPng ? bytes : text!);
      if (!extracted) return { ok: false, message: 'This image has no Open Badges credential baked into it.' };
      if (extracted.kind !== 'json') return { ok: false, message: 'This image carries a credential format we cannot check (for example a JWT).' };
      credential = extracted.credential;
    } else {
      try {
        credential = JSON.parse(text ?? '');
      } catch {
        return { ok: false, message: 'That file is neither a credential JSON file nor a baked badge image (PNG or SVG).' };
      }
    }
  }
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) return { ok: false, message: 'That JSON is not a credential.' };
  const result = await verifyCredential(credential as Record<string, unknown>, { fetchStatusList: fetchOwnStatusList, companionSuspensionList: ownSuspensionListFor });
  const c = credential as { name?: unknown; validFrom?: unknown; issuer?: unknown };
  return {
    ok: true,
    result: { ...result, credential: undefined, details: [] },
    summary: {
      name: typeof c.name === 'string' ? c.name : undefined,
      issuer: result.checks.signature === 'ok' ? result.issuer?.name : undefined,
      validFrom: typeof c.validFrom === 'string' ? c.validFrom : undefined,
    },
  };
}
