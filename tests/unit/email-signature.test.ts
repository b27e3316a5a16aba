// The badge as a teacher pastes it into an email signature (components/credentials/email-signature.ts):
// the linked image's HTML with every value escaped, the plain-text alternative, and how it is copied.
import { describe, expect, it } from 'vitest';
import { copySignature, emailSignature, escapeHtml } from '@/components/credentials/email-signature';

const base = { title: 'Exit Tickets', credentialUrl: 'https://badges.example.test/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d', imageUrl: 'https://badges.example.test/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d/badge.png' };

describe('the email signature', () => {
  it('is the badge image, 64 pixels square, linked to the badge page, with a plain-text line', () => {
    expect(emailSignature(base)).toEqual({
      html: '<a href="https://badges.example.test/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d"><img src="https://badges.example.test/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d/badge.png" width="64" height="64" alt="Exit Tickets badge"></a>',
      text: 'Exit Tickets badge: https://badges.example.test/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d',
    });
  });

  it('escapes the title, so it cannot end the attribute or add markup', () => {
    const { html, text } = emailSignature({ ...base, title: 'Q&A "Circles" <script>alert(1)</script> it\'s\n  new' });
    expect(html).toContain('alt="Q&amp;A &quot;Circles&quot; &lt;script&gt;alert(1)&lt;/script&gt; it&#39;s new badge"');
    expect(html).not.toContain('<script');
    // Exactly one element of each kind: nothing in the title became markup.
    expect(html.match(/</g)).toHaveLength(3);
    expect(html.match(/"/g)).toHaveLength(10);
    // Plain text stays as written (on one line).
    expect(text).toBe('Q&A "Circles" <script>alert(1)</script> it\'s new badge: ' + base.credentialUrl);
  });

  it('escapes the addresses, and refuses anything but an absolute http(s) address', () => {
    const { html } = emailSignature({ ...base, credentialUrl: 'https://badges.example.test/credentials/x?a=1&b="2"&c=<3>', imageUrl: "https://badges.example.test/b.png?x='y'&z=1" });
    expect(html).toContain('href="https://badges.example.test/credentials/x?a=1&amp;b=%222%22&amp;c=%3C3%3E"');
    expect(html).toContain('src="https://badges.example.test/b.png?x=%27y%27&amp;z=1"');
    // Five attributes, ten quotes: no value closed its attribute early.
    expect(html.match(/"/g)).toHaveLength(10);
    expect(() => emailSignature({ ...base, credentialUrl: 'javascript:alert(1)' })).toThrow(/http or https/);
    expect(() => emailSignature({ ...base, imageUrl: 'data:image/png;base64,AAAA' })).toThrow(/http or https/);
    expect(() => emailSignature({ ...base, imageUrl: '/credentials/x/badge.png' })).toThrow(/absolute/);
  });

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('copying it', () => {
  const sig = emailSignature(base);

  it('copies HTML with a plain-text alternative where the browser has ClipboardItem', async () => {
    const written: Record<string, Blob>[] = [];
    class FakeItem {
      constructor(public items: Record<string, Blob>) {}
    }
    const clipboard = { write: async (items: unknown[]) => void written.push(...items.map((i) => (i as FakeItem).items)), writeText: async () => { throw new Error('not this one'); } };
    expect(await copySignature(sig, clipboard, FakeItem)).toBe('rich');
    expect(written).toHaveLength(1);
    expect(Object.keys(written[0]).sort()).toEqual(['text/html', 'text/plain']);
    expect(await written[0]['text/html'].text()).toBe(sig.html);
    expect(written[0]['text/html'].type).toBe('text/html');
    expect(await written[0]['text/plain'].text()).toBe(sig.text);
  });

  it('falls back to the plain text without ClipboardItem, and passes on a refusal', async () => {
    const texts: string[] = [];
    const clipboard = { writeText: async (t: string) => void texts.push(t) };
    expect(await copySignature(sig, clipboard, undefined)).toBe('plain');
    expect(texts).toEqual([sig.text]);
    await expect(copySignature(sig, { writeText: async () => { throw new DOMException('Denied', 'NotAllowedError'); } }, undefined)).rejects.toThrow('Denied');
  });
});
