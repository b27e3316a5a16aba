// What a teacher says about their teaching: the "What I teach" checkboxes and the portfolio headline
// as the server reads them (any request, not only the form's), the values they may keep, and the
// words the account page, catalogue and dashboard say it back in.
import { describe, expect, it } from 'vitest';
import { PORTFOLIO_HEADLINE_MAX, PortfolioHeadlineInput, TEACHES_GRADE_BANDS_MAX, TEACHES_SUBJECTS_MAX, TeachingInput } from '@/lib/teaching/schemas';
import { ANY_SUBJECT, saysWhatTheyTeach, subjectsToTick, teachingChoices } from '@/lib/teaching/policy';
import { matchRuleInWords, teachingInWords, teachingSavedMessage } from '@/lib/teaching/words';
import { zodFieldErrors } from '@/lib/action-result';

const errorsOf = (input: unknown) => {
  const parsed = TeachingInput.safeParse(input);
  return parsed.success ? null : zodFieldErrors(parsed.error);
};

describe('TeachingInput', () => {
  it('reads a checkbox group as FormData sends it: nothing, one value or several', () => {
    expect(TeachingInput.parse({})).toEqual({ subjects: [], gradeBands: [] });
    expect(TeachingInput.parse({ subjects: 'Science', gradeBands: '6-8' })).toEqual({ subjects: ['Science'], gradeBands: ['6-8'] });
    expect(TeachingInput.parse({ subjects: ['Science', ' Mathematics ', 'Science'], gradeBands: ['6-8', '9-12'] })).toEqual({ subjects: ['Science', 'Mathematics'], gradeBands: ['6-8', '9-12'] });
  });

  it('refuses what no checkbox sends, with the message on the group (where the form shows it), never on one box', () => {
    const file = new File(['x'], 'x.txt');
    expect(errorsOf({ subjects: [file] })).toEqual({ subjects: ['Choose subjects from the list.'] });
    expect(errorsOf({ gradeBands: { a: 1 } })).toEqual({ gradeBands: ['Choose grade bands from the list.'] });
    expect(errorsOf({ subjects: ['Science', ''] })).toEqual({ subjects: ['Choose subjects from the list.'] });
    expect(errorsOf({ subjects: ['x'.repeat(61)] })).toEqual({ subjects: ['Choose subjects from the list.'] });
    expect(errorsOf({ gradeBands: ['x'.repeat(41)] })).toEqual({ gradeBands: ['Choose grade bands from the list.'] });
    // NUL, which Postgres text cannot hold, is taken out rather than reaching the database.
    expect(TeachingInput.parse({ subjects: 'Sci\u0000ence' }).subjects).toEqual(['Science']);
  });

  it('keeps the count bounded, counting a value sent twice once', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `Subject ${i}`);
    expect(TeachingInput.parse({ subjects: many(TEACHES_SUBJECTS_MAX) }).subjects).toHaveLength(TEACHES_SUBJECTS_MAX);
    expect(errorsOf({ subjects: many(TEACHES_SUBJECTS_MAX + 1) })).toEqual({ subjects: [`Choose at most ${TEACHES_SUBJECTS_MAX} subjects: the ones you teach.`] });
    expect(errorsOf({ gradeBands: many(TEACHES_GRADE_BANDS_MAX + 1) })).toEqual({ gradeBands: [`Choose at most ${TEACHES_GRADE_BANDS_MAX} grade bands: the ones you teach.`] });
    expect(TeachingInput.parse({ subjects: Array(TEACHES_SUBJECTS_MAX * 2).fill('Science') }).subjects).toEqual(['Science']);
    // A flood is refused before anything is done with it.
    expect(errorsOf({ subjects: many(100_000) })).toEqual({ subjects: [`Choose at most ${TEACHES_SUBJECTS_MAX} subjects: the ones you teach.`] });
  });
});

