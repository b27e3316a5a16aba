// What a micro-credential badge's signed credential says about its achievement, for its public page:
// the version it was earned on and the standards it is aligned to. Read from the credential as
// signed, so the page shows what a verifier checking the JSON sees, whatever changed since.
import { safeHttpUrl } from '@/lib/security/safe-url';

export type SignedAlignment = { name: string; url: string | null; framework: string | null; code: string | null };

type Achievement = { version?: unknown; alignment?: unknown };

function achievementOf(credential: unknown): Achievement | null {
  const subject = (credential as { credentialSubject?: unknown } | null)?.credentialSubject;
  const achievement = (subject as { achievement?: unknown } | null | undefined)?.achievement;
  return achievement && typeof achievement === 'object' ? (achievement as Achievement) : null;
}

/** The version number signed into the badge ("3"), or null when it names none that a page could have. */
export function signedVersion(credential: unknown): number | null {
  const v = achievementOf(credential)?.version;
  return typeof v === 'string' && /^[1-9][0-9]{0,5}$/.test(v) ? Number(v) : null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Only web addresses are links: anything else (javascript:, a URN) is shown as text, not linked. One rule for every stored link (lib/security/safe-url.ts). */
export const webUrl = safeHttpUrl;

/** The achievement's `alignment` list as signed; entries without a name are left out. */
export function signedAlignments(credential: unknown): SignedAlignment[] {
  const list = achievementOf(credential)?.alignment;
  if (!Array.isArray(list)) return [];
  const out: SignedAlignment[] = [];
  for (const a of list) {
    if (!a || typeof a !== 'object') continue;
    const { targetName, targetUrl, targetFramework, targetCode } = a as Record<string, unknown>;
    const name = text(targetName);
    if (!name) continue;
    out.push({ name, url: webUrl(targetUrl), framework: text(targetFramework), code: text(targetCode) });
  }
  return out;
}
