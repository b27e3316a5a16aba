import { describe, expect, it } from 'vitest';
import { buildCsp, formTargets, storageOrigin } from '@/lib/security/csp';
import { isFileLink, safeCallbackUrl, SignUpInput } from '@/lib/auth/schemas';
import { withoutTokenLinks } from '@/lib/email/send';
import { renderMarkdown } from '@/lib/markdown';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';

describe('content security policy', () => {
  it('allows only this request’s scripts, no framing, and the storage origin for uploads', () => {
    const csp = buildCsp('abc123', { dev: false, storage: 'https://bucket.s3.eu-west-1.amazonaws.com' });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/bucket\.s3\.eu-west-1\.amazonaws\.com/);
    expect(storageOrigin({ S3_ENDPOINT: 'http://127.0.0.1:9000/some/path' })).toBe('http://127.0.0.1:9000');
    expect(storageOrigin({ S3_BUCKET: 'b', S3_REGION: 'us-east-1' })).toBe('https://b.s3.us-east-1.amazonaws.com');
  });
});

describe('form-action', () => {
  it('lets a form post end at the configured sign-in providers and the storage origin, and nowhere else', () => {
    expect(buildCsp('n', { dev: false, storage: null })).toContain("form-action 'self';");
    const none = formTargets({ S3_ENDPOINT: 'http://127.0.0.1:9000' });
    expect(none).toEqual(['http://127.0.0.1:9000']);
    const both = formTargets({
      AUTH_GOOGLE_ID: 'g', AUTH_GOOGLE_SECRET: 's',
      AUTH_MICROSOFT_ENTRA_ID_ID: 'm', AUTH_MICROSOFT_ENTRA_ID_SECRET: 's', AUTH_MICROSOFT_ENTRA_ID_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      S3_BUCKET: 'b', S3_REGION: 'eu-west-1',
    });
    expect(both).toEqual(['https://accounts.google.com', 'https://login.microsoftonline.com', 'https://b.s3.eu-west-1.amazonaws.com']);
    expect(buildCsp('n', { dev: false, storage: null, formTargets: both })).toContain("form-action 'self' https://accounts.google.com https://login.microsoftonline.com https://b.s3.eu-west-1.amazonaws.com;");
    // A provider without its secret is not offered, so not allowed.
    expect(formTargets({ AUTH_GOOGLE_ID: 'g' })).toEqual([]);
  });
});

describe('redirect safety', () => {
  it('follows only same-site paths after sign-in', () => {
    expect(safeCallbackUrl('/apply/x')).toBe('/apply/x');
    expect(safeCallbackUrl('https://evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl('//evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl(undefined, '/x')).toBe('/x');
    // Parsers drop tabs and newlines and read "\\" as "/": each of these would become //evil.example.
    for (const sneaky of ['/.//evil.example', '/..//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '\\/evil.example', '/%09/evil.example'.replace('%09', '\t'), '/\u0000/evil.example']) {
      expect(safeCallbackUrl(sneaky)).toBe('/dashboard');
    }
    // Encoded characters stay encoded: a path, not a host.
    expect(safeCallbackUrl('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeCallbackUrl('/micro-credentials/a?x=1#top')).toBe('/micro-credentials/a?x=1#top');
    expect(safeCallbackUrl('/catalog?q=a%20b')).toBe('/catalog?q=a%20b');
  });

  it('knows an evidence file’s link from a page (the sign-in form loads a file itself)', () => {
    expect(isFileLink('/files/cmww1mqx9005m807dc1z2jh8s')).toBe(true);
    expect(isFileLink('/files/cmww1mqx9005m807dc1z2jh8s?inline=1')).toBe(true);
    // A certificate of other learning is a private file too (app/other-learning/certificates).
    expect(isFileLink('/other-learning/certificates/cmww1mqx9005m807dc1z2jh8s')).toBe(true);
    expect(isFileLink('/other-learning/certificates/cmww1mqx9005m807dc1z2jh8s?inline=1')).toBe(true);
    for (const page of ['/other-learning/certificates', '/other-learning/certificates/', '/other-learning/abc', '/badges/other-learning']) expect(isFileLink(page), page).toBe(false);
    for (const page of ['/files', '/files/', '/files/a/captions', '/files/a?next=//evil.example', '/dashboard', '/apply/files/abc', `/files/${'a'.repeat(41)}`]) expect(isFileLink(page), page).toBe(false);
  });
});

describe('sign-up input', () => {
  it('normalises email and explains what is wrong', () => {
    expect(SignUpInput.parse({ name: ' Ana ', email: ' ANA@School.org ', password: 'long enough pw' })).toMatchObject({ name: 'Ana', email: 'ana@school.org' });
    const bad = SignUpInput.safeParse({ name: '', email: 'nope', password: 'short' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['email', 'name', 'password']);
  });
});

describe('markdown', () => {
  it('renders formatting but never raw HTML or script links', () => {
    const html = renderMarkdown('**Bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org) <img src=x onerror=alert(1)>');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">ok</a>');
  });
});

describe('cursors', () => {
  it('round-trip and ignore garbage', () => {
    const c = encodeCursor({ p: '2026-01-01T00:00:00.000Z', id: 'x' });
    const isDate = (v: Record<string, unknown>): v is { p: string; id: string } => typeof v.p === 'string' && typeof v.id === 'string';
    expect(decodeCursor(c, isDate)).toEqual({ p: '2026-01-01T00:00:00.000Z', id: 'x' });
    expect(decodeCursor('%%%', isDate)).toBeNull();
    expect(decodeCursor(encodeCursor({ r: 1, id: 'x' }), isDate)).toBeNull();
  });
});

describe('stored copies of emails', () => {
  it('keep no usable one-time link once emails really go out', () => {
    const token = 'q8X3m_Kd2-LpZr7YvB0cNwE5tHaJ9sUfGi4oR1eMx6A';
    const text = `Choose a new one here:\nhttps://microcred.example/reset-password/${token}\nConfirm: https://microcred.example/verify-email/${token}\nJoin: https://microcred.example/invitations/${token}\nYour badge: https://microcred.example/credentials/clx1abc`;
    const stored = withoutTokenLinks(text);
    expect(stored).not.toContain(token);
    expect(stored).toContain('https://microcred.example/reset-password/[link removed from this copy]');
    expect(stored).toContain('/invitations/[link removed from this copy]');
    // Ordinary links stay.
    expect(stored).toContain('https://microcred.example/credentials/clx1abc');
  });
});
