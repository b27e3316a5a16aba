// The public verifier (/verify, lib/awards/verify-upload.ts) must not call a forgery "genuine":
// anyone can make a did:key, write a real issuer's name beside it, sign, and leave out the status
// entry. A sound signature only says who holds the key; whose key it is, the platform's records say.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { verifyUpload } from '@/lib/awards/verify-upload';
import { signCredential } from '@/lib/credentials/sign';
import { generateIssuerKeyPair } from '@/lib/credentials/keys';
import { verifyVerdict } from '@/components/credential/verify-verdict';
import { revokeAward } from '@/lib/awards/revoke';

beforeEach(resetDatabase);

async function realBadge() {
  const cred = await createPublishedCredential();
  const teacher = await createActor();
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, cred.mc.id));
  const award = await db.award.findUniqueOrThrow({ where: { id: awardId }, include: { issuer: true } });
  return { award, issuerName: award.issuer.name, admin: cred.admin };
}

describe('the public verifier and who issued a badge', () => {
  it('a real badge of this platform is genuine, issued by the issuer as the platform names it', async () => {
    const { award, issuerName } = await realBadge();
    const outcome = await verifyUpload({ kind: 'text', text: JSON.stringify(award.credential) });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.verified).toBe(true);
    expect(outcome.summary).toMatchObject({ issuer: issuerName, issuerOnPlatform: true, url: (award.credential as { id: string }).id });
    expect(verifyVerdict(outcome, '')).toEqual({ tone: 'success', title: 'This credential is genuine and valid' });
  });

  it('a badge signed with a key of its own, naming a real issuer and pointing at a real badge page, is never called genuine', async () => {
    const { award, issuerName } = await realBadge();
    const forged = JSON.parse(JSON.stringify(award.credential)) as { proof?: unknown; credentialStatus?: unknown; issuer: Record<string, unknown>; credentialSubject: { achievement: { name: string } } };
    const key = await generateIssuerKeyPair();
    delete forged.proof;
    delete forged.credentialStatus;
    forged.issuer = { ...forged.issuer, id: key.did, name: issuerName };
    forged.credentialSubject.achievement.name = 'Something never earned';
    const signed = await signCredential(forged as never, key);

    const outcome = await verifyUpload({ kind: 'text', text: JSON.stringify(signed) });
    if (!outcome.ok) throw new Error(outcome.message);
    // The signature is sound (that key signed it) and nothing says it was revoked...
    expect(outcome.result.checks.signature).toBe('ok');
    // ...but no issuer here holds that key: the name is a claim, and the real badge's page is not offered.
    expect(outcome.summary).toMatchObject({ issuerOnPlatform: false, claimedIssuer: issuerName });
    expect(outcome.summary.issuer).toBeUndefined();
    expect(outcome.summary.url).toBeUndefined();
    expect(verifyVerdict(outcome, '')).toEqual({ tone: 'warning', title: 'Signed, but not by an issuer on this platform' });
  });

  it('a revoked badge re-spelled with full-IRI keys (the signature still holds) is still revoked, never "genuine and valid"', async () => {
    const { award, admin } = await realBadge();
    await revokeAward({ actor: admin, awardId: award.id, reason: 'Evidence was not the teacher’s own.' });
    const respelled = JSON.parse(JSON.stringify(award.credential)) as Record<string, unknown>;
    respelled['https://www.w3.org/2018/credentials#credentialStatus'] = respelled.credentialStatus;
    delete respelled.credentialStatus;

    const outcome = await verifyUpload({ kind: 'text', text: JSON.stringify(respelled) });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.checks).toMatchObject({ signature: 'ok', revocation: 'revoked' });
    expect(verifyVerdict(outcome, '')).toEqual({ tone: 'danger', title: 'This credential did not pass verification' });
  });
});
