// The draft's notes (lib/review/draft-notes.ts): feedback written on a criterion before its level is
// chosen is kept until it has one, and the scoring form starts from scores and notes together.
import { describe, expect, it } from 'vitest';
import { draftEntries, nextDraftNotes, readDraftNotes } from '@/lib/review/draft-notes';

describe('reading the stored notes', () => {
  it('keeps text on criteria of this rubric only, and ignores anything else the JSON holds', () => {
    expect(readDraftNotes({ c1: 'Ask about exit tickets.', c2: 7, c3: '  ', gone: 'Old rubric.' }, ['c1', 'c2', 'c3'])).toEqual({ c1: 'Ask about exit tickets.' });
    expect(readDraftNotes(null, ['c1'])).toEqual({});
    expect(readDraftNotes(['c1'], ['c1'])).toEqual({});
    expect(readDraftNotes('c1', ['c1'])).toEqual({});
    // Without a rubric to check against (carrying a draft over on the same attempt): every text note.
    expect(readDraftNotes({ c1: 'A', c2: 2 })).toEqual({ c1: 'A' });
    // Not fooled by inherited keys.
    expect(readDraftNotes({}, ['toString'])).toEqual({});
  });
});

describe('the notes after a save', () => {
  it('keeps feedback sent without a level, drops a note once its criterion has a level or is emptied, and leaves criteria not sent alone', () => {
    const before = { c1: 'First thoughts.', c2: 'Second thoughts.', c3: 'Untouched.' };
    expect(
      nextDraftNotes(before, [
        { criterionId: 'c1', levelId: 'l2', feedback: 'First thoughts.' },
        { criterionId: 'c2', levelId: null, feedback: '   ' },
        { criterionId: 'c4', feedback: '  New note.\u0000 ' },
      ]),
    ).toEqual({ c3: 'Untouched.', c4: 'New note.' });
    expect(before).toEqual({ c1: 'First thoughts.', c2: 'Second thoughts.', c3: 'Untouched.' });
  });
});

describe('the draft the scoring form starts from', () => {
  it('is the saved scores, with notes on criteria without a level; a note beside a score is the newer feedback', () => {
    expect(
      draftEntries(
        [
          { criterionId: 'c1', levelId: 'l2', feedback: 'Scored.' },
          { criterionId: 'c2', levelId: 'l1', feedback: 'Older text.' },
        ],
        { c2: 'Rewritten since.', c3: 'Not scored yet.' },
      ),
    ).toEqual({
      c1: { levelId: 'l2', feedback: 'Scored.' },
      c2: { levelId: 'l1', feedback: 'Rewritten since.' },
      c3: { levelId: null, feedback: 'Not scored yet.' },
    });
  });
});
