// Row-level validation of a bulk-enrol CSV. Pure: the database facts (known schools, existing
// users) are passed in, so the preview and the import use exactly the same rules.
import { EmailInput } from '@/lib/auth/schemas';
import { parseCsvRecords } from '@/lib/csv';
import { MAX_ENROL_ROWS } from '@/lib/people/schemas';

export type School = { id: string; name: string; slug: string; parentId: string | null };
export type EnrolRow = {
  line: number;
  email: string;
  name: string;
  schoolText: string;
  school: School | null;
  errors: string[];
};

export type EnrolCsvResult = { fileError: string | null; rows: EnrolRow[] };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function validateEnrolCsv(text: string, schools: School[]): EnrolCsvResult {
  const { headers, records } = parseCsvRecords(text);
  if (!headers.length) return { fileError: 'The file is empty.', rows: [] };
  const missing = ['email', 'name'].filter((h) => !headers.includes(h));
  if (missing.length) return { fileError: `The first row must name the columns: email, name and optionally school. Missing: ${missing.join(', ')}.`, rows: [] };
  if (!records.length) return { fileError: 'The file has a header row but no teachers.', rows: [] };
  if (records.length > MAX_ENROL_ROWS) return { fileError: `At most ${MAX_ENROL_ROWS} rows per file; split it into smaller files.`, rows: [] };
  const byKey = new Map<string, School>();
  for (const s of schools) {
    byKey.set(norm(s.name), s);
    byKey.set(norm(s.slug), s);
  }
  const seen = new Map<string, number>();
  const rows = records.map(({ line, values }) => {
    const errors: string[] = [];
    const rawEmail = values.email ?? '';
    const email = EmailInput.safeParse(rawEmail);
    if (!email.success) errors.push(rawEmail ? `“${rawEmail}” is not a valid email address.` : 'The email is missing.');
    const name = (values.name ?? '').trim();
    if (!name) errors.push('The name is missing.');
    else if (name.length > 120) errors.push('The name is longer than 120 characters.');
    const schoolText = (values.school ?? '').trim();
    const school = schoolText ? byKey.get(norm(schoolText)) ?? null : null;
    if (schoolText && !school) errors.push(`No school called “${schoolText}” is known.`);
    const key = email.success ? email.data : norm(rawEmail);
    if (key) {
      const first = seen.get(key);
      if (first !== undefined) errors.push(`Duplicate of line ${first}.`);
      else seen.set(key, line);
    }
    return { line, email: email.success ? email.data : rawEmail, name, schoolText, school, errors };
  });
  return { fileError: null, rows };
}
