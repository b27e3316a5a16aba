import { describe, expect, it } from 'vitest';
import { answerCount } from '@/components/evidence/answer-count';
import { ANSWER_MAX_CHARS, answerTooLong, SaveResponseInput } from '@/lib/submissions/schemas';

describe('the line under a text answer', () => {
  it('counts words against the part’s word limit', () => {
    expect(answerCount('One two three', { wordLimit: 500 })).toEqual({ text: '3 words of 500', over: false });
    expect(answerCount('word', { wordLimit: null })).toEqual({ text: '1 word', over: false });
    expect(answerCount('a b c d', { wordLimit: 2 })).toEqual({ text: '4 words of 2 — 2 over the limit', over: true });
    expect(answerCount('See https://example.org/a', { wordLimit: null, collectLinks: true }).text).toBe('1 link · 5 words');
  });

  it('past the most an answer can hold, counts characters, as the “too long to save” message does', () => {
    // 250,000 characters with no space: one “word”, well within 500 words, yet too long to save.
    const huge = 'x'.repeat(250_000);
    expect(answerCount(huge, { wordLimit: 500 })).toEqual({ text: '250,000 characters of at most 200,000: 50,000 over', over: true });
    expect(answerCount('x'.repeat(ANSWER_MAX_CHARS), { wordLimit: 500 })).toEqual({ text: '1 word of 500', over: false });
  });
});

describe('saving an answer that is too long', () => {
  it('says the real limit and how long the answer is, on the server as beside the answer', () => {
    expect(answerTooLong(250_000)).toBe('This answer is too long to save: at most 200,000 characters (it has 250,000).');
    const r = SaveResponseInput.safeParse({ attemptId: 'a', partId: 'p', text: 'x'.repeat(250_000), revision: 0 });
    expect(r.error?.issues[0]?.message).toBe(answerTooLong(250_000));
    expect(SaveResponseInput.safeParse({ attemptId: 'a', partId: 'p', text: 'x'.repeat(ANSWER_MAX_CHARS), revision: 0 }).success).toBe(true);
  });
});
