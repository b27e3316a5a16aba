// The colleagues setting and the colleagues page's query string (lib/colleagues/schemas.ts): the
// setting takes only yes or no (absent: no, as an unticked box), refusing anything else in words;
// the query keeps only our own cursor and `same=1`, dropping the rest rather than failing.
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@/lib/catalog/cursor';
import { colleagueCursorAfter, ColleaguesListInput, decodeColleagueCursor, SHARES_REFUSED, SharesWithColleaguesInput } from '@/lib/colleagues/schemas';

const raw = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('the sharing setting', () => {
  it('yes shares; no, or nothing sent (an unticked box), does not', () => {
    expect(SharesWithColleaguesInput.parse({ shares: 'yes' })).toEqual({ shares: true });
    expect(SharesWithColleaguesInput.parse({ shares: 'no' })).toEqual({ shares: false });
    expect(SharesWithColleaguesInput.parse({})).toEqual({ shares: false });
  });

  it('anything else is refused with words a person can act on', () => {
    for (const shares of ['on', 'true', 'YES', '', ['yes', 'no'], 1, null, '\u0000yes']) {
      const r = SharesWithColleaguesInput.safeParse({ shares });
      expect(r.success, JSON.stringify(shares)).toBe(false);
      expect(r.error!.issues[0].message).toBe(SHARES_REFUSED);
    }
  });
});

describe('the list’s query string', () => {
  it('keeps our cursor and same=1', () => {
    const cursor = colleagueCursorAfter({ name: 'Lena Ortiz', id: 'cm8x0abc00001xyz12345678' });
    expect(decodeColleagueCursor(cursor)).toEqual({ n: 'Lena Ortiz', id: 'cm8x0abc00001xyz12345678' });
    expect(ColleaguesListInput.parse({ cursor, same: '1' })).toEqual({ cursor, same: true, now: undefined });
    expect(ColleaguesListInput.parse({ now: 'sharing' })).toEqual({ cursor: undefined, same: false, now: 'sharing' });
  });

  it('drops what is not ours, never failing: the first page, everyone', () => {
    const notOurs = [
      'garbage', raw({ n: 'Lena', id: 'x'.repeat(41) }), raw({ n: 'Lena\u0000', id: 'abc' }), raw({ n: 7, id: 'abc' }), raw({ n: 'x'.repeat(201), id: 'abc' }),
      encodeCursor({ t: '2026-01-01T00:00:00.000Z', id: 'abc' }), 'a'.repeat(2000),
    ];
    for (const cursor of notOurs) expect(ColleaguesListInput.parse({ cursor }).cursor, cursor.slice(0, 40)).toBeUndefined();
    for (const same of ['0', 'yes', ['1', '1'], '']) expect(ColleaguesListInput.parse({ same }).same).toBe(false);
    expect(ColleaguesListInput.parse({ now: 'hacked', cursor: ['a', 'b'] })).toEqual({ cursor: undefined, same: false, now: undefined });
  });
});