describe('PortfolioHeadlineInput', () => {
  it('keeps one trimmed line; empty or spaces clear it', () => {
    expect(PortfolioHeadlineInput.parse({ portfolioHeadline: '  Grade 5 teacher,\n assessment lead  ' })).toEqual({ portfolioHeadline: 'Grade 5 teacher, assessment lead' });
    expect(PortfolioHeadlineInput.parse({ portfolioHeadline: '' })).toEqual({ portfolioHeadline: null });
    expect(PortfolioHeadlineInput.parse({ portfolioHeadline: '   ' })).toEqual({ portfolioHeadline: null });
    expect(PortfolioHeadlineInput.parse({})).toEqual({ portfolioHeadline: null });
    // Marks that would reverse the text around it on the public page are dropped.
    expect(PortfolioHeadlineInput.parse({ portfolioHeadline: 'Science \u202Elead' }).portfolioHeadline).toBe('Science lead');
  });

  it(`refuses more than ${PORTFOLIO_HEADLINE_MAX} characters (counted once trimmed) and anything but text`, () => {
    expect(PortfolioHeadlineInput.parse({ portfolioHeadline: ` ${'a'.repeat(PORTFOLIO_HEADLINE_MAX)} ` }).portfolioHeadline).toHaveLength(PORTFOLIO_HEADLINE_MAX);
    const long = PortfolioHeadlineInput.safeParse({ portfolioHeadline: 'a'.repeat(PORTFOLIO_HEADLINE_MAX + 1) });
    expect(long.success ? null : zodFieldErrors(long.error)).toEqual({ portfolioHeadline: [`Use at most ${PORTFOLIO_HEADLINE_MAX} characters.`] });
    const file = PortfolioHeadlineInput.safeParse({ portfolioHeadline: new File(['x'], 'x.txt') });
    expect(file.success ? null : zodFieldErrors(file.error)).toEqual({ portfolioHeadline: ['Enter your headline as text.'] });
  });
});

describe('the values a teacher may keep', () => {
  it('the catalogue’s in its order, then saved ones it no longer offers, marked', () => {
    expect(teachingChoices(['Mathematics', 'Science'], ['Science', 'Latin'])).toEqual([
      { value: 'Mathematics', listed: true },
      { value: 'Science', listed: true },
      { value: 'Latin', listed: false },
    ]);
    expect(teachingChoices([], [])).toEqual([]);
  });

  it('offers every subject to tick but “All subjects”, which matches every teacher who ticks any', () => {
    expect(ANY_SUBJECT).toBe('All subjects');
    expect(subjectsToTick(['All subjects', 'Mathematics', 'Science'])).toEqual(['Mathematics', 'Science']);
    expect(subjectsToTick(['All subjects'])).toEqual([]);
    // Saved before it stopped being offered: kept, marked, so the teacher can untick it.
    expect(teachingChoices(subjectsToTick(['All subjects', 'Science']), ['All subjects', 'Science'])).toEqual([
      { value: 'Science', listed: true },
      { value: 'All subjects', listed: false },
    ]);
  });

  it('says whether anything was said', () => {
    expect(saysWhatTheyTeach(null)).toBe(false);
    expect(saysWhatTheyTeach({ subjects: [], gradeBands: [] })).toBe(false);
    expect(saysWhatTheyTeach({ subjects: ['Science'], gradeBands: [] })).toBe(true);
    expect(saysWhatTheyTeach({ subjects: [], gradeBands: ['6-8'] })).toBe(true);
  });
});

describe('what the teacher teaches, in words', () => {
  it('as said back once saved and above the dashboard’s suggestions', () => {
    expect(teachingInWords({ subjects: ['Mathematics', 'Science'], gradeBands: ['6-8', '9-12'] })).toBe('Mathematics and Science, grades 6-8 and 9-12');
    expect(teachingInWords({ subjects: ['Art', 'Music', 'Drama'], gradeBands: [] })).toBe('Art, Music and Drama');
    expect(teachingInWords({ subjects: [], gradeBands: ['K-5'] })).toBe('grades K-5');
    expect(teachingSavedMessage({ subjects: ['Science'], gradeBands: ['6-8'] })).toBe(
      'Saved: Science, grades 6-8. Your dashboard suggests micro-credentials that match, and the catalogue’s “Matches what I teach” shows them all.',
    );
    expect(teachingSavedMessage({ subjects: [], gradeBands: [] })).toBe('Saved. You have not said what you teach, so nothing is suggested for it.');
  });

  it('as the catalogue’s filter explains what it keeps: one subject or all subjects and, if any were chosen, one grade band', () => {
    expect(matchRuleInWords({ subjects: ['Mathematics', 'Science'], gradeBands: ['6-8', '9-12'] })).toBe('For Mathematics, Science or all subjects, in grades 6-8 or 9-12.');
    expect(matchRuleInWords({ subjects: ['Science'], gradeBands: [] })).toBe('For Science or all subjects, any grade.');
    expect(matchRuleInWords({ subjects: [], gradeBands: ['K-5'] })).toBe('For grades K-5, any subject.');
    // "All subjects" saved before it stopped being offered is said once.
    expect(matchRuleInWords({ subjects: ['All subjects', 'Science'], gradeBands: ['6-8'] })).toBe('For Science or all subjects, in grades 6-8.');
    expect(matchRuleInWords({ subjects: ['All subjects'], gradeBands: [] })).toBe('For all subjects, any grade.');
  });
});
