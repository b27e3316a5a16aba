// Cursors come from addresses anyone can edit: only values the database takes as they are pass.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isCursorId, isCursorRank, isCursorTime } from '@/lib/catalog/cursor';

const anyObject = (v: Record<string, unknown>): v is Record<string, unknown> => typeof v === 'object';
const raw = (json: string) => Buffer.from(json).toString('base64url');

describe('list cursors', () => {
  it('round-trips what we write', () => {
    const c = { p: new Date('2025-03-04T05:06:07.890Z').toISOString(), id: 'cm8x0abc00001xyz12345678' };
    expect(decodeCursor(encodeCursor(c), (v): v is typeof c => isCursorTime(v.p) && isCursorId(v.id))).toEqual(c);
  });

  it('refuses what is not an object of our values, and any text holding NUL', () => {
    for (const bad of [undefined, '', 'not-a-cursor', raw('[1,2]'), raw('null'), raw('"text"'), raw('{"id":"a\\u0000"}'), raw('{"id":"ok","n":"x\\u0000y"}')]) {
      expect(decodeCursor(bad, anyObject)).toBeNull();
    }
    expect(decodeCursor(raw('{"id":"ok"}'), anyObject)).toEqual({ id: 'ok' });
  });

  it('takes as a time only a date the database reads: year 1 to 9999', () => {
    expect(isCursorTime('2025-01-01T00:00:00.000Z')).toBe(true);
    expect(isCursorTime('0001-01-01T00:00:00.000Z')).toBe(true);
    expect(isCursorTime('9999-12-31T23:59:59.999Z')).toBe(true);
    for (const bad of ['x', '', '0000-01-01T00:00:00.000Z', '-100000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', 1_700_000_000_000, null, '2025-01-01T00:00:00.000Z'.padEnd(41, ' ')]) {
      expect(isCursorTime(bad)).toBe(false);
    }
  });

  it('takes as a time any text Date reads in those years, not only the ISO timestamps we write', () => {
    // Each is turned into a Date before the query, so only the year range matters; a form's seenAt
    // (lib/seen-at.ts) is stricter and refuses all of these.
    for (const ok of ['2026-11-24', '2026-11-24T18:04:05', '2026-11-24 18:04:05Z', '2026-11-24T18:04:05.678901Z', 'Tue Nov 24 2026 18:04:05 GMT+0000', '24 Nov 2026']) {
      expect(isCursorTime(ok), ok).toBe(true);
    }
  });

  it('takes as a rank only a number a Postgres real holds', () => {
    for (const ok of [0, 0.0607927, 1, 1e-38, 3.4e38, -3.4e38]) expect(isCursorRank(ok)).toBe(true);
    for (const bad of [1e300, -1e300, 5e-50, Infinity, NaN, '0.5', null]) expect(isCursorRank(bad)).toBe(false);
  });

  it('takes as an id a string of 1 to 40 characters', () => {
    expect(isCursorId('cm8x0abc00001xyz12345678')).toBe(true);
    expect(isCursorId('x'.repeat(40))).toBe(true);
    for (const bad of ['', 'x'.repeat(41), 7, null]) expect(isCursorId(bad)).toBe(false);
  });
});
