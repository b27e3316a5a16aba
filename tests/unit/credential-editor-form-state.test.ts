import { describe, expect, it } from 'vitest';
import {
  addLevel, defToForm, emptyForm, ensureItemIds, errorSummary, formToDefInput, moveItem, movedIndex, movePart, noticeFocusClass, reindexErrors, removedIndex, removeLevel, removePart, slugFromTitle, withTitle,
  type CredentialForm,
} from '@/components/admin/credential-form-state';
import { MicroCredentialDraft, publishGaps } from '@/lib/authoring/schemas';
import { sampleDefinition } from '../factories/definitions';

function formWithParts(n: number): CredentialForm {
  const f = emptyForm();
  const parts = Array.from({ length: n }, (_, i) => ({ ...f.parts[0], uid: `p${i}`, title: `Part ${i}` }));
  return { ...f, parts, rubric: { ...f.rubric, criteria: [{ ...f.rubric.criteria[0], partIndex: '1' }] } };
}

describe('list item ids in the credential editor', () => {
  it('gives every item and level a distinct id, on a new form and on a loaded one', () => {
    const f = emptyForm();
    const ids = [...f.parts.map((p) => p.uid), ...f.rubric.criteria.map((c) => c.uid), ...f.rubric.levelIds];
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(f.rubric.levelIds).toHaveLength(f.rubric.levels.length);
  });

  it('never sends the ids to the server', () => {
    const f = ensureItemIds({ ...emptyForm(), resources: [{ uid: 'r1', kind: 'READING', title: 'T', url: '', body: '', minutes: '' }] });
    const json = JSON.stringify(formToDefInput(f));
    expect(json).not.toContain('uid');
    expect(json).not.toContain('levelIds');
    expect(json).not.toContain('r1');
  });

  it('fills in ids missing from an older browser copy and keeps the ids already there', () => {
    const f = emptyForm();
    const old = JSON.parse(JSON.stringify({ ...f, parts: f.parts.map((p) => ({ ...p, uid: undefined })), rubric: { ...f.rubric, levelIds: undefined } })) as CredentialForm;
    const fixed = ensureItemIds(old);
    expect(fixed.parts[0].uid).toBeTruthy();
    expect(fixed.rubric.levelIds).toHaveLength(4);
    expect(fixed.rubric.criteria[0].uid).toBe(f.rubric.criteria[0].uid);
    expect(ensureItemIds(fixed)).toEqual(fixed);
  });

  it('moves an item with its id, so the moved item can keep focus', () => {
    const f = formWithParts(3);
    const moved = movePart(f, 2, 1);
    expect(moved.parts.map((p) => p.uid)).toEqual(['p0', 'p2', 'p1']);
    expect(moved.rubric.criteria[0].partIndex).toBe('2');
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });

  it('removes a part and keeps the other ids', () => {
    expect(removePart(formWithParts(3), 1).parts.map((p) => p.uid)).toEqual(['p0', 'p2']);
  });

  it('keeps level ids in step with the levels when one is added or removed', () => {
    const f = emptyForm();
    const added = addLevel(f);
    expect(added.rubric.levelIds).toHaveLength(5);
    const removed = removeLevel(added, 1);
    expect(removed.rubric.levelIds).toEqual([added.rubric.levelIds[0], ...added.rubric.levelIds.slice(2)]);
  });

  it('loads a saved definition with ids on every list item', () => {
    const def = formToDefInput(emptyForm());
    const f = defToForm({ ...def, subjects: [], gradeBands: [], resources: [], alignments: [{ targetName: 'S', targetUrl: 'https://x.org' }] } as unknown as Parameters<typeof defToForm>[0]);
    expect(f.alignments[0].uid).toBeTruthy();
    expect(f.rubric.levelIds).toHaveLength(f.rubric.levels.length);
  });
});

