import { describe, expect, it } from 'vitest';
import { publishLabel, publishStep, RETIRE_CONFIRM, retiredNotice } from '@/components/admin/credential-form-state';
import { RepublishCredentialInput } from '@/lib/authoring/schemas';

describe('the editor’s Publish button', () => {
  const base = { persisted: true, latestIsDraft: false, dirty: false };

  it('puts a retired credential with nothing new back as it was ("Publish again")', () => {
    expect(publishStep({ ...base, status: 'RETIRED' })).toBe('publish-again');
    expect(publishLabel('RETIRED', false)).toBe('Publish again');
  });

  it('publishes changes to a retired credential as a new version (saving them first)', () => {
    expect(publishStep({ ...base, status: 'RETIRED', dirty: true })).toBe('publish');
    expect(publishStep({ ...base, status: 'RETIRED', latestIsDraft: true })).toBe('publish');
  });

  it('still says there is nothing new for a published credential, and publishes drafts and new credentials', () => {
    expect(publishStep({ ...base, status: 'PUBLISHED' })).toBe('nothing-new');
    expect(publishStep({ ...base, status: 'PUBLISHED', latestIsDraft: true })).toBe('publish');
    expect(publishStep({ ...base, status: 'DRAFT', latestIsDraft: true })).toBe('publish');
    expect(publishStep({ status: null, persisted: false, latestIsDraft: false, dirty: true })).toBe('publish');
    expect(publishLabel('PUBLISHED', false)).toBe('Publish');
    expect(publishLabel('RETIRED', true)).toBe('Publishing…');
  });

  it('tells the author which version goes back, and where', () => {
    const slug = 'exit-tickets';
    expect(retiredNotice({ slug, publishedVersion: 2, latestIsDraft: false, dirty: false })).toMatch(/Publish again puts version 2 back in the catalogue at \/micro-credentials\/exit-tickets, unchanged/);
    expect(retiredNotice({ slug, publishedVersion: 2, latestIsDraft: true, dirty: false })).toMatch(/publishes your changes as a new version/);
    expect(retiredNotice({ slug, publishedVersion: 2, latestIsDraft: false, dirty: true })).toMatch(/publishes your changes as a new version/);
  });

  it('the retire prompt says what stays and that it can be published again', () => {
    expect(RETIRE_CONFIRM).toMatch(/teachers already working on it can still finish/);
    expect(RETIRE_CONFIRM).toMatch(/publish it again later, at the same address/);
  });
});

describe('RepublishCredentialInput', () => {
  const ok = { microCredentialId: 'mc_1', expected: { versionId: 'v_1', updatedAt: '2026-01-02T03:04:05.678Z' } };

  it('needs the version the form was loaded from, so a stale form can be told apart', () => {
    const parsed = RepublishCredentialInput.safeParse(ok);
    expect(parsed.success && parsed.data.expected.updatedAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(RepublishCredentialInput.safeParse({ microCredentialId: 'mc_1' }).success).toBe(false);
    expect(RepublishCredentialInput.safeParse({ ...ok, expected: { ...ok.expected, updatedAt: 'yesterday' } }).success).toBe(false);
  });

  it('drops NUL from ids and refuses empty or overlong ones', () => {
    const parsed = RepublishCredentialInput.safeParse({ ...ok, microCredentialId: 'mc\u0000_1' });
    expect(parsed.success && parsed.data.microCredentialId).toBe('mc_1');
    expect(RepublishCredentialInput.safeParse({ ...ok, microCredentialId: '' }).success).toBe(false);
    expect(RepublishCredentialInput.safeParse({ ...ok, microCredentialId: 'a'.repeat(41) }).success).toBe(false);
  });
});
