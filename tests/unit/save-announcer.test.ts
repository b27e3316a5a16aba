// What forms that save themselves (the answer editor, the scoring form) read out: problems once,
// "saved" at most once a minute, or at once when a problem is over (components/ui/save-announcer.ts).
import { describe, expect, it, vi } from 'vitest';
import { nextSaveAnnouncement, type SaveAnnouncerMemory, type SaveEvent } from '@/components/ui/save-announcer';

vi.mock('@/app/apply/[slug]/actions', () => ({ saveResponseAction: async () => undefined }));
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: async () => undefined, submitReviewAction: async () => undefined, keepClaimAction: async () => undefined }));
const { saveEventOf } = await import('@/components/evidence/answer-editor');
const { scoringSaveEvent } = await import('@/components/review/scoring-form');

/** Runs events at the given times (ms) and returns what was said. */
function run(events: [number, SaveEvent][]) {
  let memory: SaveAnnouncerMemory = { lastSavedAt: null, lastProblem: null };
  const said: string[] = [];
  for (const [at, event] of events) {
    const next = nextSaveAnnouncement(memory, event, at, 'Answer saved.');
    memory = next.memory;
    if (next.say) said.push(next.say);
  }
  return said;
}

const saving: SaveEvent = { kind: 'quiet' };
const saved: SaveEvent = { kind: 'saved' };
const offline: SaveEvent = { kind: 'problem', text: 'Not saved yet: kept on this device' };

describe('what is read out while someone types and the form saves after each pause', () => {
  it('says “saved” once in a minute, however many saves land in it', () => {
    const events: [number, SaveEvent][] = [];
    for (let t = 0; t < 59_000; t += 3_000) events.push([t, saving], [t + 500, saved]);
    expect(run(events)).toEqual(['Answer saved.']);
    expect(run([[0, saved], [30_000, saved], [60_000, saved], [61_000, saved]])).toEqual(['Answer saved.', 'Answer saved.']);
  });

  it('says a problem once, not on every retry that fails the same way, and at once that it is saved when it is over', () => {
    expect(run([[0, saved], [1_000, saving], [2_000, offline], [3_000, offline], [4_000, saving], [5_000, offline], [6_000, saved]])).toEqual([
      'Answer saved.',
      'Not saved yet: kept on this device',
      'Answer saved.',
    ]);
  });

  it('says a different problem when it changes, and the same one again once it came back after a save', () => {
    const error: SaveEvent = { kind: 'problem', text: 'The server could not save it.' };
    expect(run([[0, offline], [1_000, error], [2_000, saved], [3_000, offline]])).toEqual(['Not saved yet: kept on this device', 'The server could not save it.', 'Answer saved.', 'Not saved yet: kept on this device']);
  });

  it('says nothing for “saving…”', () => {
    expect(run([[0, saving], [1_000, saving]])).toEqual([]);
  });
});

describe('the forms’ statuses as events', () => {
  it('answer editor: a save, being offline and an error; a conflict has its own alert', () => {
    expect(saveEventOf({ kind: 'saved', at: new Date() })).toEqual({ kind: 'saved' });
    expect(saveEventOf({ kind: 'offline' })).toMatchObject({ kind: 'problem', text: expect.stringContaining('Not saved yet') });
    expect(saveEventOf({ kind: 'error', message: 'Too long.' })).toEqual({ kind: 'problem', text: 'Too long.' });
    expect(saveEventOf({ kind: 'conflict', message: 'Saved elsewhere.' })).toEqual({ kind: 'quiet' });
    expect(saveEventOf({ kind: 'saving' })).toEqual({ kind: 'quiet' });
  });

  it('scoring form: a save, a copy kept in the browser and an error', () => {
    expect(scoringSaveEvent({ kind: 'saved', at: new Date() })).toEqual({ kind: 'saved' });
    expect(scoringSaveEvent({ kind: 'local' })).toMatchObject({ kind: 'problem', text: expect.stringContaining('kept in this browser') });
    expect(scoringSaveEvent({ kind: 'error', message: 'Someone else saved.', stop: true })).toEqual({ kind: 'problem', text: 'Someone else saved.' });
    expect(scoringSaveEvent({ kind: 'saving' })).toEqual({ kind: 'quiet' });
  });
});
