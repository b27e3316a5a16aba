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

  it('does not send text the server refused as it stands again until it is edited, and then does', async () => {
    const { saver, send, statuses, text } = setup(async (t, rev) => (t.includes('not a link') ? { ok: false, formError: 'Check the link.', waitForEdit: true } : { ok: true, revision: rev + 1, savedAt: new Date().toISOString() }));
    text.current = 'see not a link';
    expect(await saver.save()).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    // A blur or a submit asks again: still unsaved, and nothing sent.
    expect(await saver.save()).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['saving', 'error']);
    text.current = 'see https://example.org';
    expect(await saver.save()).toBe(true);
    expect(send).toHaveBeenCalledTimes(2);
  });
});

// Submitting waits on each answer's save (flushAllDrafts) and goes ahead only if it says the server
// has the text: a failed save must say so, or the older saved text would be sent for review.
describe('what a save answers: whether the server has all of the text', () => {
  const saved = async (_t: string, rev: number): Promise<SaveOutcome> => ({ ok: true, revision: rev + 1, savedAt: new Date().toISOString() });

  it('true once saved, and when there was nothing to save', async () => {
    const { saver } = setup(saved);
    expect(await saver.save()).toBe(true);
    expect(await saver.save()).toBe(true);
  });

  it('false after a server error, a dropped connection or a conflict, so submitting is held back', async () => {
    const error = setup(async () => ({ ok: false, formError: 'Something went wrong on our side. Your input is kept; please try again.' }));
    expect(await error.saver.save()).toBe(false);
    expect(error.refs.lastSaved.current).toBe('');

    const offline = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await offline.saver.save()).toBe(false);

    const stopped = setup(async () => conflict);
    expect(await stopped.saver.save()).toBe(false);
    // Saving has stopped: asking again sends nothing, and still says the text is not saved.
    expect(await stopped.saver.save()).toBe(false);
    expect(stopped.send).toHaveBeenCalledTimes(1);
  });

  it('false when more was typed while the save was on its way', async () => {
    let typing = true;
    const { saver, text } = setup(async (t, rev) => {
      if (typing) text.current = `${t} And one more sentence.`;
      typing = false;
      return saved(t, rev);
    });
    expect(await saver.save()).toBe(false);
    expect(await saver.save()).toBe(true);
  });

  it('a caller arriving during a save waits for it and hears how it ended', async () => {
    let fail = true;
    const { saver, send } = setup(async (t, rev) => {
      if (fail) return { ok: false, formError: 'Not saved.' };
      return saved(t, rev);
    });
    const [a, b] = [saver.save(), saver.save()];
    expect(await a).toBe(false);
    // The second save tried again after the first: still failing.
    expect(await b).toBe(false);
    expect(send).toHaveBeenCalledTimes(2);
    fail = false;
    expect(await saver.save()).toBe(true);
  });
});
