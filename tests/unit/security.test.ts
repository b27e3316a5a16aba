import { describe, expect, it } from 'vitest';
import { buildCsp, storageOrigin } from '@/lib/security/csp';
import { safeCallbackUrl, SignUpInput } from '@/lib/auth/schemas';
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

describe('redirect safety', () => {
  it('follows only same-site paths after sign-in', () => {
    expect(safeCallbackUrl('/apply/x')).toBe('/apply/x');
    expect(safeCallbackUrl('https://evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl('//evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl(undefined, '/x')).toBe('/x');
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
