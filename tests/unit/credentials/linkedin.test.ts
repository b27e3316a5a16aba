import { describe, expect, it } from 'vitest';
import { buildLinkedInAddToProfileUrl, buildLinkedInSharePostUrl, linkedInLinksFor } from '@/lib/credentials/linkedin';

const base = {
  name: 'C++ & Formative Assessment',
  organizationName: 'Riverside Unified School District',
  issuedAt: new Date('2025-01-31T23:30:00Z'),
  certUrl: 'https://badges.example.org/credentials/6f1c2a3b?src=linkedin',
  certId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
};

describe('buildLinkedInAddToProfileUrl', () => {
  it('pre-fills the certification form', () => {
    const url = new URL(buildLinkedInAddToProfileUrl(base));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    const p = url.searchParams;
    expect(p.get('startTask')).toBe('CERTIFICATION_NAME');
    expect(p.get('name')).toBe('C++ & Formative Assessment');
    expect(p.get('organizationName')).toBe('Riverside Unified School District');
    // January in UTC, 1-based, regardless of the server time zone.
    expect(p.get('issueYear')).toBe('2025');
    expect(p.get('issueMonth')).toBe('1');
    expect(p.get('certUrl')).toBe(base.certUrl);
    expect(p.get('certId')).toBe(base.certId);
    expect(p.has('expirationYear')).toBe(false);
    expect(p.has('organizationId')).toBe(false);
  });

  it('percent-encodes spaces and plus signs', () => {
    const raw = buildLinkedInAddToProfileUrl(base);
    expect(raw).toContain('name=C%2B%2B%20%26%20Formative%20Assessment');
    expect(raw).not.toContain('+');
  });

  it('adds expiration and organizationId when known', () => {
    const p = new URL(
      buildLinkedInAddToProfileUrl({ ...base, organizationId: 1337, expiresAt: new Date('2028-12-01T00:00:00Z') }),
    ).searchParams;
    expect(p.get('organizationId')).toBe('1337');
    expect(p.get('expirationYear')).toBe('2028');
    expect(p.get('expirationMonth')).toBe('12');
  });

  it('rejects a non-web certUrl', () => {
    expect(() => buildLinkedInAddToProfileUrl({ ...base, certUrl: 'javascript:alert(1)' })).toThrow(/http/);
  });
});

describe('buildLinkedInSharePostUrl', () => {
  it('opens LinkedIn’s share box on the badge’s public page', () => {
    const url = new URL(buildLinkedInSharePostUrl('https://badges.example.org/credentials/6f1c2a3b'));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/sharing/share-offsite/');
    expect([...url.searchParams.keys()]).toEqual(['url']);
    expect(url.searchParams.get('url')).toBe('https://badges.example.org/credentials/6f1c2a3b');
  });

  it('encodes the page’s own query as part of the one url parameter', () => {
    const raw = buildLinkedInSharePostUrl(base.certUrl);
    expect(raw).toBe('https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fbadges.example.org%2Fcredentials%2F6f1c2a3b%3Fsrc%3Dlinkedin');
    // "&src=..." would otherwise reach LinkedIn as its own parameter, and the shared page lose it.
    const withAmp = new URL(buildLinkedInSharePostUrl('https://badges.example.org/credentials/x?a=1&b=2'));
    expect(withAmp.searchParams.get('url')).toBe('https://badges.example.org/credentials/x?a=1&b=2');
    expect(withAmp.searchParams.has('b')).toBe(false);
  });

  it('rejects a non-web URL', () => {
    expect(() => buildLinkedInSharePostUrl('javascript:alert(1)')).toThrow(/http/);
  });
});

describe('linkedInLinksFor', () => {
  const badge = { isOwner: true, revokedAt: null, suspendedAt: null, certification: base };

  it('offers the holder of a standing badge both links, to the same public page', () => {
    const links = linkedInLinksFor(badge);
    expect(links).not.toBeNull();
    expect(new URL(links!.addToProfile).searchParams.get('certUrl')).toBe(base.certUrl);
    expect(new URL(links!.sharePost).searchParams.get('url')).toBe(base.certUrl);
  });

  it('offers nothing to anyone else, nor for a revoked or suspended badge', () => {
    expect(linkedInLinksFor({ ...badge, isOwner: false })).toBeNull();
    expect(linkedInLinksFor({ ...badge, revokedAt: new Date('2026-03-05') })).toBeNull();
    expect(linkedInLinksFor({ ...badge, suspendedAt: new Date('2026-03-05') })).toBeNull();
  });
});
