// Which stored web addresses become links (lib/security/safe-url.ts), and the credential page's
// resource and alignment lists built on it: a version published before links were limited to http(s)
// (ADR 020) may hold a javascript: or data: one, which must never reach an href.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { safeHttpUrl } from '@/lib/security/safe-url';
import { ResourceEntry } from '@/components/credential/resource-entry';
import { AlignmentList } from '@/components/credential/credential-description';
import { signedAlignments } from '@/components/credentials/signed-achievement';

describe('safeHttpUrl', () => {
  it('takes absolute http and https addresses, as a browser reads them', () => {
    expect(safeHttpUrl('https://example.org/reading?x=1#p2')).toBe('https://example.org/reading?x=1#p2');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
    expect(safeHttpUrl('HTTPS://Example.ORG/A')).toBe('https://example.org/A');
    // Spaces around it are dropped, as a browser drops them; one inside is encoded.
    expect(safeHttpUrl('  https://example.org/a b  ')).toBe('https://example.org/a%20b');
  });

  it('refuses script and data addresses however they are written', () => {
    for (const v of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      '\tjavascript:alert(1)',
      '\u0000javascript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.org/0f4e',
    ]) {
      expect(safeHttpUrl(v), JSON.stringify(v)).toBeNull();
    }
  });

  it('refuses addresses that are not absolute: another host without a scheme, and paths', () => {
    for (const v of ['//evil.example', '//evil.example/page', '/admin', 'reading.pdf', '../x', '?q=1', '#rubric', 'example.org']) {
      expect(safeHttpUrl(v), v).toBeNull();
    }
  });

  it('refuses mailto: these fields are web addresses, and the editor accepts nothing else', () => {
    expect(safeHttpUrl('mailto:someone@example.org')).toBeNull();
  });

  it('refuses what is not an address at all', () => {
    for (const v of ['', '   ', 'not a url', 'http://', 'https://exa mple.org', null, undefined, 42, {}, ['https://example.org']]) {
      expect(safeHttpUrl(v), JSON.stringify(v)).toBeNull();
    }
  });
});

const resource = (url: string | null) => ({ id: 'r1', kind: 'LINK' as const, title: 'Wait time research', url, body: '', minutes: 10 });
const alignment = (targetUrl: string) => ({ id: 'a1', targetName: 'Domain 3: Feedback', targetUrl, targetDescription: null, targetFramework: 'TLMS', targetCode: null });

describe('a stored link on the credential page', () => {
  it('a resource with a web address is a link that opens in a new tab', () => {
    const html = renderToStaticMarkup(createElement(ResourceEntry, { resource: resource('https://example.org/wait-time') }));
    expect(html).toMatch(/<a href="https:\/\/example.org\/wait-time" rel="noopener noreferrer" target="_blank">Wait time research<span class="sr-only"> \(opens in a new tab\)<\/span><\/a>/);
  });

  it('a resource stored with a javascript:, data: or mailto: link shows its title as text, with no href', () => {
    for (const url of ['javascript:alert(document.cookie)', ' JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>', 'mailto:a@example.org', '//evil.example']) {
      const html = renderToStaticMarkup(createElement(ResourceEntry, { resource: resource(url) }));
      expect(html, url).not.toContain('href=');
      expect(html, url).not.toContain('<a');
      expect(html, url).toContain('<span class="font-medium">Wait time research</span>');
      expect(html.toLowerCase(), url).not.toContain('javascript:');
    }
  });

  it('an alignment stored with a javascript: link names the standard as text, with no href', () => {
    const html = renderToStaticMarkup(createElement(AlignmentList, { alignments: [alignment('javascript:alert(1)'), { ...alignment('https://standards.example.org/d3'), id: 'a2', targetName: 'Domain 4' }] }));
    expect(html).toContain('<li>Domain 3: Feedback (TLMS)</li>');
    expect(html).toContain('<a href="https://standards.example.org/d3" rel="noopener noreferrer">Domain 4</a>');
    expect(html).not.toContain('javascript:');
  });

  it('an alignment signed into a badge with a javascript: link is read back without it', () => {
    const credential = { credentialSubject: { achievement: { alignment: [{ targetName: 'Domain 3', targetUrl: 'javascript:alert(1)' }, { targetName: 'Domain 4', targetUrl: 'https://standards.example.org/d4' }] } } };
    expect(signedAlignments(credential).map((a) => [a.name, a.url])).toEqual([['Domain 3', null], ['Domain 4', 'https://standards.example.org/d4']]);
  });
});
