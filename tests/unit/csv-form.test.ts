// Reading a CSV sent with a form (lib/csv-form.ts): bulk enrolment and inviting a staff list.
import { describe, expect, it } from 'vitest';
import { csvFromForm } from '@/lib/csv-form';

function form(fields: Record<string, string | File>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe('csvFromForm', () => {
  it('prefers a chosen file over the pasted box, and normalises both (byte-order mark, CRLF)', async () => {
    const file = new File(['\uFEFFemail,name\r\nana@school.org,Ana\r\n'], 'staff.csv', { type: 'text/csv' });
    expect(await csvFromForm(form({ file, csv: 'ignored' }), 1000)).toEqual({ ok: true, csv: 'email,name\nana@school.org,Ana\n' });
    // An empty file input (nothing chosen) falls back to the box.
    const none = new File([], '', { type: 'application/octet-stream' });
    expect(await csvFromForm(form({ file: none, csv: 'email\r\nbo@school.org' }), 1000)).toEqual({ ok: true, csv: 'email\nbo@school.org' });
  });

  it('refuses a file or a pasted list over the limit, naming the field and the limit, without reading the file', async () => {
    const big = new File(['x'.repeat(2 * 1024 * 1024 + 1)], 'big.csv', { type: 'text/csv' });
    expect(await csvFromForm(form({ file: big }), 2 * 1024 * 1024)).toEqual({
      ok: false,
      formError: 'That file is larger than 2 MB. Split it into smaller files.',
      fieldErrors: { file: ['The file is larger than 2 MB.'] },
    });
    // Measured in bytes, not characters: 400,000 three-byte characters are 1.2 MB.
    expect(await csvFromForm(form({ csv: '€'.repeat(400_000) }), 1024 * 1024)).toMatchObject({ ok: false, fieldErrors: { csv: ['The list is longer than 1 MB.'] } });
    expect(await csvFromForm(form({ csv: 'a'.repeat(400_000) }), 1024 * 1024)).toMatchObject({ ok: true });
  });

  it('asks for a file or a list when there is neither, or only blanks', async () => {
    const missing = { ok: false, formError: 'Choose a CSV file or paste the list.', fieldErrors: { csv: ['Choose a CSV file or paste the list.'] } };
    expect(await csvFromForm(form({}), 1000)).toEqual(missing);
    expect(await csvFromForm(form({ csv: ' \r\n\t' }), 1000)).toEqual(missing);
    expect(await csvFromForm(form({ file: new File(['\uFEFF\r\n'], 'blank.csv') }), 1000)).toEqual(missing);
  });
});
