// A links answer whose links the server would not keep: the teacher used to be told "Each link must
// be a full web address starting with https://" about a link that did start so (a character that
// does not belong in an address, a port out of range), or zod's "Too big: expected string to have
// <=2000 characters", naming neither the link nor the reason. Now the message names the link (its
// start, when long) and why; and text that only looks like a link is not sent as one, so it no
// longer blocks saving the whole answer.
import { describe, expect, it } from 'vitest';
import { SaveResponseInput } from '@/lib/submissions/schemas';
import { extractLinks } from '@/lib/submissions/links';

/** What the answer editor shows when a save with these links is refused (the first issue, as saveResponseAction says it). */
function refusal(links: string[]) {
  const r = SaveResponseInput.safeParse({ attemptId: 'a', partId: 'p', text: links.join('\n'), links, revision: 0 });
  expect(r.success).toBe(false);
  return r.success ? '' : r.error.issues[0]!.message;
}

const long = `https://docs.example.org/d/${'x'.repeat(2100)}`;

describe('a link the server does not keep', () => {
  it('is named, with why, when it is not a valid web address', () => {
    for (const bad of ['https://ex^ample.com/', 'https://example.com:99999/x']) {
      const message = refusal(['https://example.org/fine', bad]);
      expect(message).toContain(`“${bad}”`);
      expect(message).toContain('is not a valid web address');
      expect(message).not.toContain('starting with https://');
    }
  });

  it('is named by its start, with why, when it is longer than 2,000 characters', () => {
    const message = refusal([long]);
    expect(message).toContain(long.slice(0, 40));
    expect(message).toContain('longer than 2,000 characters');
    expect(message).not.toMatch(/Too big|<=/);
    expect(message.length).toBeLessThan(300);
  });

  it('is named when it does not start with http:// or https://', () => {
    expect(refusal(['ftp://files.example.org/plan.pdf'])).toContain('“ftp://files.example.org/plan.pdf” does not start with http:// or https://');
  });

  it('with a line break in it is refused as not a valid web address (the browser would read it without the break)', () => {
    expect(refusal(['https://exa\nmple.com/'])).toContain('is not a valid web address');
  });

  it('leaves good links as they are', () => {
    const links = ['https://example.org/unit-7', 'http://video.example.org/v/1?t=30#start'];
    const r = SaveResponseInput.safeParse({ attemptId: 'a', partId: 'p', text: '', links, revision: 0 });
    expect(r.success && r.data.links).toEqual(links);
  });
});

describe('links found in an answer', () => {
  it('are only what the server keeps as a link: text that only looks like one stays text', () => {
    const text = 'Plan: https://example.org/unit-7 and https://ex^ample.com/ and https://example.com:99999/x.';
    expect(extractLinks(text)).toEqual(['https://example.org/unit-7']);
    expect(SaveResponseInput.safeParse({ attemptId: 'a', partId: 'p', text, links: extractLinks(text), revision: 0 }).success).toBe(true);
  });

  it('include one too long to keep, so the teacher is told which one to shorten', () => {
    expect(extractLinks(`See ${long}`)).toEqual([long]);
    expect(refusal(extractLinks(`See ${long}`))).toContain('longer than 2,000 characters');
  });
});
