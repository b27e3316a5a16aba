import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CredentialInputError,
  buildAchievement,
  buildIssuerProfile,
  buildOpenBadgeCredential,
} from '@/lib/credentials/build';
import { emailMatchesIdentity } from '@/lib/credentials/identity';
import { generateIssuerKeyPair } from '@/lib/credentials/keys';
import { validateOpenBadgeCredential } from '@/lib/credentials/schema';
import { signCredential } from '@/lib/credentials/sign';
import { credentialInput, RECIPIENT_EMAIL, SALT } from './fixtures';

const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('buildOpenBadgeCredential', () => {
  it('emits the exact OB 3.0 / VC 2.0 envelope', () => {
    const vc = buildOpenBadgeCredential(credentialInput(DID));
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.id).toBe('urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
    expect(vc.issuer).toMatchObject({ id: DID, type: ['Profile'], name: 'Riverside Unified School District' });
    expect(vc.name).toBe('Formative Assessment in Practice');
    expect(vc.validFrom).toBe('2025-03-01T15:30:00Z');
    expect(vc.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(vc.credentialSubject.achievement.creditsAvailable).toBe(15);
    expect(vc.evidence?.[0]).toMatchObject({ type: ['Evidence'], id: 'https://badges.example.org/evidence/7d2f' });
    // Optional fields that were not given must be absent, not `undefined` keys.
    expect(Object.keys(vc)).not.toContain('validUntil');
    expect(Object.keys(vc)).not.toContain('credentialStatus');
  });

  it('hashes the recipient email as sha256$hex(sha256(email + salt)) and never publishes it', () => {
    const vc = buildOpenBadgeCredential(credentialInput(DID));
    const [identity] = vc.credentialSubject.identifier;
    const expected = createHash('sha256').update(`${RECIPIENT_EMAIL.toLowerCase()}${SALT}`).digest('hex');
    expect(identity).toEqual({
      type: 'IdentityObject',
      identityHash: `sha256$${expected}`,
      identityType: 'emailAddress',
      hashed: true,
      salt: SALT,
    });
    expect(JSON.stringify(vc).toLowerCase()).not.toContain(RECIPIENT_EMAIL.toLowerCase());
    expect(emailMatchesIdentity('  maria.lopez@example-school.org ', identity!)).toBe(true);
    expect(emailMatchesIdentity('someone.else@example-school.org', identity!)).toBe(false);
  });

  it('uses a fresh random salt when none is given', () => {
    const input = credentialInput(DID, { recipient: { email: RECIPIENT_EMAIL } });
    const a = buildOpenBadgeCredential(input).credentialSubject.identifier[0]!;
    const b = buildOpenBadgeCredential(input).credentialSubject.identifier[0]!;
    expect(a.salt).not.toBe(b.salt);
    expect(a.identityHash).not.toBe(b.identityHash);
  });

  it('writes a single BitstringStatusListEntry with a string index', () => {
    const vc = buildOpenBadgeCredential(
      credentialInput(DID, {
        credentialStatus: {
          statusListCredential: 'https://badges.example.org/status/revocation/1',
          statusListIndex: 4242,
          statusPurpose: 'revocation',
        },
      }),
    );
    expect(vc.credentialStatus).toEqual({
      id: 'https://badges.example.org/status/revocation/1#4242',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '4242',
      statusListCredential: 'https://badges.example.org/status/revocation/1',
    });
  });

  it('rejects inputs that would produce an invalid credential', () => {
    expect(() => buildOpenBadgeCredential(credentialInput(DID, { id: 'not a url' }))).toThrow(CredentialInputError);
    expect(() =>
      buildOpenBadgeCredential(credentialInput(DID, { validUntil: new Date('2024-01-01T00:00:00Z') })),
    ).toThrow(/validUntil must be after validFrom/);
    expect(() =>
      buildOpenBadgeCredential(credentialInput(DID, { recipient: { email: 'no-at-sign' } })),
    ).toThrow(/email/);
    expect(() =>
      buildOpenBadgeCredential(
        credentialInput(DID, { evidence: [{ id: 'file:///private/upload.mp4', name: 'Video' }] }),
      ),
    ).toThrow(/http\(s\)/);
  });
});

describe('buildAchievement / buildIssuerProfile', () => {
  it('builds a standalone Achievement for import/export', () => {
    const achievement = buildAchievement(credentialInput(DID).achievement);
    expect(achievement).toMatchObject({
      id: 'https://badges.example.org/achievements/formative-assessment-1',
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      criteria: { narrative: expect.stringContaining('lesson plan') },
      image: { type: 'Image' },
      alignment: [{ type: ['Alignment'], targetCode: '6' }],
      creator: { type: ['Profile'] },
    });
  });

  it('rejects a malformed language tag', () => {
    expect(() => buildAchievement({ ...credentialInput(DID).achievement, inLanguage: 'english' })).toThrow(
      /language tag/,
    );
  });

  it('omits optional profile fields that were not provided', () => {
    expect(buildIssuerProfile({ id: DID, name: 'District' })).toEqual({ id: DID, type: ['Profile'], name: 'District' });
  });
});

describe('schema validation of signed credentials', () => {
  it('a built and signed credential validates against the 1EdTech AchievementCredential schema', async () => {
    const key = await generateIssuerKeyPair();
    const vc = buildOpenBadgeCredential(
      credentialInput(key.did, {
        validUntil: new Date('2028-03-01T00:00:00Z'),
        credentialStatus: {
          statusListCredential: 'https://badges.example.org/status/revocation/1',
          statusListIndex: 17,
          statusPurpose: 'revocation',
        },
      }),
    );
    const signed = await signCredential(vc, key);
    const result = validateOpenBadgeCredential(signed);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: key.verificationMethod,
    });
  });

  it('the schema rejects a proof object (why signCredential emits an array) and missing required fields', async () => {
    const key = await generateIssuerKeyPair();
    const signed = await signCredential(buildOpenBadgeCredential(credentialInput(key.did)), key);
    expect(validateOpenBadgeCredential({ ...signed, proof: signed.proof[0] }).valid).toBe(false);

    const achievementWithoutName: Partial<typeof signed.credentialSubject.achievement> = {
      ...signed.credentialSubject.achievement,
    };
    delete achievementWithoutName.name;
    const broken = {
      ...signed,
      credentialSubject: { ...signed.credentialSubject, achievement: achievementWithoutName },
    };
    const result = validateOpenBadgeCredential(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/credentialSubject\/achievement must have required property 'name'/);
  });

  it('refuses to sign a term the contexts do not define (VC 2.0 has no @vocab fallback)', async () => {
    const key = await generateIssuerKeyPair();
    const vc = buildOpenBadgeCredential(credentialInput(key.did));
    const withUnknownTerm = { ...vc, credentialSubject: { ...vc.credentialSubject, teacherShoeSize: 42 } };
    await expect(signCredential(withUnknownTerm, key)).rejects.toThrow(/Safe mode/);
  });
});
