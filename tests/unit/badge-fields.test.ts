// Two values a badge signs that are worked out from stored data: the issuer's description, cut to
// 1,000 characters, and a stack badge's hours, summed from its parts. Cut with `slice`, an emoji at
// the cut lost its second half and Postgres's jsonb refused the badge (issuing failed); summed as
// floating-point numbers, hours of 1.1 and 2.2 were signed as 3.3000000000000003.
import { describe, expect, it } from 'vitest';
import { BADGE_ISSUER_DESCRIPTION_MAX, badgeIssuerDescription, cutToWholeCharacters, stackHours } from '@/lib/awards/badge-fields';

/** Text with no half of a surrogate pair on its own (what jsonb accepts). */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
const codePoints = (text: string) => Array.from(text).length;

describe('the issuer description in a badge', () => {
  const pad = 'a'.repeat(BADGE_ISSUER_DESCRIPTION_MAX - 1);

  it('is the whole description when it fits, emoji and all', () => {
    const text = `${'b'.repeat(990)}😀🇳🇿👍🏽`;
    expect(codePoints(text)).toBeLessThanOrEqual(BADGE_ISSUER_DESCRIPTION_MAX);
    expect(badgeIssuerDescription(text)).toBe(text);
    expect(badgeIssuerDescription('Science teachers’ network')).toBe('Science teachers’ network');
  });

  it('never keeps half of an emoji that straddles the cut', () => {
    // The 1,000th character is an emoji: `slice(0, 1000)` keeps only its first UTF-16 half.
    const text = `${pad}😀 and more`;
    const cut = badgeIssuerDescription(text);
    expect(wellFormed(cut)).toBe(true);
    expect(cut).toBe(`${pad}😀`);
    expect(codePoints(cut)).toBe(BADGE_ISSUER_DESCRIPTION_MAX);
    // It survives the round trip a badge's JSON takes to and from the database.
    expect(JSON.parse(JSON.stringify({ description: cut })).description).toBe(cut);
  });

  it('is well-formed wherever the cut falls in a run of emoji', () => {
    const text = '🎓'.repeat(BADGE_ISSUER_DESCRIPTION_MAX + 50);
    for (const offset of [0, 1, 2, 3]) {
      const cut = badgeIssuerDescription('x'.repeat(offset) + text);
      expect(wellFormed(cut), `offset ${offset}`).toBe(true);
      expect(codePoints(cut), `offset ${offset}`).toBe(BADGE_ISSUER_DESCRIPTION_MAX);
    }
  });

  it('drops a character made of several code points whole rather than keep part of it', () => {
    // A flag is two regional indicators; one alone is another symbol. A thumbs-up with a skin tone
    // is two emoji; a family is several joined by zero-width joiners.
    for (const emoji of ['🇳🇿', '👍🏽', '👩‍👩‍👧']) {
      const cut = badgeIssuerDescription(`${pad}${emoji}`);
      expect(cut, emoji).toBe(pad);
      expect(wellFormed(cut), emoji).toBe(true);
    }
    // An accent typed as its own mark stays on its letter.
    expect(cutToWholeCharacters('cafe\u0301s', 4)).toBe('caf');
  });

  it('never exceeds the limit in code points', () => {
    const text = 'é👩‍👩‍👧🇳🇿x'.repeat(400);
    const cut = badgeIssuerDescription(text);
    expect(codePoints(cut)).toBeLessThanOrEqual(BADGE_ISSUER_DESCRIPTION_MAX);
    expect(codePoints(cut)).toBeGreaterThan(BADGE_ISSUER_DESCRIPTION_MAX - 6);
    expect(text.startsWith(cut)).toBe(true);
  });
});

describe('a stack badge’s hours', () => {
  it('are the exact sum of its parts’ hours, as stored in tenths', () => {
    expect(stackHours([{ pdHours: 1.1 }, { pdHours: 2.2 }])).toBe(3.3);
    expect(stackHours([{ pdHours: 0.1 }, { pdHours: 0.2 }])).toBe(0.3);
    expect(stackHours(Array.from({ length: 10 }, () => ({ pdHours: 0.1 })))).toBe(1);
    expect(stackHours([{ pdHours: 12.5 }, { pdHours: 7.6 }, { pdHours: 0.7 }])).toBe(20.8);
  });

  it('read the stored decimals (Prisma gives them as Decimal objects, written as text)', () => {
    const decimal = (value: string) => ({ toString: () => value });
    expect(stackHours([{ pdHours: decimal('1.1') }, { pdHours: decimal('2.2') }])).toBe(3.3);
    expect(stackHours([{ pdHours: '4.4' }, { pdHours: '4.4' }, { pdHours: '4.4' }])).toBe(13.2);
    expect(JSON.stringify({ creditsAvailable: stackHours([{ pdHours: decimal('1.1') }, { pdHours: decimal('2.2') }]) })).toBe('{"creditsAvailable":3.3}');
  });

  it('are none for a stack with no parts held', () => {
    expect(stackHours([])).toBe(0);
  });
});
