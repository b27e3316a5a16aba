// A teacher's proposal kept autosaving only until their session ran out: the autosave took
// "signed out" as final and stopped for good, though signing in again in another tab lets the next
// save through (as it does for answers and scores). And once stopped, a Save draft that got through
// said "Draft saved" while later typing was never sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '@/lib/errors';
import { createAutosaver, type AutosaveStatus, type SaveOutcome } from '@/components/evidence/autosave';

const requireActor = vi.fn();
vi.mock('@/lib/auth/session', () => ({ requireActor: () => requireActor(), getActor: vi.fn(async () => null) }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const saveProposal = vi.fn();
vi.mock('@/lib/proposals/mutations', () => ({ saveProposal: (input: unknown) => saveProposal(input) }));

const { autosaveProposalAction, saveProposalAction } = await import('@/app/micro-credentials/[slug]/proposal/actions');

const SIGNED_OUT = 'Your session has ended. Sign in again in a new tab, then come back to this page and try again: what you entered here is still on it.';

describe('a proposal saved after the session ran out', () => {
  beforeEach(() => {
    requireActor.mockReset().mockRejectedValue(new DomainError('UNAUTHENTICATED', SIGNED_OUT));
    saveProposal.mockReset();
  });

  it('the autosave is refused with the sign-in message, and is tried again (not stopped)', async () => {
    const r = await autosaveProposalAction({ microCredentialId: 'mc1', studentGoals: 'Grade 4', plan: '', version: 3 });
    expect(r).toEqual({ ok: false, formError: SIGNED_OUT, stop: false });
    expect(saveProposal).not.toHaveBeenCalled();
  });

  it('Save draft is refused with the sign-in message, and does not stop the autosave either', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ microCredentialId: 'mc1', studentGoals: 'Grade 4', plan: '', version: '3', intent: 'save' })) fd.set(k, v);
    const r = await saveProposalAction({ ok: true }, fd);
    expect(r).toMatchObject({ ok: false, formError: SIGNED_OUT, stop: false });
  });

  it('a refusal that saving again cannot fix still stops it', async () => {
    requireActor.mockResolvedValue({ id: 'u1' });
    saveProposal.mockRejectedValue(new DomainError('CONFLICT', 'Your proposal changed in another window.'));
    const r = await autosaveProposalAction({ microCredentialId: 'mc1', studentGoals: 'Grade 4', plan: '', version: 3 });
    expect(r).toMatchObject({ ok: false, stop: true });
  });
});

describe('the autosave after saving had stopped and Save draft got through', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends what is typed next, on the version Save draft made', async () => {
    const text = { current: 'goals' };
    const refs = { revision: { current: 1 }, lastSaved: { current: '' }, stopped: { current: false } };
    const statuses: AutosaveStatus['kind'][] = [];
    const outcomes: SaveOutcome[] = [{ ok: false, formError: 'Not saved.', conflict: true }];
    const send = vi.fn(async (_t: string, rev: number): Promise<SaveOutcome> => outcomes.shift() ?? { ok: true, revision: rev + 1, savedAt: new Date().toISOString() });
    const saver = createAutosaver({ send, text: () => text.current, ...refs, onStatus: (s) => statuses.push(s.kind), delayMs: 2000 });

    await saver.save();
    expect(refs.stopped.current).toBe(true);
    expect(statuses).toEqual(['saving', 'conflict']);

    // The form's Save draft (posted outside the loop) got through: what the proposal form does then.
    text.current = 'goals, typed on while stopped';
    refs.revision.current = 4;
    refs.lastSaved.current = text.current;
    saver.resume();
    expect(refs.stopped.current).toBe(false);

    text.current = 'goals, typed on while stopped, and after';
    saver.schedule();
    await vi.advanceTimersByTimeAsync(2000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith('goals, typed on while stopped, and after', 4);
    expect(refs.revision.current).toBe(5);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('saves at once what was typed during Save draft, with no further edit', async () => {
    const text = { current: 'a' };
    const refs = { revision: { current: 1 }, lastSaved: { current: '' }, stopped: { current: true } };
    const send = vi.fn(async (_t: string, rev: number): Promise<SaveOutcome> => ({ ok: true, revision: rev + 1, savedAt: new Date().toISOString() }));
    const saver = createAutosaver({ send, text: () => text.current, ...refs, onStatus: () => undefined, delayMs: 2000 });
    refs.revision.current = 2;
    refs.lastSaved.current = 'a';
    text.current = 'ab';
    saver.resume();
    await vi.advanceTimersByTimeAsync(2000);
    expect(send).toHaveBeenCalledWith('ab', 2);
  });
});
