// A form's `seenAt` (when its record was last saved, sent back in a hidden field) is checked before
// it reaches Postgres: only an ISO timestamp in the years the database takes passes, so a tampered
// or mangled value gets the form's "reload the page" message instead of a server error. Both forms
// that send one (an entry of other professional learning, an issuer's settings) use the same check.
import { describe, expect, it } from 'vitest';
import { isSeenAtTime, seenAtInput } from '@/lib/seen-at';
import { isCursorTime } from '@/lib/catalog/cursor';
import { ENTRY_OUT_OF_DATE, SeenAt as EntrySeenAt } from '@/lib/external-learning/schemas';
import { SeenAt as SettingsSeenAt, SETTINGS_FORM_OUT_OF_DATE } from '@/lib/organizations/schemas';

const WRITTEN = new Date('2026-11-24T18:04:05.678Z').toISOString();

// Date.parse reads each of these; Postgres (through Prisma) refuses the out-of-range ones, and the
// others are not what a form writes.
const REFUSED = [
  '0000-01-01',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00Z',
  '+010000-01-01T00:00:00.000Z',
  '-000001-01-01T00:00:00.000Z',
  // Year 10000 and year 0 once read in UTC.
  '9999-12-31T23:00:00-05:00',
  '0001-01-01T00:30:00+01:00',
  '2026-11-24',
  'Tue Nov 24 2026 18:04:05 GMT+0000',
  '1732471445678',
  'yesterday',
  '',
  ` ${WRITTEN}`,
  `${WRITTEN}${WRITTEN}`,
  '2026-11-24T18:04:05.678Z\u0000',
];

describe('a form’s seenAt', () => {
  it('takes an ISO timestamp from year 1 to 9999, as a form writes it or with a zone offset', () => {
    for (const ok of [WRITTEN, '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-11-24T12:04:05-06:00', '2026-11-24T18:04Z', '2026-11-24T18:04:05Z']) {
      expect(isSeenAtTime(ok), ok).toBe(true);
    }
  });

  it('refuses what Date.parse reads but the database does not take, and anything not a timestamp', () => {
    for (const bad of REFUSED) expect(isSeenAtTime(bad), bad).toBe(false);
  });

  it('is a list cursor’s time check narrowed to the ISO timestamps a form writes', () => {
    // Same years as a cursor time (lib/catalog/cursor.ts): what one refuses for its year, so does the other.
    for (const bad of REFUSED.filter((v) => !isCursorTime(v))) expect(isSeenAtTime(bad), bad).toBe(false);
    for (const ok of [WRITTEN, '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-11-24T12:04:05-06:00']) {
      expect(isCursorTime(ok), ok).toBe(true);
    }
    // A cursor takes any text Date reads in range; a seenAt only an ISO timestamp with its zone, so a
    // zoneless time is never read in the server's own zone.
    for (const cursorOnly of ['2026-11-24', '2026-11-24T18:04:05', '2026-11-24 18:04:05Z', '2026-11-24T18:04:05.678901Z', '2026-11-24T18:04:05.678+0530', 'Tue Nov 24 2026 18:04:05 GMT+0000']) {
      expect(isCursorTime(cursorOnly), cursorOnly).toBe(true);
      expect(isSeenAtTime(cursorOnly), cursorOnly).toBe(false);
    }
  });

  it('is the same check, with each form’s own message, for an entry of other learning and for an issuer’s settings', () => {
    for (const [schema, message] of [[EntrySeenAt, ENTRY_OUT_OF_DATE], [SettingsSeenAt, SETTINGS_FORM_OUT_OF_DATE]] as const) {
      expect(schema.parse(WRITTEN)).toEqual(new Date(WRITTEN));
      for (const bad of [...REFUSED, undefined, null, 42]) {
        const r = schema.safeParse(bad);
        expect(r.success, String(bad)).toBe(false);
        expect(r.error?.issues.map((i) => i.message)).toEqual([message]);
      }
    }
    expect(seenAtInput('Reload.').safeParse('0000-01-01').error?.issues[0].message).toBe('Reload.');
  });
});
