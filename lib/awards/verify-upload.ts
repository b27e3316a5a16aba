import 'server-only';
import { z } from 'zod';
import { extractCredential } from '@/lib/credentials/bake';
import { verifyCredential, type VerificationResult } from '@/lib/credentials/verify';
import { fetchOwnStatusList, ownSuspensionListFor } from '@/lib/awards/status-lists';
import { getCredentialDocument } from '@/lib/awards/queries';
import { emailMatchesIdentity } from '@/lib/credentials/identity';
import { env } from '@/lib/env';
import { db } from '@/lib/db';
import { NOTHING_TO_VERIFY, unreadableTextMessage } from '@/lib/awards/verify-words';

// Optional: the address the verifier was given for the holder, checked against the credential's
// salted hash of the recipient's email. Never stored or logged.
const RecipientEmail = z
  .string()
  .trim()
  .max(254, 'That email address is too long.')
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.email('Enter the email address as name@example.org, or leave it empty.').optional());

export const VerifyInput = z.union([
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1, NOTHING_TO_VERIFY).max(500_000, 'That is too long to be a credential.'), email: RecipientEmail }),
  z.object({ kind: z.literal('file'), name: z.string().max(255), base64: z.string().min(4).max(1_400_000, 'That file is too large to be a badge (1 MB at most).'), email: RecipientEmail }),
]);

/** `match`: the email given is the recipient's; `no-match`: it is not; absent: none was given. */
export type RecipientCheck = 'match' | 'no-match';

/** What the form's own fields need corrected (VerifyInput's messages), said on each field. */
export type VerifyFieldErrors = { text?: string; email?: string };

export type VerifyOutcome =
  | {
      ok: true;
      result: VerificationResult;
      summary: {
        name?: string;
        /** The issuer's name as this platform knows it: only for a credential signed with one of its issuers' keys. */
        issuer?: string;
        /** With a good signature: whether the key is one of this platform's issuers'. A key anyone can make proves nothing about who holds it. */
        issuerOnPlatform?: boolean;
        /** The name a credential signed with some other key gives its issuer: a claim, never shown as fact. */
        claimedIssuer?: string;
        validFrom?: string;
        validUntil?: string;
        url?: string;
        recipient?: RecipientCheck;
        /** When the issuer retired the key that signed it, for a credential dated after that: not to be relied on. */
        keyRetiredBeforeIssue?: string;
      };
    }
  | { ok: false; message: string; fieldErrors?: VerifyFieldErrors };

