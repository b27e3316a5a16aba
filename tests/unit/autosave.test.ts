import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver, type AutosaveStatus, type SaveOutcome } from '@/components/evidence/autosave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(send: (text: string, revision: number) => Promise<SaveOutcome>) {
  const text = { current: 'first draft' };
  const statuses: AutosaveStatus['kind'][] = [];
  const refs = { revision: { current: 1 }, lastSaved: { current: '' }, stopped: { current: false } };
  const sendSpy = vi.fn(send);
  const saver = createAutosaver({ send: sendSpy, text: () => text.current, ...refs, onStatus: (s) => statuses.push(s.kind) });
  return { text, statuses, refs, send: sendSpy, saver };
}

const conflict: SaveOutcome = { ok: false, formError: 'This answer changed in another window. Reload to see the latest version; copy your text first.', conflict: true };

describe('autosave of an answer', () => {
  it('saves, and takes the new revision for the next save', async () => {
    const { saver, send, refs, statuses } = setup(async (_t, rev) => ({ ok: true, revision: rev + 1, savedAt: new Date().toISOString() }));
    await saver.save();
    expect(send).toHaveBeenCalledWith('first draft', 1);
    expect(refs.revision.current).toBe(2);
    expect(statuses).toEqual(['saving', 'saved']);
    // Nothing changed: nothing is sent.
    await saver.save();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('stops for good on a conflict: no retries, and the status stays put', async () => {
    const { saver, send, refs, statuses, text } = setup(async () => conflict);
    await saver.save();
    expect(refs.stopped.current).toBe(true);
    expect(statuses).toEqual(['saving', 'conflict']);
    await vi.advanceTimersByTimeAsync(10_000);
    // More typing, a blur or a submit does not send it again either.
    text.current = 'more typing';
    saver.schedule();
    await vi.advanceTimersByTimeAsync(10_000);
    await saver.save();
    expect(send).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['saving', 'conflict']);
  });

  it('keeps retrying after a dropped connection, without flipping back to "Saving…" each time', async () => {
    let online = false;
    const { saver, send, statuses } = setup(async (_t, rev) => {
      if (!online) throw new TypeError('Failed to fetch');
      return { ok: true, revision: rev + 1, savedAt: new Date().toISOString() };
    });
    await saver.save();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(3);
    expect(statuses).toEqual(['saving', 'offline', 'offline', 'offline']);
    online = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(4);
    expect(statuses.at(-1)).toBe('saved');
    await vi.advanceTimersByTimeAsync(5000);
    expect(send).toHaveBeenCalledTimes(4);
  });
});