describe('the error summary', () => {
  it('names each field and links to the control the editor renders for it', () => {
    const items = errorSummary({
      title: ['This field is required.'],
      'subjects.0': ['This field is required.'],
      'parts.1.title': ['This field is required.'],
      'parts.0.allowedTypes': ['Choose at least one allowed file type for a part that takes files.'],
      'rubric.levels.2': ['This field is required.'],
      'rubric.criteria.0.descriptors.3': ['This field is required.'],
      'rubric.criteria.1.descriptors': ['Describe each of the 4 levels for this criterion.'],
      'rubric.passingRule.levelRank': ['The passing level must be one of the rubric levels.'],
      parts: ['Add at least one submission part.'],
      'alignments.0.targetUrl': ['Invalid URL'],
    });
    expect(items.map((i) => [i.targetId, i.label])).toEqual([
      ['title', 'Title'],
      ['subjects', 'Subjects'],
      ['parts.1.title', 'Part 2: Part title'],
      ['parts.0.allowedTypes', 'Part 1: Allowed file types'],
      ['rubric.levels.2', 'Name of level 3'],
      ['rubric.criteria.0.descriptors.3', 'Criterion 1 at level 4'],
      ['rubric.criteria.1.descriptors.0', 'Criterion 2: level descriptions'],
      ['rubric.passingRule.levelRank', 'Passing level'],
      // "Make at least one part required" is fixed at a Required box; with no part on the page, the add button.
      ['parts.0.required', 'Submission parts'],
      ['alignments.0.targetUrl', 'Alignment 1: Web address'],
    ]);
    expect(items.find((i) => i.key === 'parts')?.targetIds).toEqual(['parts.0.required', 'add-part']);
    expect(items[0].messages).toEqual(['This field is required.']);
  });

  it('is empty when there are no field errors', () => {
    expect(errorSummary(undefined)).toEqual([]);
    expect(errorSummary({ title: [] })).toEqual([]);
  });
});

describe('server errors after a move or a remove', () => {
  const errors = { 'parts.0.title': ['Give part 1 a title.'], 'parts.2.maxFiles': ['At most 20.'], 'parts': ['Add a part.'], 'rubric.criteria.0.title': ['Name it.'], 'parts.10.title': ['Far away.'] };
  it('follow their item when it moves, and the items it passes shift', () => {
    // Part 1 (index 0) moves down to index 2: what was at 1 and 2 moves up.
    expect(reindexErrors(errors, 'parts', movedIndex(0, 2))).toEqual({
      'parts.2.title': ['Give part 1 a title.'], 'parts.1.maxFiles': ['At most 20.'], 'parts': ['Add a part.'], 'rubric.criteria.0.title': ['Name it.'], 'parts.10.title': ['Far away.'],
    });
    expect(reindexErrors(errors, 'parts', movedIndex(2, 1))).toMatchObject({ 'parts.1.maxFiles': ['At most 20.'], 'parts.0.title': ['Give part 1 a title.'] });
  });
  it('go with a removed item, and later items move up', () => {
    expect(reindexErrors(errors, 'parts', removedIndex(0))).toEqual({
      'parts.1.maxFiles': ['At most 20.'], 'parts': ['Add a part.'], 'rubric.criteria.0.title': ['Name it.'], 'parts.9.title': ['Far away.'],
    });
    // Another list is untouched.
    expect(reindexErrors(errors, 'rubric.criteria', removedIndex(3))).toEqual(errors);
    expect(reindexErrors(undefined, 'parts', removedIndex(0))).toBeUndefined();
  });
});

describe('an unfinished draft in the editor', () => {
  it('sends a new, barely started form as a draft the server accepts, and says what publishing still needs', () => {
    const f = withTitle({ ...emptyForm(), pdHours: '5' }, 'Exit tickets', { saved: false });
    const draft = MicroCredentialDraft.safeParse(formToDefInput(f));
    expect(draft.success, JSON.stringify(draft.error?.issues)).toBe(true);
    const summary = errorSummary(publishGaps(draft.data));
    expect(summary.map((i) => i.label)).toEqual(expect.arrayContaining(['Summary', 'Competency', 'Key method', 'Topic', 'Part 1: Part title', 'Part 1: Prompt', 'Criterion 1: Title', 'Criterion 1 at level 1']));
    expect(summary.find((i) => i.key === 'summary')).toMatchObject({ targetId: 'summary', messages: ['This field is required.'] });
  });

  it('shows a reopened draft exactly as it was saved: blanks stay blank, nothing is filled in', () => {
    const f: CredentialForm = {
      ...emptyForm(),
      slug: 'exit-tickets', title: 'Exit tickets', pdHours: '7.5', level: '', summary: '',
      rubric: { ...emptyForm().rubric, passingKind: 'TOTAL_AT_LEAST', levelRank: '1', total: '' },
    };
    const saved = MicroCredentialDraft.parse(formToDefInput(f));
    const reopened = defToForm(saved);
    expect(reopened).toMatchObject({ slug: 'exit-tickets', title: 'Exit tickets', pdHours: '7.5', level: '', summary: '', topic: '', expiryMonths: '' });
    expect(reopened.rubric).toMatchObject({ passingKind: 'TOTAL_AT_LEAST', levelRank: '1', total: '' });
    const withoutIds = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'uid' || k === 'levelIds' ? undefined : v)));
    expect(withoutIds(reopened)).toEqual(withoutIds(f));
    expect(MicroCredentialDraft.parse(formToDefInput(reopened))).toEqual(saved);
  });

  it('clears the passing level once its level is removed, and the draft still saves when every level is', () => {
    let f = emptyForm();
    for (let i = f.rubric.levels.length - 1; i >= 0; i--) f = removeLevel(f, i);
    expect(f.rubric.levels).toEqual([]);
    expect(f.rubric.levelRank).toBe('');
    expect(MicroCredentialDraft.safeParse(formToDefInput({ ...f, slug: 'no-levels', title: 'No levels', pdHours: '1' })).success).toBe(true);
  });
});

