import { countWords } from '@/lib/submissions/words';
import { extractLinks } from '@/lib/submissions/links';
import { ANSWER_MAX_CHARS } from '@/lib/submissions/schemas';
import { figure, plural } from '@/lib/plural';

/**
 * The line under a text answer: its words against the part's word limit, or, past the most
 * characters an answer can hold, its characters against that (the limit that stops it saving), so
 * the line and the "too long to save" message speak of the same thing. `over`: shown as a problem.
 */
export function answerCount(text: string, opts: { wordLimit: number | null; collectLinks?: boolean }): { text: string; over: boolean } {
  const links = opts.collectLinks ? `${plural(extractLinks(text).length, 'link')} · ` : '';
  if (text.length > ANSWER_MAX_CHARS) {
    return { text: `${links}${figure(text.length)} characters of at most ${figure(ANSWER_MAX_CHARS)}: ${figure(text.length - ANSWER_MAX_CHARS)} over`, over: true };
  }
  const words = countWords(text);
  const { wordLimit } = opts;
  const over = wordLimit !== null && words > wordLimit;
  return { text: `${links}${figure(words)} ${words === 1 ? 'word' : 'words'}${wordLimit ? ` of ${figure(wordLimit)}` : ''}${over ? ` — ${figure(words - wordLimit)} over the limit` : ''}`, over };
}
