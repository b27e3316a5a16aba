// A Retry that starts over (components/evidence/upload-start.ts): the file of the earlier try goes,
// then the server is asked to start the upload again. Cancel pressed during those steps starts
// nothing new (each request makes a file and counts against a rate limit) and says nothing.
import { describe, expect, it, vi } from 'vitest';
import { startAfresh } from '@/components/evidence/upload-start';

type Ticket = { ok: true; fileId: string } | { ok: false; formError: string };

function steps(over: { dropOld?: null; request?: () => Promise<Ticket> } = {}) {
  const state = { cancelled: false };
  const dropOld = vi.fn(async () => undefined);
  const s = {
    dropOld,
    forgetOld: vi.fn(),
    waitOnline: vi.fn(async () => undefined),
    request: vi.fn(over.request ?? (async (): Promise<Ticket> => ({ ok: true, fileId: 'new' }))),
    cancelled: () => state.cancelled,
  };
  return { s, state, run: () => startAfresh({ ...s, dropOld: over.dropOld === null ? null : dropOld }) };
}

describe('starting an upload over', () => {
  it('removes the old file, then asks for a new one', async () => {
    const { s, run } = steps();
    await expect(run()).resolves.toEqual({ ok: true, fileId: 'new' });
    expect(s.dropOld).toHaveBeenCalledTimes(1);
    expect(s.forgetOld).toHaveBeenCalledTimes(1);
    expect(s.request).toHaveBeenCalledTimes(1);
    expect(s.dropOld.mock.invocationCallOrder[0]).toBeLessThan(s.request.mock.invocationCallOrder[0]);
  });

  it('with no old file, just asks', async () => {
    const { s, run } = steps({ dropOld: null });
    await expect(run()).resolves.toEqual({ ok: true, fileId: 'new' });
    expect(s.forgetOld).toHaveBeenCalledTimes(1);
  });

  it('cancelled while the old file was being removed: asks for no new file', async () => {
    const { s, state, run } = steps();
    s.dropOld.mockImplementation(async () => {
      state.cancelled = true;
    });
    await expect(run()).resolves.toBeNull();
    // The old file is gone: forgotten, so Cancel does not remove it again.
    expect(s.forgetOld).toHaveBeenCalledTimes(1);
    expect(s.waitOnline).not.toHaveBeenCalled();
    expect(s.request).not.toHaveBeenCalled();
  });

  it('cancelled while waiting for the connection: asks for no new file', async () => {
    const { s, state, run } = steps();
    s.waitOnline.mockImplementation(async () => {
      state.cancelled = true;
    });
    await expect(run()).resolves.toBeNull();
    expect(s.request).not.toHaveBeenCalled();
  });

  it('refused after Cancel was pressed: quiet (null), nothing to tell the teacher', async () => {
    const { s, state, run } = steps();
    s.request.mockImplementation(async (): Promise<Ticket> => {
      state.cancelled = true;
      return { ok: false, formError: 'Too many uploads. Wait a minute.' };
    });
    await expect(run()).resolves.toBeNull();
  });

  it('started after Cancel was pressed: the ticket all the same, so the file it made is removed', async () => {
    const { s, state, run } = steps();
    s.request.mockImplementation(async (): Promise<Ticket> => {
      state.cancelled = true;
      return { ok: true, fileId: 'new' };
    });
    await expect(run()).resolves.toEqual({ ok: true, fileId: 'new' });
  });

  it('refused without a cancel: the refusal, for the row to show', async () => {
    const { run } = steps({ request: async () => ({ ok: false, formError: 'This part takes at most 1 file. Remove one first.' }) });
    await expect(run()).resolves.toEqual({ ok: false, formError: 'This part takes at most 1 file. Remove one first.' });
  });
});
