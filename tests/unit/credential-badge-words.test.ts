// What a badge's public page reads from its signed credential and says about its level
// (components/credentials/signed-achievement.ts, level-words.ts).
import { describe, expect, it } from 'vitest';
import { levelInWords } from '@/components/credentials/level-words';
import { signedAlignments, signedVersion, webUrl } from '@/components/credentials/signed-achievement';

const credential = (achievement: Record<string, unknown>) => ({ credentialSubject: { achievement } });

describe('a level in plain words', () => {
  it('says what level 1 and level 2 show, for a verifier and for a teacher', () => {
    expect(levelInWords(1)).toBe('Level 1: the holder showed they understand the method');
    expect(levelInWords(2)).toBe('Level 2: shown in the holder’s own classroom');
    expect(levelInWords(3)).toBe('Level 3: shown in the holder’s own classroom');
    expect(levelInWords(1, 'teacher')).toBe('Level 1: shows understanding of the method');
    expect(levelInWords(2, 'teacher')).toBe('Level 2: demonstrated in the teacher’s own classroom');
    // The micro-credential's own page speaks to the teacher reading it.
    expect(levelInWords(1, 'you')).toBe('Level 1: shows understanding of the method');
    expect(levelInWords(2, 'you')).toBe('Level 2: demonstrated in your own classroom');
    expect(levelInWords(null)).toBeNull();
    expect(levelInWords(0)).toBeNull();
  });
});

describe('the signed achievement', () => {
  it('names the version earned, or none when it is missing or not a version number', () => {
    expect(signedVersion(credential({ version: '3' }))).toBe(3);
    for (const version of [undefined, 3, '', '0', '03', '1.1', '../1', 'abc']) expect(signedVersion(credential({ version }))).toBeNull();
    expect(signedVersion(null)).toBeNull();
    expect(signedVersion({})).toBeNull();
  });

  it('lists the alignments as signed, linking only web addresses', () => {
    expect(signedAlignments(credential({
      alignment: [
        { type: ['Alignment'], targetName: 'Domain 3: Feedback', targetUrl: 'https://standards.example.test/d3', targetFramework: 'TLMS', targetCode: 'D3' },
        { targetName: 'Unsafe', targetUrl: 'javascript:alert(1)' },
        { targetName: '  ', targetUrl: 'https://nameless.example.test' },
        'not an object',
        { targetName: 'No address' },
      ],
    }))).toEqual([
      { name: 'Domain 3: Feedback', url: 'https://standards.example.test/d3', framework: 'TLMS', code: 'D3' },
      { name: 'Unsafe', url: null, framework: null, code: null },
      { name: 'No address', url: null, framework: null, code: null },
    ]);
    expect(signedAlignments(credential({}))).toEqual([]);
    expect(signedAlignments(credential({ alignment: 'x' }))).toEqual([]);
    expect(signedAlignments(undefined)).toEqual([]);
  });

  it('takes only http and https addresses as links', () => {
    expect(webUrl('http://a.test/x')).toBe('http://a.test/x');
    expect(webUrl('data:text/html,hi')).toBeNull();
    expect(webUrl('not a url')).toBeNull();
    expect(webUrl(42)).toBeNull();
  });
});