describe('the passing level when a rubric level is removed', () => {
  // Levels: Not yet, Developing, Demonstrated (passing), Exemplary.
  const withPassing = (levelRank: string): CredentialForm => ({ ...emptyForm(), rubric: { ...emptyForm().rubric, levelRank } });
  const passingLabel = (f: CredentialForm) => f.rubric.levels[Number(f.rubric.levelRank)];

  it('stays on the same level when a level above it goes', () => {
    const f = removeLevel(withPassing('2'), 3);
    expect(f.rubric.levels).toEqual(['Not yet', 'Developing', 'Demonstrated']);
    expect(passingLabel(f)).toBe('Demonstrated');
  });

  it('follows its level down when a level below it goes', () => {
    const f = removeLevel(withPassing('2'), 1);
    expect(f.rubric.levelRank).toBe('1');
    expect(passingLabel(f)).toBe('Demonstrated');
  });

  it('is cleared when its own level goes, so publishing asks for one instead of passing at the level that took its place', () => {
    const f = removeLevel(withPassing('2'), 2);
    expect(f.rubric.levels).toEqual(['Not yet', 'Developing', 'Exemplary']);
    expect(f.rubric.levelRank).toBe('');
    const def = { ...sampleDefinition(), rubric: formToDefInput(f).rubric };
    const gaps = publishGaps({ ...def, rubric: { ...def.rubric, criteria: sampleDefinition().rubric.criteria.map((c) => ({ ...c, descriptors: c.descriptors.slice(0, 3) })) } });
    expect(gaps).toEqual({ 'rubric.passingRule.levelRank': ['Choose the passing level.'] });
    // The last level going clears it too, rather than moving it onto the new last level.
    expect(removeLevel(withPassing('3'), 3).rubric.levelRank).toBe('');
  });

  it('leaves a passing level not chosen yet as it is', () => {
    expect(removeLevel(withPassing(''), 0).rubric.levelRank).toBe('');
  });
});

describe('the web address of a new credential', () => {
  it('is made from the title', () => {
    expect(slugFromTitle('Exit Tickets: Grades 6–8')).toBe('exit-tickets-grades-6-8');
    expect(slugFromTitle('  Évaluation formative  ')).toBe('evaluation-formative');
    expect(slugFromTitle('!!!')).toBe('');
    const long = slugFromTitle('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('follows the title until the admin types their own, and never changes on a saved credential', () => {
    let f = withTitle(emptyForm(), 'Exit', { saved: false });
    f = withTitle(f, 'Exit tickets', { saved: false });
    expect(f.slug).toBe('exit-tickets');
    const own = withTitle({ ...f, slug: 'my-own-address' }, 'Exit tickets, revised', { saved: false });
    expect(own).toMatchObject({ title: 'Exit tickets, revised', slug: 'my-own-address' });
    const saved = withTitle({ ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets' }, 'Exit tickets 2', { saved: true });
    expect(saved).toMatchObject({ title: 'Exit tickets 2', slug: 'exit-tickets' });
  });
});

describe('the notice that takes focus after a save or publish', () => {
  it('shows a focus ring in the colour of its outcome, never none (WCAG 2.4.7)', () => {
    expect(noticeFocusClass('danger')).toBe('focus:outline-2 focus:outline-offset-2 focus:outline-red-700');
    expect(noticeFocusClass('success')).toContain('focus:outline-green-700');
    expect(noticeFocusClass('info')).toContain('focus:outline-brand-600');
    for (const tone of ['danger', 'success', 'info', undefined] as const) expect(noticeFocusClass(tone)).not.toContain('outline-none');
  });
});
