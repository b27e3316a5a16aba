// Restoring a form's unsent choices from this browser (components/ui/local-draft.ts), as the
// calibration form does: only what still fits the form comes back.
import { describe, expect, it } from 'vitest';
import { pickGridChoices } from '@/components/ui/local-draft';

const fits = { rows: ['ex1', 'ex2'], columns: ['0', '1', '2'], values: [1, 2, 3, 4] };

describe('pickGridChoices', () => {
  it('brings back every saved choice that fits the form', () => {
    const saved = { ex1: { '0': 3, '1': 4 }, ex2: { '2': 1 } };
    expect(pickGridChoices(saved, fits)).toEqual(saved);
  });

  it('drops samples, criteria and levels the form no longer has, and values that are not levels', () => {
    const saved = { ex1: { '0': 3, '5': 2, '1': 9, '2': '2' }, gone: { '0': 1 }, ex2: ['x'] };
    expect(pickGridChoices(saved, fits)).toEqual({ ex1: { '0': 3 } });
  });

  it('gives nothing for a missing, broken or hand-edited copy', () => {
    expect(pickGridChoices(null, fits)).toEqual({});
    expect(pickGridChoices('ex1', fits)).toEqual({});
    expect(pickGridChoices([{ '0': 1 }], fits)).toEqual({});
    expect(pickGridChoices({ ex1: null, ex2: 4 }, fits)).toEqual({});
  });

  it('keeps a "__proto__" key a plain key, so a hand-edited copy cannot change every object', () => {
    const saved = JSON.parse('{"__proto__": {"0": 1}, "ex1": {"__proto__": 2, "0": 2}}') as unknown;
    const picked = pickGridChoices(saved, { ...fits, rows: ['__proto__', 'ex1'], columns: ['__proto__', '0'] });
    expect(Object.hasOwn(picked, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
    expect(Object.hasOwn(picked.ex1, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['0']).toBeUndefined();
  });
});
