// The shared helpers tests read rendered markup with (tests/setup/html.ts): if they misread, every
// page test that uses them asserts on the wrong words.
import { describe, expect, it } from 'vitest';
import { decodeEntities, hrefOf, textJoined, textOf } from '../setup/html';

describe('reading rendered markup', () => {
  it('decodes what React and the plain pages emit, once', () => {
    expect(decodeEntities('Maya&#x27;s &quot;Exit tickets&quot; &amp; &lt;b&gt;')).toBe('Maya\'s "Exit tickets" & <b>');
    expect(decodeEntities('It&#39;s 5&#38;6 &#x2F; 7')).toBe("It's 5&6 / 7");
    // One pass: an escaped reference reads as the reference, as a browser shows it.
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
    expect(decodeEntities('&unknown; stays')).toBe('&unknown; stays');
  });

  it('keeps separate elements apart, or joins a sentence React split', () => {
    const html = '<ul><li>One</li><li>Two</li></ul><p>Hello<!-- -->, <!-- -->Maya<strong>!</strong></p>';
    expect(textOf(html)).toBe('One Two Hello , Maya !');
    expect(textJoined(html)).toBe('OneTwoHello, Maya!');
    expect(textOf('  a\u00a0\n b  ')).toBe('a b');
  });

  it('finds a link by what it says, with its address decoded', () => {
    const html = '<a href="/x?a=1&amp;b=2">Maya&#x27;s badge</a><a href="/y">Other</a>';
    expect(hrefOf(html, 'Maya&#x27;s')).toBe('/x?a=1&b=2');
    expect(hrefOf(html, 'Missing')).toBeNull();
  });
});
