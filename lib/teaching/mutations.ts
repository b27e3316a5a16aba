import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { validation } from '@/lib/errors';
import { getCatalogFacets } from '@/lib/catalog/queries';
import type { TeachingInput } from '@/lib/teaching/schemas';
import { subjectsToTick, teachingChoices, type Teaching } from '@/lib/teaching/policy';

/**
 * Saves what the signed-in person teaches (account page): their own row, whatever the input says.
 * Every value must be one the form offers: the catalogue's now (for subjects, those a teacher ticks,
 * subjectsToTick) or one they had saved (teachingChoices); anything else (a hand-made request, a
 * value renamed since the page loaded) is refused with nothing saved.
 * Stored in the form's order, so the page and the suggestions read the same way each time.
 */
export async function setOwnTeaching(opts: { actor: Pick<Actor, 'id'>; input: TeachingInput }): Promise<Teaching> {
  const [facets, saved] = await Promise.all([
    getCatalogFacets(),
    db.user.findUnique({ where: { id: opts.actor.id }, select: { teachesSubjects: true, teachesGradeBands: true } }),
  ]);
  const subjects = teachingChoices(subjectsToTick(facets.subjects), saved?.teachesSubjects ?? []).map((c) => c.value);
  const gradeBands = teachingChoices(facets.gradeBands, saved?.teachesGradeBands ?? []).map((c) => c.value);
  const fieldErrors: Record<string, string[]> = {};
  // What was sent is not repeated in the message: it may be anything.
  if (opts.input.subjects.some((s) => !subjects.includes(s))) fieldErrors.subjects = ['Choose subjects from the list: one you chose is not in the catalogue. The list below is up to date.'];
  if (opts.input.gradeBands.some((g) => !gradeBands.includes(g))) fieldErrors.gradeBands = ['Choose grade bands from the list: one you chose is not in the catalogue. The list below is up to date.'];
  if (Object.keys(fieldErrors).length) throw validation('Nothing was saved. Choose only from the lists.', fieldErrors);
  const chosen = { subjects: new Set(opts.input.subjects), gradeBands: new Set(opts.input.gradeBands) };
  const row = await db.user.update({
    where: { id: opts.actor.id },
    data: { teachesSubjects: subjects.filter((s) => chosen.subjects.has(s)), teachesGradeBands: gradeBands.filter((g) => chosen.gradeBands.has(g)) },
    select: { teachesSubjects: true, teachesGradeBands: true },
  });
  return { subjects: row.teachesSubjects, gradeBands: row.teachesGradeBands };
}
