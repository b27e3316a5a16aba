import { describe, expect, it } from 'vitest';
import { workerCount } from '../../scripts/workers';

describe('workerCount (WEB_CONCURRENCY)', () => {
  it('defaults to one worker per core, at most eight', () => {
    expect(workerCount(undefined, 2)).toBe(2);
    expect(workerCount('', 1)).toBe(1);
    expect(workerCount(' ', 32)).toBe(8);
  });

  it('takes an explicit count, and refuses what is not one', () => {
    expect(workerCount('1', 16)).toBe(1);
    expect(workerCount('12', 2)).toBe(12);
    for (const bad of ['0', '-1', '2.5', 'two', '65']) expect(() => workerCount(bad, 2), bad).toThrow(/WEB_CONCURRENCY must be a whole number from 1 to 64/);
  });
});
