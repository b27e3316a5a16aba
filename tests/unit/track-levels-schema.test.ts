// The track form's level boxes, as TrackDef checks them: a fixed row of five boxes with no way to
// remove one, so each refusal says what the admin can do there.
import { describe, expect, it } from 'vitest';
import { TrackDef } from '@/lib/authoring/schemas';

const def = (levels: string[]) => ({ slug: 'reading-track', title: 'Reading', summary: 'Levels of one skill.', topic: 'Literacy', levels });
/** The messages on each level's box (`levels.N`), or the levels saved when there are none. */
function check(levels: string[]): Record<string, string[]> | string[] {
  const r = TrackDef.safeParse(def(levels));
  if (r.success) return r.data.levels;
  const out: Record<string, string[]> = {};
  for (const issue of r.error.issues) (out[issue.path.join('.')] ??= []).push(issue.message);
  return out;
}

describe('empty level boxes', () => {
  it('a gap names the later level that has a credential, and says to fill it or close it up', () => {
    expect(check(['basics', '', 'conferences'])).toEqual({
      'levels.1': ['Level 2 is empty, but level 3 has a credential: a track cannot skip a level. Choose a credential for level 2, or move the later levels up if they were never published.'],
    });
    // Two empty boxes before a later level: each names the next level that has one.
    expect(check(['basics', '', ' ', 'coaching', ''])).toEqual({
      'levels.1': ['Level 2 is empty, but level 4 has a credential: a track cannot skip a level. Choose a credential for level 2, or move the later levels up if they were never published.'],
      'levels.2': ['Level 3 is empty, but level 4 has a credential: a track cannot skip a level. Choose a credential for level 3, or move the later levels up if they were never published.'],
    });
    expect(check(['', 'basics'])).toMatchObject({ 'levels.0': [expect.stringMatching(/^Level 1 is empty, but level 2 has a credential/)] });
  });

  it('empty boxes after the last level are not an error: the track is shorter', () => {
    expect(check(['basics', 'conferences', '', ' ', ''])).toEqual(['basics', 'conferences']);
    expect(check(['', '', ''])).toEqual([]);
  });

  it('no message tells the admin to remove a level, which the form cannot do', () => {
    for (const levels of [['a-one', '', 'a-two'], ['a-one', 'a-two', 'a-one'], ['a-one', 'a-one', 'a-two']]) {
      expect(JSON.stringify(check(levels))).not.toMatch(/remove the level/);
    }
  });
});

describe('a credential chosen for two levels', () => {
  it('as the last level: choose another, or leave that level empty', () => {
    expect(check(['basics', 'conferences', 'basics'])).toEqual({
      'levels.2': ['Level 3 repeats level 1: a credential can be one level only. Choose another credential, or leave level 3 empty.'],
    });
  });

  it('before a later level: choose another, since leaving it empty would skip a level', () => {
    expect(check(['basics', 'basics', 'coaching'])).toEqual({
      'levels.1': ['Level 2 repeats level 1: a credential can be one level only. Choose another credential for level 2.'],
    });
  });
});
