// The rules about what a teacher says they teach. Pure, safe on the client.

/** What a teacher said they teach (either list may be empty; both empty: nothing said). */
export type Teaching = { subjects: string[]; gradeBands: string[] };

/**
 * The subject issuers give a micro-credential made for every subject (classroom routines,
 * assessment, leadership). It matches every teacher who says what they teach, so it is not one of
 * the subjects a teacher ticks.
 */
export const ANY_SUBJECT = 'All subjects';

/** The catalogue's subjects a teacher can tick: every one but ANY_SUBJECT. */
export const subjectsToTick = (offered: string[]) => offered.filter((s) => s !== ANY_SUBJECT);

/** Whether the teacher has said anything the catalogue can match: a subject or a grade band. */
export function saysWhatTheyTeach(t: Teaching | null | undefined): t is Teaching {
  return Boolean(t && (t.subjects.length || t.gradeBands.length));
}

/**
 * The values a teacher may keep: the catalogue's filter options now (getCatalogFacets), in their
 * order, then any they saved before that the catalogue no longer offers (the last credential for
 * "Latin" retired), so saving the form again never drops a choice behind the teacher's back; they
 * untick it to remove it. `listed`: the catalogue offers it now.
 */
export function teachingChoices(offered: string[], saved: string[]): { value: string; listed: boolean }[] {
  const listed = new Set(offered);
  return [...offered.map((value) => ({ value, listed: true })), ...[...new Set(saved)].filter((v) => !listed.has(v)).map((value) => ({ value, listed: false }))];
}
