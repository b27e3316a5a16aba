// What the holder of a badge is told once it is withdrawn (components/credentials/withdrawn-badge.ts),
// and the résumé line a badge's page offers to copy (resume-line.ts, copy-resume-line.tsx).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { withdrawnBadgeWords } from '@/lib/awards/withdrawn-words';
import { WithdrawnBadgeNotice } from '@/components/credentials/withdrawn-badge-notice';
import { resumeLine } from '@/components/credentials/resume-line';
import { CopyResumeLine } from '@/components/credentials/copy-resume-line';

const standing = { revokedAt: null, revocationReason: null, suspendedAt: null, suspensionReason: null };

describe('a withdrawn badge, told to its holder', () => {
  it('says nothing while the badge stands', () => {
    expect(withdrawnBadgeWords(standing, 'Learning Forward')).toBeNull();
  });

  it('a revoked badge: when, and the issuer’s reason as the holder was sent it', () => {
    expect(withdrawnBadgeWords({ ...standing, revokedAt: new Date('2026-03-04T12:00:00Z'), revocationReason: 'Evidence was not the teacher’s own' }, 'Learning Forward')).toEqual({
      state: 'revoked',
      title: 'Your badge was revoked',
      text: 'The issuer revoked this badge on 4 March 2026: Evidence was not the teacher’s own.',
    });
    // A reason already ending a sentence is left as it is; none at all leaves only the date.
    expect(withdrawnBadgeWords({ ...standing, revokedAt: new Date('2026-03-04T12:00:00Z'), revocationReason: 'Plagiarised.' }, 'X')?.text).toBe('The issuer revoked this badge on 4 March 2026: Plagiarised.');
    expect(withdrawnBadgeWords({ ...standing, revokedAt: new Date('2026-03-04T12:00:00Z'), revocationReason: '  ' }, 'X')?.text).toBe('The issuer revoked this badge on 4 March 2026.');
  });

  it('a suspended badge is on hold while the issuer looks into something, in plain words', () => {
    const words = withdrawnBadgeWords({ ...standing, suspendedAt: new Date('2026-03-04T12:00:00Z'), suspensionReason: 'A complaint about the evidence is being looked into.' }, 'Learning Forward');
    expect(words).toMatchObject({ state: 'suspended', title: 'Your badge is on hold' });
    expect(words?.text).toMatch(/^This badge is on hold while Learning Forward looks into something: A complaint about the evidence is being looked into\. /);
    expect(words?.text).not.toMatch(/earned/i);
  });

  it('the notice names the issuer to contact about a revocation, and links the badge', () => {
    const html = renderToStaticMarkup(createElement(WithdrawnBadgeNotice, {
      award: { ...standing, revokedAt: new Date('2026-03-04T12:00:00Z'), revocationReason: 'Plagiarised.' },
      awardId: 'a1', issuer: { name: 'Learning Forward', slug: 'learning-forward', email: 'badges@lf.test' },
    }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="mailto:badges@lf.test">Contact Learning Forward</a> if you think this is a mistake.');
    expect(html).toContain('href="/credentials/a1"');
    expect(html).not.toMatch(/You earned|View and share/);
    const noEmail = renderToStaticMarkup(createElement(WithdrawnBadgeNotice, { award: { ...standing, revokedAt: new Date() }, awardId: 'a1', issuer: { name: 'LF', slug: 'lf' } }));
    expect(noEmail).toContain('href="/issuers/lf">Contact LF</a>');
    expect(renderToStaticMarkup(createElement(WithdrawnBadgeNotice, { award: standing, awardId: 'a1', issuer: { name: 'LF', slug: 'lf' } }))).toBe('');
  });
});

describe('the résumé line', () => {
  const line = resumeLine({ title: 'Formative  Feedback\n', issuerName: 'Learning Forward', issuedAt: new Date('2025-01-31T23:30:00Z'), url: 'https://badges.example/credentials/0d9a' });

  it('is one plain line: title, issuer, month and year issued (UTC), and the address to check it', () => {
    expect(line).toBe('Formative Feedback — Learning Forward, January 2025 — https://badges.example/credentials/0d9a');
  });

  it('is shown in a labelled read-only field, with a named copy button and a polite status for "Copied"', () => {
    const html = renderToStaticMarkup(createElement(CopyResumeLine, { text: line }));
    const id = /<label for="([^"]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const input = /<input[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain(`id="${id}"`);
    expect(input).toContain('readOnly=""');
    expect(input).toContain(`value="${line}"`);
    expect(html).toContain('>Line for your résumé or CV</label>');
    expect(html).toMatch(/<button type="button"[^>]*>Copy for résumé<\/button>/);
    expect(html).toMatch(/role="status" aria-live="polite"/);
  });
});
