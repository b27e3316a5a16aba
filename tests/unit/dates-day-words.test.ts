// A whole day in words ("14 Mar 2026") is its UTC day, the same day its `YYYY-MM-DD` label names,
// whatever zone the server or the reader is in. The reports and the other-learning form (lib/, which
// may not import components/) print it with one formatter.
import { describe, expect, it } from 'vitest';
import { dayFmt, dayLabel, utcDay } from '@/lib/dates';
import { dayFmt as reportsDayFmt } from '@/components/reports/format';
import { dayInWords, EXTERNAL_LEARNING_EARLIEST } from '@/lib/external-learning/schemas';
import { completedOnInWords } from '@/components/external-learning/entry-words';

describe('a whole day in words', () => {
  it('is the UTC day, day-month-year with the short month, at either end of that day', () => {
    expect(dayFmt.format(new Date('2026-03-14T00:00:00.000Z'))).toBe('14 Mar 2026');
    expect(dayFmt.format(new Date('2026-03-14T23:59:59.999Z'))).toBe('14 Mar 2026');
    // Still the 13th in New York, already the 15th in Kiritimati: the UTC day wins.
    expect(dayFmt.format(new Date('2026-03-14T02:00:00-05:00'))).toBe('14 Mar 2026');
    expect(dayFmt.format(new Date('2026-03-15T12:00:00+14:00'))).toBe('14 Mar 2026');
  });

  it('names the same day as the day label', () => {
    for (const at of ['2000-01-01T00:00:00.000Z', '2026-02-28T23:30:00.000Z', '2028-02-29T12:00:00.000Z', '2026-12-31T23:59:59.999Z']) {
      const d = new Date(at);
      expect(dayFmt.format(d), at).toBe(dayFmt.format(utcDay(dayLabel(d))!));
    }
  });

  it('is the one formatter the reports, the other-learning form and its entries print with', () => {
    expect(reportsDayFmt).toBe(dayFmt);
    expect(dayInWords(EXTERNAL_LEARNING_EARLIEST)).toBe('1 Jan 2000');
    expect(dayInWords('2026-03-14')).toBe('14 Mar 2026');
    expect(completedOnInWords(utcDay('2026-03-14')!)).toBe('14 Mar 2026');
  });
});

describe('dates printed by the server', () => {
  it('name their zone: no formatter of the app follows the server process’s own time zone', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'generated' ? [] : files(path.join(dir, e.name))) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const unzoned: string[] = [];
    for (const file of ['app', 'components', 'lib'].flatMap(files)) {
      const source = readFileSync(file, 'utf8');
      // Each formatter's options, up to the closing parenthesis of the call.
      for (const m of source.matchAll(/new Intl\.DateTimeFormat\(([^)]*)\)/g)) if (!/\btimeZone\b/.test(m[1])) unzoned.push(`${file}: ${m[0]}`);
      for (const m of source.matchAll(/\.toLocale(Date|Time)?String\(([^)]*)\)/g)) if (m[1] && !/\btimeZone\b/.test(m[2])) unzoned.push(`${file}: ${m[0]}`);
    }
    // A badge issued at 02:00 UTC on 1 March printed "28 Feb" on a server in Chicago, while the reports said 1 March.
    expect(unzoned).toEqual([]);
  });
});
