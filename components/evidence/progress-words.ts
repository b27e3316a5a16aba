// The application page's progress line, in words: pure, so it can be unit tested.
import { countPartFiles } from '@/lib/evidence/file-types';
import { partHasAnswer } from '@/lib/submissions/application-view';
import { listInWords } from '@/lib/plural';

type Part = { id: string; required: boolean; responseType: 'TEXT' | 'FILES' | 'TEXT_AND_FILES' | 'LINKS' };
type Response = { partId: string; wordCount: number; links: string[] };
type File = { partId: string; status: string; declaredType: string; detectedType: string | null; fileName?: string };

/** What a part still needs before it can be sent ('' when it has everything), as partHasAnswer counts it. */
export function missingFromPart(part: Part, response: Response | undefined, files: File[]): string {
  if (partHasAnswer(part, response, files)) return '';
  const noFile = countPartFiles(files.filter((f) => f.partId === part.id && f.status === 'UPLOADED')).files === 0;
  const noText = (response?.wordCount ?? 0) === 0;
  switch (part.responseType) {
    case 'FILES':
      return 'a file';
    case 'LINKS':
      return 'a link';
    case 'TEXT':
      return 'an answer';
    case 'TEXT_AND_FILES':
      return noText && noFile ? 'an answer and a file' : noText ? 'an answer' : 'a file';
  }
}

/**
 * "2 of 4 required parts are ready to send. Still needed: a file in Part 2; an answer in Part 4."
 * A part that asks for text and a file is ready only with both, so the line says which is missing
 * rather than counting a part with text as not answered. Parts are named as their headings number them.
 */
export function requiredPartsLine(parts: Part[], responses: Response[], files: File[]): { done: number; total: number; text: string } {
  const required = parts.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => p.required);
  const missing = required.map(({ p, n }) => ({ n, what: missingFromPart(p, responses.find((r) => r.partId === p.id), files) })).filter((m) => m.what);
  const total = required.length;
  const done = total - missing.length;
  const optional = total < parts.length ? ' Optional parts are not counted.' : '';
  // A file the checks refused blocks sending whichever part it is in (submitAttempt says so too).
  const refused = parts.flatMap((p, i) => files.filter((f) => f.partId === p.id && f.status === 'REJECTED').map((f) => `${f.fileName ? `“${f.fileName}”` : 'a file'} in Part ${i + 1}`));
  const remove = refused.length ? ` Before sending, remove the refused ${refused.length === 1 ? 'file' : 'files'}: ${listInWords(refused)}.` : '';
  if (!missing.length) {
    if (remove) return { done, total, text: `${total === 1 ? 'The required part has' : `All ${total} required parts have`} what they need.${remove}${optional}` };
    return { done, total, text: `${total === 1 ? 'The required part is' : `All ${total} required parts are`} ready to send.${optional}` };
  }
  const still = listInWords(missing.map((m) => `${m.what} in Part ${m.n}`));
  return { done, total, text: `${done} of ${total} required parts ${done === 1 ? 'is' : 'are'} ready to send. Still needed: ${still}.${remove}${optional}` };
}
