// Names people type go into emails to other people (lib/auth/schemas.ts oneLine): every name input
// keeps them on one line, without control characters, in the forms and in the CSV files leaders
// send. (Stored and emailed: tests/integration/auth-person-names.test.ts.)
import { describe, expect, it } from 'vitest';
import { oneLine, PersonNameInput, SignUpInput } from '@/lib/auth/schemas';
import { ProfileInput } from '@/lib/auth/profile';
import { AcceptNewAccountInput } from '@/lib/people/schemas';
import { parseInviteCsv } from '@/lib/people/bulk-invite';
import { validateEnrolCsv } from '@/lib/people/enrol-csv';

describe('oneLine', () => {
  it('turns every run of whitespace, line breaks included, into one space, and trims', () => {
    expect(oneLine('Ann\r\n\r\nSmith')).toBe('Ann Smith');
    expect(oneLine('  Ann \t\v\f Smith  ')).toBe('Ann Smith');
    // Line breaks outside ASCII: next line, line and paragraph separators.
    expect(oneLine('Ann\u0085Smith\u2028Jones\u2029Lee')).toBe('Ann Smith Jones Lee');
  });

  it('drops control characters and the marks that reverse the text around them', () => {
    expect(oneLine('An\u0000n\u0007 Sm\u001bith\u007f\u009b')).toBe('Ann Smith');
    expect(oneLine('Ann \u202eetihW\u202c Smith \u2066x\u2069')).toBe('Ann etihW Smith x');
  });

  it('leaves names in every script as they are', () => {
    for (const name of ['Zoë O’Brien-Núñez', 'محمد عبد الله', 'नमस्ते', 'گل‌ناز', '李小龍', 'Ngũgĩ wa Thiong’o']) expect(oneLine(name)).toBe(name);
  });
});

describe('every person-name input', () => {
  const messy = '\n Kofi\r\n\tMensah \u0007';
  it('is kept on one line', () => {
    expect(PersonNameInput.parse(messy)).toBe('Kofi Mensah');
    expect(SignUpInput.parse({ name: messy, email: 'k@school.test', password: 'a long enough password' }).name).toBe('Kofi Mensah');
    expect(ProfileInput.parse({ name: messy, publicName: messy })).toMatchObject({ name: 'Kofi Mensah', publicName: 'Kofi Mensah' });
    expect(ProfileInput.parse({ name: 'Kofi', publicName: '\n\t ' }).publicName).toBeNull();
    expect(AcceptNewAccountInput.parse({ token: 't'.repeat(20), name: messy, password: 'a long enough password' }).name).toBe('Kofi Mensah');
  });

  it('asks for a name that is only spaces, line breaks or control characters', () => {
    const r = PersonNameInput.safeParse('\r\n\u0007 ');
    expect(r.success ? null : r.error.issues[0].message).toBe('Enter your name.');
  });

  it('in a district’s file of teachers to invite, and a file of teachers to enrol', () => {
    const invite = parseInviteCsv('email,name\nkofi@school.test,"Kofi\n\nMensah\u009b"', { id: 'd1', name: 'Kettle Moraine' }, []);
    expect(invite.rows.map((r) => r.name)).toEqual(['Kofi Mensah']);
    const enrol = validateEnrolCsv('email,name\nkofi@school.test,"Kofi\r\n\r\nURGENT \u202eMensah"', [], []);
    expect(enrol.rows.map((r) => r.name)).toEqual(['Kofi URGENT Mensah']);
  });
});
