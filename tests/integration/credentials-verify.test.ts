// Sign with our library, verify with an independent implementation (the Digital Credentials
// Consortium's verifier-core, used by Learner Credential Wallet) and with our own verifier.
//
// Everything runs offline: verifier-core bundles its JSON-LD contexts and resolves did:key
// locally, but fetches the OB JSON schema and status lists over HTTP, so `fetch` is replaced by a
// stub that serves the vendored schema and our status list credentials and refuses anything else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyCredential as verifyWithDcc } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bakePng, extractCredential } from '@/lib/credentials/bake';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';
import { buildOpenBadgeCredential, type OpenBadgeCredentialInput } from '@/lib/credentials/build';
import { generateIssuerKeyPair, type IssuerKeyPair } from '@/lib/credentials/keys';
import { signCredential } from '@/lib/credentials/sign';
import {
  buildStatusListCredential,
  createStatusList,
  setStatusBit,
} from '@/lib/credentials/status-list';
import type { OpenBadgeCredential, StatusListCredential } from '@/lib/credentials/types';
import { verifyCredential } from '@/lib/credentials/verify';

const OB_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const STATUS_URL = 'https://badges.example.org/status/revocation/1';
const REVOKED_INDEX = 4097;
const VALID_INDEX = 12;

const schemaText = readFileSync(
  path.join(process.cwd(), 'lib/credentials/schemas/ob-v3p0-achievementcredential.schema.json'),
  'utf8',
);

let issuer: IssuerKeyPair;
let statusList: StatusListCredential;
const published = new Map<string, unknown>();
const requestedUrls: string[] = [];

function fetchStatusList(url: string): Promise<unknown | null> {
  return Promise.resolve(published.get(url) ?? null);
}

function input(overrides: Partial<OpenBadgeCredentialInput> = {}): OpenBadgeCredentialInput {
  return {
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { id: issuer.did, name: 'Riverside Unified School District', url: 'https://riverside.example.org' },
    achievement: {
      id: 'https://badges.example.org/achievements/formative-assessment-1',
      name: 'Formative Assessment in Practice',
      description: 'Uses formative assessment to adjust instruction during a lesson.',
      criteria: { narrative: 'Portfolio scored at level 3 or above on the rubric by two reviewers.' },
      achievementType: 'MicroCredential',
      creditsAvailable: 15,
      alignment: [{ targetName: 'InTASC Standard 6', targetUrl: 'https://ccsso.org/intasc/standard-6' }],
    },
    recipient: { email: 'teacher@riverside.example.org' },
    validFrom: new Date(Date.now() - 60_000),
    evidence: [{ id: 'https://badges.example.org/evidence/7d2f', name: 'Reviewed portfolio' }],
    credentialStatus: { statusListCredential: STATUS_URL, statusListIndex: VALID_INDEX, statusPurpose: 'revocation' },
    ...overrides,
  };
}

async function issue(overrides: Partial<OpenBadgeCredentialInput> = {}): Promise<OpenBadgeCredential> {
  return signCredential(buildOpenBadgeCredential(input(overrides)), issuer);
}

type DccLogEntry = { id: string; valid?: boolean; error?: unknown };

async function dcc(credential: unknown) {
  const result = (await verifyWithDcc({
    credential: credential as never,
    knownDIDRegistries: [],
  })) as unknown as {
    log?: DccLogEntry[];
    errors?: Array<{ name: string; message: string }>;
    additionalInformation?: Array<{ id: string; results: Array<{ result: { valid: boolean } }> }>;
  };
  const step = (id: string) => result.log?.find((entry) => entry.id === id);
  return { result, step };
}

beforeAll(async () => {
  issuer = await generateIssuerKeyPair();
  const list = createStatusList();
  setStatusBit(list, REVOKED_INDEX, true);
  statusList = await signCredential(
    buildStatusListCredential({
      id: STATUS_URL,
      issuer: issuer.did,
      statusPurpose: 'revocation',
      list,
      validFrom: new Date(Date.now() - 3_600_000),
    }),
    issuer,
  );
  published.set(STATUS_URL, statusList);

  vi.stubGlobal('fetch', async (resource: unknown) => {
    const url = typeof resource === 'string' ? resource : resource instanceof URL ? resource.href : (resource as Request).url;
    requestedUrls.push(url);
    const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
    if (url === OB_SCHEMA_URL) return json(schemaText);
    if (published.has(url)) return json(JSON.stringify(published.get(url)));
    throw new TypeError(`Network access is disabled in this test (${url}).`);
  });
});

afterAll(() => {
  vi.unstubAllGlobals();
});

beforeEach(() => {
  requestedUrls.length = 0;
});

