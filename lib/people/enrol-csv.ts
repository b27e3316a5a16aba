// Row-level validation of a bulk-enrol CSV. Pure: the database facts (known schools and districts,
// existing users) are passed in, so the preview and the import use exactly the same rules.
import { EmailInput, oneLine } from '@/lib/auth/schemas';
import { parseCsvRecords } from '@/lib/csv';
import { MAX_ENROL_ROWS } from '@/lib/people/schemas';

export type District = { id: string; name: string; slug: string };
/** A school inside a district; schools in no district cannot be named (nobody could confirm there). */
export type School = { id: string; name: string; slug: string; districtId: string };
export type EnrolRow = {
  line: number;
  email: string;
  name: string;
  schoolText: string;
  school: School | null;
  districtText: string;
  /** The district the row asks to join (the school's, or the one the row names), once matched. */
  district: { id: string; name: string } | null;
  errors: string[];
};

export type EnrolCsvResult = { fileError: string | null; rows: EnrolRow[] };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Everything reachable under each normalised name or slug: names are not unique across districts. */
function indexBy<T extends { id: string; name: string; slug: string }>(items: T[]) {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set([norm(item.name), norm(item.slug)])) {
      const list = byKey.get(key) ?? [];
      if (!list.some((i) => i.id === item.id)) list.push(item);
      byKey.set(key, list);
    }
  }
  return byKey;
}

export function validateEnrolCsv(text: string, schools: School[], districts: District[]): EnrolCsvResult {
  const { headers, records } = parseCsvRecords(text);
  if (!headers.length) return { fileError: 'The file is empty.', rows: [] };
  const missing = ['email', 'name'].filter((h) => !headers.includes(h));
  if (missing.length) return { fileError: `The first row must name the columns: email, name and optionally school and district. Missing: ${missing.join(', ')}.`, rows: [] };
  if (!records.length) return { fileError: 'The file has a header row but no teachers.', rows: [] };
  if (records.length > MAX_ENROL_ROWS) return { fileError: `At most ${MAX_ENROL_ROWS} rows per file; split it into smaller files.`, rows: [] };
  const hasDistrictColumn = headers.includes('district');
  const districtById = new Map(districts.map((d) => [d.id, d]));
  const districtsByKey = indexBy(districts);
  // Only schools of a known district: the school is matched to find which district to ask.
  const schoolsByKey = indexBy(schools.filter((s) => districtById.has(s.districtId)));
  const seen = new Map<string, number>();
  const rows = records.map(({ line, values }): EnrolRow => {
    const errors: string[] = [];
    const rawEmail = values.email ?? '';
    const email = EmailInput.safeParse(rawEmail);
    if (!email.success) errors.push(rawEmail ? `“${rawEmail}” is not a valid email address.` : 'The email is missing.');
    // Becomes the account's name, which other people's emails carry: on one line (lib/auth/schemas.ts).
    const name = oneLine(values.name ?? '');
    if (!name) errors.push('The name is missing.');
    else if (name.length > 120) errors.push('The name is longer than 120 characters.');

    const districtText = (values.district ?? '').trim();
    let district: District | null = null;
    if (districtText) {
      const found = districtsByKey.get(norm(districtText)) ?? [];
      if (!found.length) errors.push(`No district called “${districtText}” is known.`);
      else if (found.length > 1) errors.push(`Several districts are called “${districtText}”.`);
      else district = found[0];
    }
    const schoolText = (values.school ?? '').trim();
    let school: School | null = null;
    // A school is looked for within the named district only; an unknown district is error enough.
    if (schoolText && (district || !districtText)) {
      const candidates = (schoolsByKey.get(norm(schoolText)) ?? []).filter((s) => !district || s.districtId === district.id);
      const inDistricts = new Set(candidates.map((s) => s.districtId));
      if (!candidates.length) errors.push(district ? `No school called “${schoolText}” is known in ${district.name}.` : `No school called “${schoolText}” is known.`);
      else if (inDistricts.size > 1) errors.push(`“${schoolText}” is a school in several districts: ${hasDistrictColumn ? 'give its district' : 'add a district column'}.`);
      else if (candidates.length > 1) errors.push(`Several schools in ${districtById.get(candidates[0].districtId)!.name} are called “${schoolText}”.`);
      else {
        school = candidates[0];
        district = districtById.get(school.districtId)!;
      }
    }

    const key = email.success ? email.data : norm(rawEmail);
    if (key) {
      const first = seen.get(key);
      if (first !== undefined) errors.push(`Duplicate of line ${first}.`);
      else seen.set(key, line);
    }
    return { line, email: email.success ? email.data : rawEmail, name, schoolText, school, districtText, district: district ? { id: district.id, name: district.name } : null, errors };
  });
  return { fileError: null, rows };
}
