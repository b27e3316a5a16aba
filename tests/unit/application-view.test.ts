import { describe, expect, it } from 'vitest';
import { criteriaByPart, partHasAnswer, revisionPlan, submitNotice } from '@/lib/submissions/application-view';
import { requiredPartsLine } from '@/components/evidence/progress-words';

/** The counts of the application page's progress line. */
const requiredProgress = (...args: Parameters<typeof requiredPartsLine>) => {
  const { done, total } = requiredPartsLine(...args);
  return { done, total };
};

const pdf = (partId: string, status = 'UPLOADED') => ({ partId, status, declaredType: 'application/pdf', detectedType: 'application/pdf' });
const vtt = (partId: string) => ({ partId, status: 'UPLOADED', declaredType: 'text/vtt', detectedType: null });

describe('progress on the application page', () => {
  const parts = [
    { id: 'text', required: true, responseType: 'TEXT' as const },
    { id: 'files', required: true, responseType: 'FILES' as const },
    { id: 'extra', required: false, responseType: 'TEXT' as const },
    { id: 'links', required: true, responseType: 'LINKS' as const },
  ];

  it('counts required parts only, so an optional answer does not look like progress', () => {
    const responses = [
      { partId: 'text', wordCount: 12, links: [] },
      { partId: 'extra', wordCount: 40, links: [] },
    ];
    expect(requiredProgress(parts, responses, [])).toEqual({ done: 1, total: 3 });
    expect(requiredProgress(parts, [...responses, { partId: 'links', wordCount: 3, links: ['https://example.org'] }], [pdf('files')])).toEqual({ done: 3, total: 3 });
  });

  it('counts a files part only once a file is uploaded, and captions alone are not a file', () => {
    const part = { id: 'files', required: true, responseType: 'FILES' as const };
    expect(partHasAnswer(part, undefined, [pdf('files', 'PENDING')])).toBe(false);
    expect(partHasAnswer(part, undefined, [vtt('files')])).toBe(false);
    expect(partHasAnswer(part, undefined, [pdf('other')])).toBe(false);
    expect(partHasAnswer(part, undefined, [pdf('files')])).toBe(true);
    const both = { id: 'both', required: true, responseType: 'TEXT_AND_FILES' as const };
    expect(partHasAnswer(both, { partId: 'both', wordCount: 5, links: [] }, [])).toBe(false);
    expect(partHasAnswer(both, { partId: 'both', wordCount: 5, links: [] }, [pdf('both')])).toBe(true);
    // A links part needs a link, not just words.
    expect(partHasAnswer({ id: 'l', required: true, responseType: 'LINKS' }, { partId: 'l', wordCount: 8, links: [] }, [])).toBe(false);
  });
});

describe('what "Start revision" will keep', () => {
  const levels = [{ rank: 0 }, { rank: 1 }, { rank: 2 }, { rank: 3 }];
  const parts = [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }];
  const criteria = [
    { id: 'c1', partId: 'p1' },
    { id: 'c2', partId: 'p2' },
    { id: 'c2b', partId: 'p2' },
    // p3 is scored by no criterion of its own; c4 scores the application as a whole.
    { id: 'c4', partId: null },
  ];
  const review = (ranks: Record<string, number>) => ({ scores: Object.entries(ranks).map(([criterionId, rank]) => ({ criterionId, level: { rank } })) });
  const all = { passingRuleKind: 'ALL_AT_LEAST' as const, passingLevelRank: 2, passingTotal: null, parts, criteria, levels };

  it('keeps a part whose criteria all passed, and asks to revise one with a criterion below the passing level', () => {
    const plan = revisionPlan(all, [review({ c1: 2, c2: 3, c2b: 1, c4: 0 })]);
    expect(Object.fromEntries(plan)).toEqual({ p1: 'kept', p2: 'revise', p3: 'open' });
  });

  it('with two reviewers, keeps only what both passed', () => {
    const plan = revisionPlan(all, [review({ c1: 3, c2: 2, c2b: 2 }), review({ c1: 1, c2: 2, c2b: 2 })]);
    expect(Object.fromEntries(plan)).toEqual({ p1: 'revise', p2: 'kept', p3: 'open' });
  });

  it('under a points total, keeps only parts at the top level; the rest can be improved', () => {
    const total = { ...all, passingRuleKind: 'TOTAL_AT_LEAST' as const, passingLevelRank: 1, passingTotal: 8 };
    const plan = revisionPlan(total, [review({ c1: 3, c2: 2, c2b: 2, c4: 0 })]);
    expect(Object.fromEntries(plan)).toEqual({ p1: 'kept', p2: 'open', p3: 'open' });
    expect(revisionPlan(total, [review({ c1: 3, c2: 0, c2b: 3 })]).get('p2')).toBe('revise');
  });

  it('lists the criteria that score each part', () => {
    expect(Object.fromEntries([...criteriaByPart(criteria)].map(([k, v]) => [k, v.map((c) => c.id)]))).toEqual({ p1: ['c1'], p2: ['c2', 'c2b'] });
  });
});

describe('the line above "Submit for review"', () => {
  it('says the evidence locks and names the issuer’s decision time', () => {
    expect(submitNotice(10)).toBe('After you submit, your evidence is locked. You can take it back to change it until a reviewer opens it; after that, only if the reviewers ask for a revision. Reviewers decide within 10 business days, and we will notify you.');
    expect(submitNotice(1)).toContain('within 1 business day,');
  });
});