const BADGE_LINK = /^https?:\/\/\S+\/credentials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/credential\.json)?\/?(?:[?#]\S*)?$/i;

/** Whether a link is to this site (APP_URL's origin). */
function sameOrigin(link: string): boolean {
  try {
    return new URL(link).origin === new URL(env().APP_URL).origin;
  } catch {
    return false;
  }
}

/**
 * A pasted badge link: one of this platform's badges is looked up in its own database. A link to
 * anywhere else is not fetched (the server would be made to call arbitrary addresses): the verifier
 * is asked for the JSON or the image instead. `onField`: the pasted text itself is at fault (a
 * mistyped link), so the message is said on the field.
 */
async function credentialFromLink(text: string): Promise<{ credential: unknown } | { message: string; onField?: boolean } | null> {
  if (!/^https?:\/\//i.test(text)) return null;
  const m = BADGE_LINK.exec(text);
  const own = sameOrigin(text);
  // A link to this site that is not a badge's (a mistyped path) is told what a badge link looks like;
  // a link to another site is told to bring the badge itself.
  if (own && !m) return { message: unreadableTextMessage(text, env().APP_URL), onField: true };
  if (!m || !own) return { message: 'We can only look up badges from this site by their link. For a badge from elsewhere, paste its JSON or upload the badge image.' };
  const doc = await getCredentialDocument(m[1].toLowerCase());
  if (!doc) return { message: 'There is no badge at that link. Check that the whole link was copied.' };
  return { credential: JSON.parse(doc) as unknown };
}

/**
 * This platform's issuer whose key signed the credential (its name, and when it retired that key),
 * or null for a key of no
 * issuer here. A credential's issuer id is the did:key that signed it (the signature check holds the
 * two together), and anyone can make a did:key and write any name beside it: only a key on record
 * says who issued the badge.
 */
async function platformIssuerKey(did: string | undefined): Promise<{ name: string; retiredAt: Date | null } | null> {
  if (!did?.startsWith('did:key:') || did.length > 200) return null;
  const key = await db.issuerKey.findUnique({ where: { did }, select: { retiredAt: true, issuer: { select: { name: true } } } });
  return key ? { name: key.issuer.name, retiredAt: key.retiredAt } : null;
}

function recipientCheck(credential: Record<string, unknown>, email: string | undefined): RecipientCheck | undefined {
  if (!email) return undefined;
  const subject = credential.credentialSubject as { identifier?: unknown } | undefined;
  // Compaction writes a single identifier as an object, several as an array.
  const ids = (Array.isArray(subject?.identifier) ? subject.identifier : subject?.identifier ? [subject.identifier] : []) as Record<string, unknown>[];
  return ids.some((id) => id && typeof id === 'object' && emailMatchesIdentity(email, id)) ? 'match' : 'no-match';
}

/** Verifies pasted JSON, a JSON file, or a baked PNG/SVG badge, as anyone on the public page would. */
export async function verifyUpload(input: z.infer<typeof VerifyInput>): Promise<VerifyOutcome> {
  let credential: unknown;
  if (input.kind === 'text') {
    const text = input.text;
    const linked = await credentialFromLink(text);
    if (linked && 'message' in linked) return { ok: false, message: linked.message, ...(linked.onField ? { fieldErrors: { text: linked.message } } : {}) };
    if (linked) credential = linked.credential;
    else if (text.startsWith('<')) {
      const extracted = extractCredential(text);
      if (!extracted || extracted.kind !== 'json') return { ok: false, message: 'This SVG has no Open Badges credential baked into it.' };
      credential = extracted.credential;
    } else {
      try {
        credential = JSON.parse(text);
      } catch {
        // Not JSON: a mistyped link is told what a badge link looks like, not that it is bad JSON.
        // Either way the pasted text is at fault: said on its field, which is marked.
        const message = unreadableTextMessage(text, env().APP_URL);
        return { ok: false, message, fieldErrors: { text: message } };
      }
    }
  } else {
    const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
    const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
    const text = isPng ? null : new TextDecoder().decode(bytes).trim();
    if (isPng || text?.startsWith('<')) {
      let extracted: ReturnType<typeof extractCredential>;
      try {
        extracted = extractCredential(isPng ? bytes : text!);
      } catch {
        // A damaged image, or one whose baked text would inflate past any credential's size.
        return { ok: false, message: 'This image is damaged, or the badge data in it is too large to read. Download the badge again from its page.' };
      }
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
  // Read what the checks read (the credential re-spelled in the OB 3.0 vocabulary), so a full-IRI
  // key or an {"@value": …} object cannot show one date here and hide another from the checks.
  const read = result.credential ?? (credential as Record<string, unknown>);
  const c = read as { id?: unknown; name?: unknown; validFrom?: unknown; validUntil?: unknown; issuer?: unknown };
  // Only what the signature vouches for is shown as fact: with a bad signature, nothing but the name.
  const signed = result.checks.signature === 'ok';
  // And only a key of this platform's issuers vouches for who issued it.
  const issuerKey = signed ? await platformIssuerKey(result.issuer?.id) : null;
  const platformIssuer = issuerKey?.name ?? null;
  // Dated after its issuer retired the key that signed it: the key signed nothing more from then on
  // (lib/awards/keys.ts), so whoever signed this had a key the issuer had replaced, perhaps as exposed.
  const validFrom = signed && typeof c.validFrom === 'string' ? Date.parse(c.validFrom) : NaN;
  const keyRetiredBeforeIssue = issuerKey?.retiredAt && validFrom > issuerKey.retiredAt.getTime() ? issuerKey.retiredAt.toISOString() : undefined;
  const claimedIssuer = signed && !platformIssuer ? result.issuer?.name : undefined;
  // Only a page of this site, in a credential this site signed: a self-signed credential could
  // otherwise have the page vouch for any address, or link a forgery to someone's real badge.
  const url = platformIssuer && typeof c.id === 'string' && BADGE_LINK.test(c.id) && sameOrigin(c.id) ? c.id : undefined;
  const recipient = signed ? recipientCheck(read, input.email) : undefined;
  return {
    ok: true,
    result: { ...result, credential: undefined, details: [] },
    summary: {
      name: typeof c.name === 'string' ? c.name : undefined,
      issuer: platformIssuer ?? undefined,
      ...(signed ? { issuerOnPlatform: Boolean(platformIssuer) } : {}),
      ...(claimedIssuer ? { claimedIssuer } : {}),
      validFrom: signed && typeof c.validFrom === 'string' ? c.validFrom : undefined,
      validUntil: signed && typeof c.validUntil === 'string' ? c.validUntil : undefined,
      ...(url ? { url } : {}),
      ...(recipient ? { recipient } : {}),
      ...(keyRetiredBeforeIssue ? { keyRetiredBeforeIssue } : {}),
    },
  };
}