describe('independent verification with @digitalcredentials/verifier-core', () => {
  it('accepts our signature, dates, status and schema', async () => {
    const credential = await issue();
    const { result, step } = await dcc(credential);
    expect(result.errors).toBeUndefined();
    expect(step('valid_signature')?.valid).toBe(true);
    expect(step('expiration')?.valid).toBe(true);
    expect(step('revocation_status')?.valid).toBe(true);
    const schemaCheck = result.additionalInformation?.find((entry) => entry.id === 'schema_check');
    expect(schemaCheck?.results[0]?.result.valid).toBe(true);
    // Only the two URLs we serve were requested; nothing reached the network.
    expect(new Set(requestedUrls)).toEqual(new Set([STATUS_URL, OB_SCHEMA_URL]));
  });

  it('sees a revoked credential as revoked', async () => {
    const credential = await issue({
      credentialStatus: { statusListCredential: STATUS_URL, statusListIndex: REVOKED_INDEX, statusPurpose: 'revocation' },
    });
    const { step } = await dcc(credential);
    expect(step('valid_signature')?.valid).toBe(true);
    expect(step('revocation_status')?.valid).toBe(false);
  });

  it('rejects a tampered credential', async () => {
    const credential = await issue();
    const tampered = structuredClone(credential);
    tampered.credentialSubject.achievement.name = 'National Board Certification';
    const { result } = await dcc(tampered);
    expect(result.errors?.map((e) => e.name)).toContain('invalid_signature');
  });

  it('reports an expired credential as expired', async () => {
    const credential = await issue({
      validFrom: new Date('2020-01-01T00:00:00Z'),
      validUntil: new Date('2021-01-01T00:00:00Z'),
    });
    const { step } = await dcc(credential);
    expect(step('valid_signature')?.valid).toBe(true);
    expect(step('expiration')?.valid).toBe(false);
  });
});

