// A form post sends a textarea's line breaks as CRLF, while the box's maxLength, its counter and the
// person typing count each as one character. Every text the server checks (str() in lib/zod-text.ts)
// counts them once too, and keeps them as LF: multi-paragraph text the box allowed is not refused.
import { describe, expect, it } from 'vitest';
import { str } from '@/lib/zod-text';
import { SubmitAttemptInput } from '@/lib/submissions/schemas';
import { AskAboutFeedbackInput } from '@/lib/feedback-questions/schemas';
import { PROPOSAL_TEXT_MAX, ProposalInput } from '@/lib/proposals/schemas';

/** `lines` paragraphs joined as a browser posts them, `chars` characters long as the box counts them. */
function posted(chars: number, lines: number): { sent: string; typed: string } {
  const line = 'x'.repeat(Math.floor((chars - (lines - 1)) / lines));
  const paragraphs = Array.from({ length: lines }, () => line);
  paragraphs[lines - 1] += 'x'.repeat(chars - (lines - 1) - line.length * lines);
  return { sent: paragraphs.join('\r\n'), typed: paragraphs.join('\n') };
}

describe('line breaks in posted text', () => {
  it('str() keeps each line break as one \\n, a lone CR too, and removes NUL', () => {
    expect(str().parse('one\r\ntwo\rthree\nfour\u0000')).toBe('one\ntwo\nthree\nfour');
  });

  it('a public summary the box allowed (1,500 characters, 30 of them line breaks) is accepted and kept with LF', () => {
    const { sent, typed } = posted(1500, 31);
    expect(typed).toHaveLength(1500);
    expect(sent.length).toBeGreaterThan(1500);
    const r = SubmitAttemptInput.safeParse({ attemptId: 'a1', publicSummary: sent, attested: 'yes' });
    expect(r.success && r.data.publicSummary).toBe(typed);
    // One character more than the box allows is still refused.
    expect(SubmitAttemptInput.safeParse({ attemptId: 'a1', publicSummary: posted(1501, 31).sent, attested: 'yes' }).success).toBe(false);
  });

  it('a question about feedback (1,000 characters with line breaks) is accepted', () => {
    const { sent, typed } = posted(1000, 12);
    const r = AskAboutFeedbackInput.safeParse({ attemptId: 'a1', body: sent });
    expect(r.success && r.data.body).toBe(typed);
  });

  it('a proposal whose counter says it fits is sent, and one over is refused with the count the counter showed', () => {
    const { sent, typed } = posted(PROPOSAL_TEXT_MAX, 40);
    const goals = posted(200, 3);
    const r = ProposalInput.safeParse({ microCredentialId: 'm1', studentGoals: goals.sent, plan: sent, intent: 'submit', version: null });
    expect(r.success && r.data.plan).toBe(typed);
    const over = ProposalInput.safeParse({ microCredentialId: 'm1', studentGoals: goals.sent, plan: posted(PROPOSAL_TEXT_MAX + 10, 40).sent, intent: 'submit', version: null });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0].message).toContain((PROPOSAL_TEXT_MAX + 10).toLocaleString('en-GB'));
  });
});
