/**
 * Reading a CSV that came with a form: the chosen file if there is one, else the text pasted in the
 * box. One reading (and one set of messages) for every "from a spreadsheet" form: bulk enrolment and
 * inviting a staff list.
 */

export type CsvFromForm = { ok: true; csv: string } | { ok: false; formError: string; fieldErrors: Record<string, string[]> };

/** The text as it is checked and shown back: no byte-order mark (Excel adds one), LF line ends. */
export function normaliseCsvText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

const inMb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * The CSV in `file` (a chosen file) or `csv` (pasted), normalised. A file larger than `maxBytes`,
 * pasted text longer than that, or nothing at all is answered with a message for the field it
 * concerns; the file's text is not read when it is too large.
 */
export async function csvFromForm(formData: FormData, maxBytes: number): Promise<CsvFromForm> {
  const file = formData.get('file');
  const pasted = formData.get('csv');
  let text = typeof pasted === 'string' ? pasted : '';
  if (file instanceof File && file.size > 0) {
    if (file.size > maxBytes) {
      return { ok: false, formError: `That file is larger than ${inMb(maxBytes)}. Split it into smaller files.`, fieldErrors: { file: [`The file is larger than ${inMb(maxBytes)}.`] } };
    }
    text = await file.text();
  } else if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, formError: `The pasted list is longer than ${inMb(maxBytes)}. Split it into smaller lists.`, fieldErrors: { csv: [`The list is longer than ${inMb(maxBytes)}.`] } };
  }
  const csv = normaliseCsvText(text);
  if (!csv.trim()) return { ok: false, formError: 'Choose a CSV file or paste the list.', fieldErrors: { csv: ['Choose a CSV file or paste the list.'] } };
  return { ok: true, csv };
}