describe('verifyCredential (ours)', () => {
  it('verifies a freshly issued credential without touching the network', async () => {
    const credential = await issue();
    const result = await verifyCredential(credential, { fetchStatusList });
    expect(result).toMatchObject({
      verified: true,
      checks: { signature: 'ok', expiry: 'ok', revocation: 'ok', schema: 'ok' },
      errors: [],
      issuer: { id: issuer.did, name: 'Riverside Unified School District', url: 'https://riverside.example.org' },
    });
    expect(requestedUrls).toEqual([]);
    // Also accepts the JSON text as pasted into /verify.
    expect((await verifyCredential(JSON.stringify(credential), { fetchStatusList })).verified).toBe(true);
  });

  it.each([
    ['achievement name', (vc: OpenBadgeCredential) => { vc.credentialSubject.achievement.name = 'Something else'; }],
    ['issuer name', (vc: OpenBadgeCredential) => { vc.issuer.name = 'Fake Academy'; }],
    ['recipient hash', (vc: OpenBadgeCredential) => { vc.credentialSubject.identifier[0]!.identityHash = `sha256$${'0'.repeat(64)}`; }],
    ['PD hours', (vc: OpenBadgeCredential) => { vc.credentialSubject.achievement.creditsAvailable = 150; }],
    ['validFrom', (vc: OpenBadgeCredential) => { vc.validFrom = '2019-01-01T00:00:00Z'; }],
    ['status index', (vc: OpenBadgeCredential) => { vc.credentialStatus!.statusListIndex = '13'; }],
    ['added evidence', (vc: OpenBadgeCredential) => { vc.evidence!.push({ id: 'https://x.example/e', type: ['Evidence'], name: 'Extra' }); }],
    ['proof value', (vc: OpenBadgeCredential) => { vc.proof[0]!.proofValue = vc.proof[0]!.proofValue.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')); }],
  ])('fails the signature check when the %s is changed', async (_field, tamper) => {
    const credential = await issue();
    const tampered = structuredClone(credential);
    tamper(tampered);
    const result = await verifyCredential(tampered, { fetchStatusList });
    expect(result.verified).toBe(false);
    expect(result.checks.signature).toBe('fail');
    expect(result.errors[0]).toMatch(/signature is not valid/);
    // A forged credential must not get as far as consulting the status list.
    expect(result.checks.revocation).toBe('unknown');
  });

  it('fails when the issuer is swapped for another key (proof controller mismatch)', async () => {
    const credential = await issue();
    const impostor = await generateIssuerKeyPair();
    const forged = { ...structuredClone(credential), issuer: { ...credential.issuer, id: impostor.did } };
    const result = await verifyCredential(forged, { fetchStatusList });
    expect(result.checks.signature).toBe('fail');
  });

  it('reports a missing signature plainly', async () => {
    const unsigned = buildOpenBadgeCredential(input());
    const result = await verifyCredential(unsigned, { fetchStatusList });
    expect(result.checks.signature).toBe('fail');
    expect(result.errors).toContain('The credential has no digital signature.');
  });

  it('reports an expired credential as expired but authentic', async () => {
    const credential = await issue({
      validFrom: new Date('2020-01-01T00:00:00Z'),
      validUntil: new Date('2021-06-30T00:00:00Z'),
    });
    const result = await verifyCredential(credential, { fetchStatusList });
    expect(result.verified).toBe(false);
    expect(result.checks).toEqual({ signature: 'ok', expiry: 'expired', revocation: 'ok', schema: 'ok' });
    expect(result.errors).toEqual(['This credential expired on 2021-06-30.']);
    // The same credential checked at a time inside its validity window is fine.
    const then = await verifyCredential(credential, { fetchStatusList, now: new Date('2020-06-01T00:00:00Z') });
    expect(then.verified).toBe(true);
  });

  it('reports a credential that is not valid yet', async () => {
    const credential = await issue({ validFrom: new Date(Date.now() + 7 * 24 * 3_600_000) });
    const result = await verifyCredential(credential, { fetchStatusList });
    expect(result.checks.signature).toBe('ok');
    expect(result.checks.expiry).toBe('not-yet-valid');
  });

  it('reports a revoked credential as revoked', async () => {
    const credential = await issue({
      credentialStatus: { statusListCredential: STATUS_URL, statusListIndex: REVOKED_INDEX, statusPurpose: 'revocation' },
    });
    const result = await verifyCredential(credential, { fetchStatusList });
    expect(result.verified).toBe(false);
    expect(result.checks).toEqual({ signature: 'ok', expiry: 'ok', revocation: 'revoked', schema: 'ok' });
    expect(result.errors).toEqual(['The issuer has revoked this credential.']);
  });

  it('does not trust a status list that is missing, forged or from another issuer', async () => {
    const credential = await issue();

    const noFetcher = await verifyCredential(credential);
    expect(noFetcher.checks.revocation).toBe('unknown');
    expect(noFetcher.verified).toBe(false);

    const missing = await verifyCredential(credential, { fetchStatusList: async () => null });
    expect(missing.checks.revocation).toBe('unknown');

    const forged = structuredClone(statusList);
    forged.credentialSubject.encodedList = buildStatusListCredential({
      id: STATUS_URL, issuer: issuer.did, statusPurpose: 'revocation', list: createStatusList(), validFrom: new Date(),
    }).credentialSubject.encodedList;
    const withForged = await verifyCredential(credential, { fetchStatusList: async () => forged });
    expect(withForged.checks.revocation).toBe('unknown');
    expect(withForged.details.join(' ')).toMatch(/status list signature is invalid/);

    const stranger = await generateIssuerKeyPair();
    const strangersList = await signCredential(
      buildStatusListCredential({
        id: STATUS_URL, issuer: stranger.did, statusPurpose: 'revocation', list: createStatusList(), validFrom: new Date(),
      }),
      stranger,
    );
    const withStrangers = await verifyCredential(credential, { fetchStatusList: async () => strangersList });
    expect(withStrangers.checks.revocation).toBe('unknown');
    expect(withStrangers.details.join(' ')).toMatch(/not issued by the credential issuer/);
  });

  it('keeps verifying credentials signed with an older key after rotation', async () => {
    const oldCredential = await issue();
    const rotated = await generateIssuerKeyPair();
    const oldKey = issuer;
    try {
      issuer = rotated;
      const newCredential = await issue({ credentialStatus: undefined });
      expect((await verifyCredential(newCredential)).verified).toBe(true);
    } finally {
      issuer = oldKey;
    }
    expect((await verifyCredential(oldCredential, { fetchStatusList })).verified).toBe(true);
  });

  it('verifies a credential extracted from a baked PNG badge', async () => {
    const credential = await issue();
    const png = renderPng(generateBadgeSvg({ title: credential.name, issuerName: credential.issuer.name }), 128);
    const extracted = extractCredential(bakePng(png, credential));
    expect(extracted?.kind).toBe('json');
    const result = await verifyCredential(extracted?.kind === 'json' ? extracted.credential : null, { fetchStatusList });
    expect(result.verified).toBe(true);
  });

  it('explains non-credential input', async () => {
    expect((await verifyCredential('not json')).errors).toEqual([
      'This is not an Open Badges credential (expected a JSON object).',
    ]);
    expect((await verifyCredential('eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln')).errors[0]).toMatch(/JWT/);
  });
});

describe('verifyCredential (ours) with credentials it cannot check offline', () => {
  it('says "cannot check" rather than "tampered" for an unknown context or a did:web issuer', async () => {
    const credential = await issue();
    const unknownContext = {
      ...structuredClone(credential),
      '@context': [...credential['@context'], 'https://example.org/custom-context.json'],
    };
    const result = await verifyCredential(unknownContext, { fetchStatusList });
    expect(result.checks.signature).toBe('fail');
    expect(result.errors.join(' ')).toMatch(/cannot check/);
    expect(requestedUrls).toEqual([]);

    const didWeb = structuredClone(credential);
    didWeb.proof[0]!.verificationMethod = 'did:web:badges.example.org#key-1';
    const didWebResult = await verifyCredential(didWeb, { fetchStatusList });
    expect(didWebResult.checks.signature).toBe('fail');
    expect(didWebResult.errors.join(' ')).toMatch(/cannot check/);
  });
});

// The proof signs the credential's JSON-LD graph, not its JSON spelling. The same credential can
// be re-spelled (a full IRI for a key, an {"@value": …} object, an inline context aliasing a term)
// and still verify; the expiry and status checks must see through every such spelling, or a
// revoked, expired badge would be reported "genuine and valid".
describe('verifyCredential (ours) with a credential re-spelled in equivalent JSON-LD', () => {
  const CRED = 'https://www.w3.org/2018/credentials#';
  const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';

  async function revokedAndExpired() {
    return issue({
      validFrom: new Date('2020-01-01T00:00:00Z'),
      validUntil: new Date('2021-06-30T00:00:00Z'),
      credentialStatus: { statusListCredential: STATUS_URL, statusListIndex: REVOKED_INDEX, statusPurpose: 'revocation' },
    });
  }

  it('finds the expiry date and the revocation entry behind full-IRI keys and @value objects', async () => {
    const credential = (await revokedAndExpired()) as unknown as Record<string, unknown>;
    const respelled: Record<string, unknown> = structuredClone(credential);
    respelled[`${CRED}credentialStatus`] = respelled.credentialStatus;
    respelled[`${CRED}validUntil`] = { '@value': respelled.validUntil, '@type': XSD_DATETIME };
    delete respelled.credentialStatus;
    delete respelled.validUntil;

    const result = await verifyCredential(respelled, { fetchStatusList });
    // Still the issuer's genuine signature...
    expect(result.checks.signature).toBe('ok');
    // ...but revoked and expired, exactly as the plain spelling is.
    expect(result.verified).toBe(false);
    expect(result.checks.expiry).toBe('expired');
    expect(result.checks.revocation).toBe('revoked');
    expect(result.errors).toEqual(['This credential expired on 2021-06-30.', 'The issuer has revoked this credential.']);
    // What the checks read is what callers are given to show.
    expect(result.credential).toMatchObject({ validUntil: '2021-06-30T00:00:00Z', credentialStatus: { statusPurpose: 'revocation' } });
  });

  it('finds them behind an inline context that aliases the terms', async () => {
    const credential = (await revokedAndExpired()) as unknown as Record<string, unknown>;
    const respelled: Record<string, unknown> = structuredClone(credential);
    respelled['@context'] = [
      ...(credential['@context'] as string[]),
      { status: { '@id': `${CRED}credentialStatus`, '@type': '@id' }, until: { '@id': `${CRED}validUntil`, '@type': XSD_DATETIME } },
    ];
    respelled.status = respelled.credentialStatus;
    respelled.until = respelled.validUntil;
    delete respelled.credentialStatus;
    delete respelled.validUntil;

    const result = await verifyCredential(respelled, { fetchStatusList });
    expect(result.checks).toEqual({ signature: 'ok', expiry: 'expired', revocation: 'revoked', schema: 'ok' });
    expect(result.verified).toBe(false);
  });

  it('still verifies a good credential whatever its spelling', async () => {
    const credential = (await issue()) as unknown as Record<string, unknown>;
    const respelled: Record<string, unknown> = structuredClone(credential);
    respelled[`${CRED}validFrom`] = { '@value': respelled.validFrom, '@type': XSD_DATETIME };
    delete respelled.validFrom;
    const result = await verifyCredential(respelled, { fetchStatusList });
    expect(result.checks).toMatchObject({ signature: 'ok', expiry: 'ok', revocation: 'ok' });
  });

  it('a changed date in any spelling breaks the signature', async () => {
    const credential = (await revokedAndExpired()) as unknown as Record<string, unknown>;
    const respelled: Record<string, unknown> = structuredClone(credential);
    respelled[`${CRED}validUntil`] = { '@value': '2099-01-01T00:00:00Z', '@type': XSD_DATETIME };
    delete respelled.validUntil;
    const result = await verifyCredential(respelled, { fetchStatusList });
    expect(result.checks.signature).toBe('fail');
    expect(result.verified).toBe(false);
  });
});
