import { countWords } from '@/lib/submissions/words';

export type PartSpec = { id: string; title: string; responseType: 'TEXT' | 'FILES' | 'TEXT_AND_FILES' | 'LINKS'; required: boolean; wordLimit: number | null; maxFiles: number };
/**
 * `pendingFiles`: files whose upload has not finished; `stoppedFiles`, when known: how many of them
 * stopped (isStoppedUpload: the page was closed or the connection dropped), which will never finish.
 * `rejectedFiles`: names of files the checks refused (wrong type inside, cut off), still listed on
 * the page: sending with one would leave the teacher believing it went with the evidence.
 * `carried`: a part that passed in the attempt before and is kept, locked, in this revision (the
 * teacher can change nothing in it), so what it holds is not asked for again: an issuer admin may
 * have removed one of its files since (ADR 018: such a file needs no replacement).
 */
export type PartAnswer = { text: string; links: string[]; uploadedFiles: number; pendingFiles: number; stoppedFiles?: number; videoFiles?: number; captionFiles?: number; rejectedFiles?: string[]; carried?: boolean };

/**
 * Problems that stop an attempt from being submitted, in plain language, keyed `<part id>.answer`
 * or `<part id>.files`: where on the page each is fixed. `uploadedFiles` leaves out captions files,
 * which do not count towards a part's number of files.
 */
export function findIncompleteParts(parts: PartSpec[], answers: Map<string, PartAnswer>): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (id: string, where: 'answer' | 'files', msg: string) => problems.set(`${id}.${where}`, [...(problems.get(`${id}.${where}`) ?? []), msg]);
  for (const p of parts) {
    const a = answers.get(p.id) ?? { text: '', links: [], uploadedFiles: 0, pendingFiles: 0 };
    const words = countWords(a.text);
    const wantsText = p.responseType === 'TEXT' || p.responseType === 'TEXT_AND_FILES';
    const wantsFiles = p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES';
    if (p.wordLimit && words > p.wordLimit) add(p.id, 'answer', `“${p.title}” has ${words} words; the limit is ${p.wordLimit}.`);
    // An upload that stopped never finishes by itself: say so, and what to do, rather than "wait".
    const stopped = Math.min(a.stoppedFiles ?? 0, a.pendingFiles);
    const pending = a.pendingFiles - stopped;
    if (stopped > 0) add(p.id, 'files', `${stopped === 1 ? 'An upload' : `${stopped} uploads`} in “${p.title}” stopped before ${stopped === 1 ? 'it' : 'they'} finished (the page was closed or the connection dropped). Remove ${stopped === 1 ? 'it' : 'them'} and choose the ${stopped === 1 ? 'file' : 'files'} again.`);
    if (pending > 0) {
      add(p.id, 'files', a.stoppedFiles === undefined
        ? `A file in “${p.title}” has not finished uploading. If it is still uploading, wait for it to finish; if its upload stopped (the page was closed or the connection dropped), remove it and choose the file again.`
        : `A file in “${p.title}” is still uploading. Wait for it to finish, or remove it.`);
    }
    const rejected = a.rejectedFiles ?? [];
    if (rejected.length) {
      const names = rejected.map((n) => `“${n}”`).join(', ');
      add(p.id, 'files', `${rejected.length === 1 ? `The file ${names} in “${p.title}” was` : `The files ${names} in “${p.title}” were`} refused and would not be sent. Remove ${rejected.length === 1 ? 'it' : 'them'}, and upload a corrected copy if you meant to include ${rejected.length === 1 ? 'it' : 'them'}.`);
    }
    // A kept part was judged as it was sent; a file removed from it since leaves nothing to fix here.
    if (a.carried) continue;
    if ((a.captionFiles ?? 0) > (a.videoFiles ?? 0)) add(p.id, 'files', `“${p.title}” has more captions files than videos (one per video): remove the extra ones.`);
    if (wantsFiles && a.uploadedFiles > p.maxFiles) add(p.id, 'files', `“${p.title}” allows at most ${p.maxFiles} files.`);
    if (!p.required) continue;
    if (wantsText && words === 0) add(p.id, 'answer', `Write an answer for “${p.title}”.`);
    if (wantsFiles && a.uploadedFiles === 0) add(p.id, 'files', `Upload at least one file for “${p.title}”.`);
    if (p.responseType === 'LINKS' && a.links.length === 0) add(p.id, 'answer', `Add at least one link for “${p.title}”.`);
  }
  return problems;
}
