// How the app says back what a teacher teaches: on the account page once saved, beside the
// catalogue's "Matches what I teach", and on the dashboard's suggestions. Pure, safe on the client.

import { saysWhatTheyTeach, subjectsToTick, type Teaching } from '@/lib/teaching/policy';

/** "A", "A and B", "A, B or C": items in a sentence, joined by `last` ('' for none). */
function listInWords(items: string[], last: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/**
 * "Mathematics and Science, grades 6-8 and 9-12"; "Science"; "grades K-5". The grade bands as the
 * catalogue's cards name them ("Grades 6-8"). '' when nothing is said.
 */
export function teachingInWords(t: Teaching): string {
  const grades = t.gradeBands.length ? `grades ${listInWords(t.gradeBands)}` : '';
  return [listInWords(t.subjects), grades].filter(Boolean).join(', ');
}

/** The account page's confirmation once "What I teach" is saved. */
export function teachingSavedMessage(t: Teaching): string {
  if (!saysWhatTheyTeach(t)) return 'Saved. You have not said what you teach, so nothing is suggested for it.';
  return `Saved: ${teachingInWords(t)}. Your dashboard suggests micro-credentials that match, and the catalogue’s “Matches what I teach” shows them all.`;
}

/**
 * What "Matches what I teach" keeps, in words, for the hint beside it: an entry matches when it is
 * for one of the subjects or for all subjects (ANY_SUBJECT: said, since most entries are, and a
 * teacher of Science would otherwise wonder why they are kept) and, when the teacher chose any, for
 * one of the grade bands.
 */
export function matchRuleInWords(t: Teaching): string {
  // ANY_SUBJECT saved before it stopped being offered is already the "all subjects" at the end.
  const subjects = t.subjects.length ? listInWords([...subjectsToTick(t.subjects), 'all subjects'], 'or') : '';
  if (subjects && t.gradeBands.length) return `For ${subjects}, in ${gradesOr(t.gradeBands)}.`;
  if (subjects) return `For ${subjects}, any grade.`;
  return `For ${gradesOr(t.gradeBands)}, any subject.`;
}

const gradesOr = (bands: string[]) => `grades ${listInWords(bands, 'or')}`;
