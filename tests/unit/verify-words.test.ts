// What /verify says about pasted text it cannot use (lib/awards/verify-words.ts): a mistyped link is
// told what a badge link looks like; only text that starts like JSON hears about JSON.
import { describe, expect, it } from 'vitest';
import { NOTHING_TO_VERIFY, unreadableTextMessage } from '@/lib/awards/verify-words';

const APP = 'https://badges.example.org/';
const LINK_HELP = 'We could not read that as a badge link. A badge link starts with https://badges.example.org/credentials/ followed by a long code of letters, numbers and dashes. Copy the whole link from the badge’s page, or paste the credential’s JSON instead.';
const BAD_JSON = 'That is not valid JSON. Paste the whole credential, from the first { to the last }.';

describe('pasted text that is neither a badge link nor JSON', () => {
  it('is taken for a mistyped link, and says what a link from this site looks like', () => {
    for (const text of ['htps://example/credentials/abc', 'example.org/credentials/x', 'badges.example.org/credentials/3f2b', 'my badge', 'www.example.org']) {
      expect(unreadableTextMessage(text, APP)).toBe(LINK_HELP);
    }
    expect(unreadableTextMessage('htps://x', APP)).not.toMatch(/JSON\. Paste the whole credential/);
  });

  it('says “not valid JSON” only when the text starts like JSON', () => {
    expect(unreadableTextMessage('{not json', APP)).toBe(BAD_JSON);
    expect(unreadableTextMessage('[{"@context": ', APP)).toBe(BAD_JSON);
    expect(unreadableTextMessage('  \n{"id": "x",}', APP)).toBe(BAD_JSON);
  });

  it('names the site as its links start, whatever the configured address ends with', () => {
    expect(unreadableTextMessage('x', 'http://127.0.0.1:3100')).toContain('starts with http://127.0.0.1:3100/credentials/ followed by');
    expect(unreadableTextMessage('x', 'https://badges.example.org/app/')).toContain('starts with https://badges.example.org/credentials/ followed by');
  });
});

describe('pressing Verify with nothing pasted', () => {
  it('says, in plain words, what to paste and the other way in', () => {
    expect(NOTHING_TO_VERIFY).toBe('Paste a badge’s link or its credential JSON here, or choose a badge file below.');
  });
});
