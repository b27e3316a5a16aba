// What an issuer's bulk enrolment says about people who already have an account (lib/people/mutations.ts,
// importBulkEnrol): they are enrolled, but no district is asked in their name. Pure and safe on the
// client: the import form and its tests read the same sentences.
import { plural } from '@/lib/plural';

/** The preview's note, before importing: `n` rows are existing accounts in no district. */
export function notAskedPreview(n: number) {
  const who = n === 1 ? '1 person with an existing account' : `${n} people with existing accounts`;
  return `${who} will be enrolled but not asked to join a district: the import asks only for the accounts it creates. They can ask to join from their account page.`;
}

/** The import's outcome: `n` existing accounts were enrolled without a request to join. */
export function notAskedResult(n: number) {
  return `${plural(n, 'existing account')} ${n === 1 ? 'was' : 'were'} enrolled; ${n === 1 ? 'it was' : 'they were'} not asked to join a district: ${n === 1 ? 'the person' : 'each person'} can ask from their account page.`;
}

/** One preview row's note. */
export function notAskedRow(districtName: string) {
  return `Existing account: not asked to join ${districtName}. They can ask from their account page.`;
}
