// The proposal form's pure decisions: what a draft and a send each require, what to do with a copy
// kept in this browser, and how the page names who decides.
import { describe, expect, it } from 'vitest';
import { ProposalDraftInput, ProposalInput } from '@/lib/proposals/schemas';
import { decideLocalProposal, parseLocalProposal, sameProposalText } from '@/components/ui/local-draft';
import { nameLeaders } from '@/components/proposals/decider-words';
import { fromVersionRef, packProposalText, toVersionRef, unpackProposalText } from '@/components/proposals/proposal-text';
import { charCount } from '@/components/proposals/char-count';

describe('what saving and sending a proposal require', () => {
  const base = { microCredentialId: 'mc1', version: '' };

  it('saves a draft of any length up to the maximum, even empty', () => {
    expect(ProposalInput.safeParse({ ...base, studentGoals: 'Grade 4', intent: 'save' }).success).toBe(true);
    expect(ProposalInput.safeParse({ ...base, intent: 'save' }).data).toMatchObject({ studentGoals: '', plan: '' });
    expect(ProposalDraftInput.safeParse({ ...base, studentGoals: '', plan: '', version: null }).success).toBe(true);
  });

  it('asks for a sentence or two only when sending, on the student goals box', () => {
    const r = ProposalInput.safeParse({ ...base, studentGoals: '   Grade 4 maths   ', intent: 'submit' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['studentGoals', expect.stringContaining('at least 20 characters')]]);
    // Sending is the default intent, as before.
    expect(ProposalInput.safeParse({ ...base, studentGoals: 'short' }).success).toBe(false);
    expect(ProposalInput.safeParse({ ...base, studentGoals: 'My grade 4 class will explain fractions.', intent: 'submit' }).success).toBe(true);
  });

  it('limits both boxes to 4,000 characters for a draft too, naming each box as its label does', () => {
    const names = { studentGoals: '“How will this study serve your students’ learning goals?”', plan: '“Your plan”' };
    for (const field of ['studentGoals', 'plan'] as const) {
      const r = ProposalInput.safeParse({ ...base, [field]: 'x'.repeat(4312), intent: 'save' });
      expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[field, `${names[field]} is too long: use at most 4,000 characters (it has 4,312).`]]);
    }
  });

  it('counts the characters of a box live, as the server counts them', () => {
    expect(charCount('  Grade 4 fractions  ', 4000)).toEqual({ text: '17 of 4,000 characters', over: false });
    expect(charCount('x'.repeat(4312), 4000)).toEqual({ text: '4,312 of 4,000 characters: 312 too many', over: true });
  });

  it('asks for the goals on an empty send, naming the box by its label', () => {
    const r = ProposalInput.safeParse({ ...base, studentGoals: '', intent: 'submit' });
    expect(r.error?.issues[0]?.message).toBe('Answer “How will this study serve your students’ learning goals?” in a sentence or two before sending (at least 20 characters).');
  });

  it('reads the version a form was loaded with: a number, or none yet; anything else is refused', () => {
    const v = (version: unknown) => ProposalInput.safeParse({ microCredentialId: 'mc1', intent: 'save', version });
    expect(v('3').data?.version).toBe(3);
    expect(v('').data?.version).toBeNull();
    // A post without it is from a page that cannot be checked against newer text: refused.
    expect(v(undefined).success).toBe(false);
    for (const bad of [' ', '-1', '1.5', '1e3', 'x', '9999999999']) expect(v(bad).success).toBe(false);
    // An autosave always says what it was typed on.
    expect(ProposalDraftInput.safeParse({ microCredentialId: 'mc1', studentGoals: 'a' }).success).toBe(false);
  });
});

describe('a proposal copy kept in this browser', () => {
  const server = { studentGoals: 'Grade 4 fractions', plan: 'In May', version: 2 };

  it('reads only a well-formed copy', () => {
    expect(parseLocalProposal({ studentGoals: 'a', plan: 'b', baseVersion: 2 })).toEqual({ studentGoals: 'a', plan: 'b', baseVersion: 2 });
    expect(parseLocalProposal({ studentGoals: 'a', plan: 'b', baseVersion: null })).toEqual({ studentGoals: 'a', plan: 'b', baseVersion: null });
    for (const broken of [null, 'text', [], { studentGoals: 'a' }, { studentGoals: 'a', plan: 3, baseVersion: 1 }, { studentGoals: 'a', plan: 'b' }, { studentGoals: 'a', plan: 'b', baseVersion: 1.5 }, { studentGoals: 'a', plan: 'b', baseVersion: -1 }]) {
      expect(parseLocalProposal(broken)).toBeNull();
    }
  });

  it('restores nothing when there is no copy or the server already says the same (spaces at the ends aside)', () => {
    expect(decideLocalProposal(null, server)).toBe('none');
    expect(decideLocalProposal({ studentGoals: ' Grade 4 fractions\n', plan: 'In May ', baseVersion: 0 }, server)).toBe('none');
    expect(sameProposalText({ studentGoals: 'a', plan: 'b' }, { studentGoals: 'a', plan: 'b c' })).toBe(false);
  });

  it('puts back a copy typed on the proposal the server still has', () => {
    expect(decideLocalProposal({ studentGoals: 'Grade 4 fractions and decimals', plan: 'In May', baseVersion: 2 }, server)).toBe('restore');
    // Typed before there was any proposal, and there still is none.
    expect(decideLocalProposal({ studentGoals: 'Grade 4', plan: '', baseVersion: null }, { studentGoals: '', plan: '', version: null })).toBe('restore');
  });

  it('asks when the saved proposal changed since the copy was typed, rather than overwrite newer text', () => {
    expect(decideLocalProposal({ studentGoals: 'Older text', plan: '', baseVersion: 1 }, server)).toBe('ask');
    // Typed before any proposal existed; one was saved since (another window or device).
    expect(decideLocalProposal({ studentGoals: 'Older text', plan: '', baseVersion: null }, server)).toBe('ask');
  });
});

describe('the autosave loop’s view of the two boxes', () => {
  it('packs both boxes into one text and back, whatever they hold', () => {
    const text = { studentGoals: 'Line one\n"quoted", [bracketed]', plan: '' };
    expect(unpackProposalText(packProposalText(text))).toEqual(text);
    expect(packProposalText({ studentGoals: 'ab', plan: '' })).not.toBe(packProposalText({ studentGoals: 'a', plan: 'b' }));
  });

  it('keeps "no proposal yet" apart from version 0', () => {
    expect(fromVersionRef(toVersionRef(null))).toBeNull();
    expect(fromVersionRef(toVersionRef(0))).toBe(0);
  });
});

describe('naming who decides', () => {
  it('lists the leaders shown and counts the rest', () => {
    expect(nameLeaders([], 0)).toBe('');
    expect(nameLeaders(['Ann Berg'], 0)).toBe('Ann Berg');
    expect(nameLeaders(['Ann Berg', 'Bo Hart'], 0)).toBe('Ann Berg and Bo Hart');
    expect(nameLeaders(['Ann Berg', 'Bo Hart', 'Cy Moss'], 1)).toBe('Ann Berg, Bo Hart, Cy Moss and 1 other');
    expect(nameLeaders(['Ann Berg', 'Bo Hart', 'Cy Moss'], 4)).toBe('Ann Berg, Bo Hart, Cy Moss and 4 others');
  });
});
