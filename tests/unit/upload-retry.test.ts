import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, classifyFailure, nextStep, ServerRefused, TRANSFER_ATTEMPTS, TransferError, waitForOnline, withRetries } from '@/components/evidence/upload-retry';

const network = new TransferError({ kind: 'network' });
const online = { online: true, canResign: true, random: () => 0.5 };

describe('what the uploader does after a failed request', () => {
  it('waits longer after each failure, doubling from a second up to 30 s, half of it random', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(12, () => 0)).toBe(15_000);
    expect(backoffDelay(12, () => 1)).toBe(30_000);
  });

  it('sends a part again after a dropped connection, signed anew, a few times, then gives up', () => {
    expect(nextStep({ kind: 'network' }, 1, online)).toEqual({ action: 'retry', delayMs: 750, resign: true });
    expect(nextStep({ kind: 'network' }, TRANSFER_ATTEMPTS - 1, online)).toMatchObject({ action: 'retry' });
    expect(nextStep({ kind: 'network' }, TRANSFER_ATTEMPTS, online)).toEqual({ action: 'give-up' });
    // A single upload's URL cannot be signed again: retried as it is.
    expect(nextStep({ kind: 'network' }, 1, { ...online, canResign: false })).toMatchObject({ action: 'retry', resign: false });
  });

  it('offline, waits for the connection instead of using up its tries', () => {
    expect(nextStep({ kind: 'network' }, 1, { ...online, online: false })).toEqual({ action: 'wait-online' });
    expect(nextStep({ kind: 'network' }, TRANSFER_ATTEMPTS + 3, { ...online, online: false })).toEqual({ action: 'wait-online' });
    // Whatever the error looked like: offline, the connection is the reason.
    expect(nextStep({ kind: 'other' }, 1, { ...online, online: false })).toEqual({ action: 'wait-online' });
  });

  it('signs a part again after a 403 (an expired URL), retries storage hiccups, gives up on the rest', () => {
    expect(nextStep({ kind: 'status', status: 403 }, 1, online)).toMatchObject({ action: 'retry', resign: true });
    expect(nextStep({ kind: 'status', status: 403 }, 1, { ...online, canResign: false })).toEqual({ action: 'give-up' });
    for (const status of [408, 429, 500, 503]) expect(nextStep({ kind: 'status', status }, 1, online)).toMatchObject({ action: 'retry' });
    for (const status of [400, 404, 413]) expect(nextStep({ kind: 'status', status }, 1, online)).toEqual({ action: 'give-up' });
  });

  it('never retries what the server refused, or what the teacher cancelled, even offline', () => {
    for (const o of [online, { ...online, online: false }]) {
      expect(nextStep({ kind: 'refused' }, 1, o)).toEqual({ action: 'give-up' });
      expect(nextStep({ kind: 'cancelled' }, 1, o)).toEqual({ action: 'give-up' });
    }
  });

  it('tells a dropped connection from a refusal', () => {
    expect(classifyFailure(network)).toEqual({ kind: 'network' });
    // What fetch (under a server action) throws when no answer comes back.
    expect(classifyFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(classifyFailure(new ServerRefused('This upload has already finished or was cancelled.'))).toEqual({ kind: 'refused' });
    expect(classifyFailure(new TransferError({ kind: 'status', status: 403 }))).toEqual({ kind: 'status', status: 403 });
    expect(classifyFailure(new Error('Storage did not confirm a part (missing ETag).'))).toEqual({ kind: 'other' });
  });
});

/** A browser whose connection the test switches. */
function fakeBrowser(startOnline: boolean) {
  const events = new EventTarget();
  const state = { online: startOnline };
  return {
    isOnline: () => state.online,
    events,
    goOnline: () => {
      state.online = true;
      events.dispatchEvent(new Event('online'));
    },
    goOffline: () => {
      state.online = false;
    },
  };
}

describe('waiting for the connection', () => {
  afterEach(() => vi.useRealTimers());

  it('goes on at once when online, else at the online event, and stops when cancelled', async () => {
    await waitForOnline(fakeBrowser(true));
    const b = fakeBrowser(false);
    let back = false;
    const waiting = waitForOnline(b).then(() => { back = true; });
    await Promise.resolve();
    expect(back).toBe(false);
    b.goOnline();
    await waiting;
    expect(back).toBe(true);

    const cancel = new AbortController();
    const cancelled = waitForOnline(fakeBrowser(false), cancel.signal);
    cancel.abort();
    await expect(cancelled).rejects.toMatchObject({ failure: { kind: 'cancelled' } });
  });

  it('notices the connection is back even if the event was missed', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser(false);
    let back = false;
    void waitForOnline(b, undefined, 5_000).then(() => { back = true; });
    b.isOnline = () => true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(back).toBe(true);
  });
});

describe('a request retried until it goes through', () => {
  afterEach(() => vi.useRealTimers());

  it('sends again after a dropped connection, asking for a fresh URL, and returns what finally came back', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser(true);
    const calls: boolean[] = [];
    const send = vi.fn(async (fresh: boolean) => {
      calls.push(fresh);
      if (calls.length < 3) throw network;
      return 'etag-1';
    });
    const result = withRetries(send, { ...b, canResign: true, signal: new AbortController().signal });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('etag-1');
    expect(calls).toEqual([false, true, true]);
  });

  it('gives up after a few tries while online, with the last error', async () => {
    vi.useFakeTimers();
    const send = vi.fn(async () => {
      throw network;
    });
    const result = withRetries(send, { ...fakeBrowser(true), canResign: false, signal: new AbortController().signal });
    const settled = result.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await settled).toBe(network);
    expect(send).toHaveBeenCalledTimes(TRANSFER_ATTEMPTS);
  });

  it('pauses while offline (saying so) and goes on, with a fresh set of tries, once back online', async () => {
    vi.useFakeTimers();
    const b = fakeBrowser(true);
    const waiting: boolean[] = [];
    let failures = 0;
    const send = vi.fn(async () => {
      failures++;
      // Four failures online, then the connection goes; once back, five more before it works.
      if (failures === TRANSFER_ATTEMPTS - 1) b.goOffline();
      if (failures < 2 * TRANSFER_ATTEMPTS - 1) throw network;
      return 'done';
    });
    const result = withRetries(send, { ...b, canResign: true, signal: new AbortController().signal, onWaiting: (w) => waiting.push(w) });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(waiting).toEqual([true]);
    // Nothing is sent while offline, however long it lasts.
    const sentWhileOffline = send.mock.calls.length;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(send.mock.calls.length).toBe(sentWhileOffline);
    b.goOnline();
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('done');
    expect(waiting).toEqual([true, false]);
  });

  it('stops when cancelled, without another try', async () => {
    vi.useFakeTimers();
    const cancel = new AbortController();
    const send = vi.fn(async () => {
      throw network;
    });
    const result = withRetries(send, { ...fakeBrowser(true), canResign: true, signal: cancel.signal });
    const settled = result.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    cancel.abort();
    await vi.runAllTimersAsync();
    expect(await settled).toBe(network);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not retry a refusal from the server', async () => {
    const refused = new ServerRefused('This file was rejected. Remove it and upload another.');
    const send = vi.fn(async () => {
      throw refused;
    });
    await expect(withRetries(send, { ...fakeBrowser(true), canResign: true, signal: new AbortController().signal })).rejects.toBe(refused);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
