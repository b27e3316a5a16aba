import { describe, expect, it } from 'vitest';
import { catalogResultLine, countedResults } from '@/components/catalog/result-count';

describe('the catalogue’s result line', () => {
  it('counts what a search found, by kind, in plain words', () => {
    expect(catalogResultLine({ q: 'feedback', filtered: false, count: 10, kinds: ['TRACK', 'MICRO_CREDENTIAL'], more: false, continued: false })).toBe('Best matches for “feedback”: 10 micro-credentials and tracks');
    expect(catalogResultLine({ q: 'agenda', filtered: false, count: 1, kinds: ['MICRO_CREDENTIAL'], more: false, continued: false })).toBe('Best matches for “agenda”: 1 micro-credential');
    expect(catalogResultLine({ q: 'feedback', filtered: true, count: 3, kinds: ['MICRO_CREDENTIAL', 'STACK', 'TRACK'], more: false, continued: false })).toBe('Best matches for “feedback” with these filters: 3 micro-credentials, tracks and stacks');
  });

  it('counts what filters found, and says "more than" when the first page is not all of it', () => {
    expect(catalogResultLine({ filtered: true, count: 4, kinds: ['STACK'], more: false, continued: false })).toBe('4 stacks match these filters, newest first');
    expect(catalogResultLine({ filtered: true, count: 1, kinds: ['TRACK'], more: false, continued: false })).toBe('1 track matches these filters, newest first');
    expect(catalogResultLine({ filtered: true, count: 24, kinds: ['MICRO_CREDENTIAL'], more: true, continued: false })).toBe('More than 24 results match these filters, newest first');
    expect(catalogResultLine({ q: 'team', filtered: false, count: 24, kinds: ['MICRO_CREDENTIAL'], more: true, continued: false })).toBe('Best matches for “team”: more than 24 results');
  });

  it('gives the whole count when the matches were counted, and caps it at 1,000', () => {
    expect(catalogResultLine({ q: 'team', filtered: false, count: 24, kinds: ['MICRO_CREDENTIAL'], more: true, continued: false, total: 57 })).toBe('Best matches for “team”: 57 results');
    expect(catalogResultLine({ filtered: true, count: 24, kinds: ['STACK'], more: true, continued: false, total: 240 })).toBe('240 results match these filters, newest first');
    expect(catalogResultLine({ filtered: true, count: 24, kinds: ['STACK'], more: true, continued: false, total: 1234 })).toBe('More than 1,000 results match these filters, newest first');
    expect(countedResults(24, ['MICRO_CREDENTIAL'], true, 1001)).toBe('more than 1,000 results');
    expect(countedResults(24, ['MICRO_CREDENTIAL'], true, 1000)).toBe('1,000 results');
  });

  it('adds no count to the plain list, nor to a later page whose total it does not know', () => {
    expect(catalogResultLine({ filtered: false, count: 13, kinds: ['MICRO_CREDENTIAL'], more: false, continued: false })).toBe('Newest first');
    expect(catalogResultLine({ q: 'team', filtered: false, count: 5, kinds: ['MICRO_CREDENTIAL'], more: false, continued: true })).toBe('Best matches for “team”, continued');
    expect(countedResults(2, [], false)).toBe('2 results');
  });
});
