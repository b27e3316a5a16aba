// Checking a district's file of teachers to invite (lib/people/bulk-invite.ts): the pure rules the
// preview and the invite step share.
import { describe, expect, it } from 'vitest';
import {
  classifyInviteRows,
  countInviteRows,
  describeInviteCheck,
  describeInviteOutcome,
  fingerprintInviteCsv,
  parseInviteCsv,
  type InviteFacts,
} from '@/lib/people/bulk-invite';
import { BulkInviteInput, MAX_INVITE_ROWS } from '@/lib/people/schemas';
import { normaliseCsvText } from '@/lib/csv-form';

const district = { id: 'd1', name: 'Kettle Moraine' };
const schools = [
  { id: 's1', name: 'North Elementary', slug: 'kettle-moraine-north-elementary' },
  { id: 's2', name: 'South  Middle', slug: 'kettle-moraine-south-middle' },
];
const noFacts = (): InviteFacts => ({ members: new Map(), openInvitations: new Map(), askedToJoin: new Set() });
const csv = (...lines: string[]) => lines.join('\n');

describe('reading the file', () => {
  it('refuses a file it cannot read as teachers, saying why', () => {
    expect(parseInviteCsv('', district, schools).fileError).toBe('The file is empty.');
    expect(parseInviteCsv(csv('mail,name', 'a@b.org,A'), district, schools).fileError).toMatch(/No column is called “email”/);
    expect(parseInviteCsv('email,name\n', district, schools).fileError).toBe('The file has a header row but no teachers.');
    const tooMany = ['email', ...Array.from({ length: MAX_INVITE_ROWS + 1 }, (_, i) => `t${i}@school.org`)].join('\n');
    expect(parseInviteCsv(tooMany, district, schools).fileError).toBe(`The file has ${MAX_INVITE_ROWS + 1} rows; at most ${MAX_INVITE_ROWS} can be invited at once. Split it into smaller files.`);
    const justEnough = ['email', ...Array.from({ length: MAX_INVITE_ROWS }, (_, i) => `t${i}@school.org`)].join('\n');
    expect(parseInviteCsv(justEnough, district, schools)).toMatchObject({ fileError: null, rows: { length: MAX_INVITE_ROWS } });
  });

  it('skips the empty rows a spreadsheet exports below the data, and names problems by the line a spreadsheet shows', () => {
    const { fileError, rows } = parseInviteCsv(csv('email,name,school', 'ana@school.org,Ana,', '', 'not-an-email,Bo,', ',,', ' , , '), district, schools);
    expect(fileError).toBeNull();
    expect(rows.map((r) => [r.line, r.errors.length])).toEqual([[2, 0], [4, 1]]);
    expect(parseInviteCsv(csv('email,name', ',,', ','), district, schools).fileError).toBe('The file has a header row but no teachers.');
  });

  it('needs only the email column; name and school are optional, headers in any case and order', () => {
    const { fileError, rows } = parseInviteCsv(csv('\uFEFFSchool, EMAIL ', 'North Elementary, Ana.Diaz@School.ORG ', ',bo@school.org'), district, schools);
    expect(fileError).toBeNull();
    expect(rows).toEqual([
      { line: 2, email: 'ana.diaz@school.org', name: '', schoolText: 'North Elementary', school: { id: 's1', name: 'North Elementary' }, errors: [] },
      { line: 3, email: 'bo@school.org', name: '', schoolText: '', school: null, errors: [] },
    ]);
  });

  it('matches a school by name or slug, ignoring case and spacing, within this district only', () => {
    const { rows } = parseInviteCsv(csv('email,school', 'a@s.org,north elementary', 'b@s.org,KETTLE-MORAINE-SOUTH-MIDDLE', 'c@s.org,south middle', 'd@s.org,Elsewhere High'), district, schools);
    expect(rows.map((r) => r.school?.id ?? null)).toEqual(['s1', 's2', 's2', null]);
    expect(rows[3].errors).toEqual(['Kettle Moraine has no school called “Elsewhere High”. Its schools are North Elementary and South  Middle.']);
  });

  it('says so when the district has no schools yet', () => {
    const { rows } = parseInviteCsv(csv('email,school', 'a@s.org,North Elementary'), district, []);
    expect(rows[0].errors).toEqual(['Kettle Moraine has no schools listed yet, so “North Elementary” cannot be matched. Leave the school empty (they are invited district-wide) or add the school under Schools first.']);
  });

  it('names at most twelve schools in the hint', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ id: `s${i}`, name: `School ${String(i).padStart(2, '0')}`, slug: `school-${i}` }));
    const { rows } = parseInviteCsv(csv('email,school', 'a@s.org,Nowhere'), district, many);
    expect(rows[0].errors[0]).toMatch(/School 00, .*School 11 and 3 more listed under Schools\.$/);
  });

  it('an ambiguous school (a name that is another school’s slug) is a row error naming both', () => {
    const clash = [...schools, { id: 's3', name: 'kettle-moraine-north-elementary', slug: 'odd' }];
    const { rows } = parseInviteCsv(csv('email,school', 'a@s.org,kettle-moraine-north-elementary'), district, clash);
    expect(rows[0]).toMatchObject({ school: null, errors: ['“kettle-moraine-north-elementary” matches several of Kettle Moraine’s schools: North Elementary and kettle-moraine-north-elementary. Write the school’s full name.'] });
  });

  it('flags missing and invalid addresses, duplicates in the file and overlong names, on the row', () => {
    const long = 'N'.repeat(121);
    const { rows } = parseInviteCsv(csv('email,name', ',No Email', 'not-an-address,Bad', 'ana@school.org,Ana', 'ANA@school.org ,Ana again', `cy@school.org,${long}`), district, schools);
    expect(rows.map((r) => [r.line, r.errors])).toEqual([
      [2, ['The email address is missing.']],
      [3, ['“not-an-address” is not a valid email address.']],
      [4, []],
      [5, ['The same email address as line 4: each teacher is listed once.']],
      [6, ['The name is longer than 120 characters.']],
    ]);
    expect(rows[4].name.length).toBe(120);
  });

  it('keeps names on one line, without control characters', () => {
    const { rows } = parseInviteCsv('email,name\r\nana@school.org,"Ana\r\n  Díaz\u0000"\r\n', district, schools);
    expect(rows[0]).toMatchObject({ name: 'Ana Díaz', errors: [] });
  });
});

describe('what happens to each row', () => {
  const parsed = () => parseInviteCsv(csv('email,name,school', 'new@s.org,New,', 'here@s.org,Here,South Middle', 'open@s.org,Open,North Elementary', 'moving@s.org,Moving,', 'asking@s.org,Asking,', 'bad,Bad,'), district, schools).rows;
  const facts = (): InviteFacts => ({
    members: new Map([['here@s.org', { schoolName: 'North Elementary' }]]),
    openInvitations: new Map([['open@s.org', { placeName: 'North Elementary', expiresAt: new Date('2030-03-05T12:00:00Z') }]]),
    askedToJoin: new Set(['asking@s.org']),
  });

  it('invites new people; skips members and open invitations with a note; says nothing of accounts outside the district', () => {
    const rows = classifyInviteRows(parsed(), district, facts());
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      ['new@s.org', 'invite'],
      ['here@s.org', 'member'],
      ['open@s.org', 'invited'],
      ['moving@s.org', 'invite'],
      ['asking@s.org', 'invite'],
      ['bad', 'problem'],
    ]);
    expect(rows[0].notes).toEqual([]);
    expect(rows[1].notes).toEqual(['Already a teacher in Kettle Moraine at North Elementary, so not invited again. To move them to South  Middle, use the Teachers page.']);
    expect(rows[2].notes).toEqual(['Already invited to North Elementary (the link works until 5 March 2030), so not invited again. To send the email again, use Resend under Open invitations on the People page.']);
    // Whether an address has an account in another district is not this district's to learn.
    expect(rows[3].notes).toEqual([]);
    expect(rows[4].notes).toEqual(['Asked to join Kettle Moraine: accepting the invitation also answers that request.']);
    expect(countInviteRows(rows)).toEqual({ rows: 6, invite: 3, member: 1, invited: 1, problem: 1 });
  });

  it('a member listed at their own school, and an open invitation to another place, get fitting notes', () => {
    const rows = classifyInviteRows(
      parseInviteCsv(csv('email,school', 'here@s.org,North Elementary', 'open@s.org,', 'whole@s.org,South Middle'), district, schools).rows,
      district,
      {
        ...noFacts(),
        members: new Map([['here@s.org', { schoolName: 'North Elementary' }]]),
        openInvitations: new Map([
          ['open@s.org', { placeName: 'North Elementary', expiresAt: new Date('2030-03-05T12:00:00Z') }],
          ['whole@s.org', { placeName: 'Kettle Moraine', expiresAt: new Date('2030-03-05T12:00:00Z') }],
        ]),
      },
    );
    expect(rows[0].notes).toEqual(['Already a teacher in Kettle Moraine at North Elementary, so not invited again.']);
    expect(rows[1].notes[0]).toMatch(/To invite them to Kettle Moraine as a whole instead, cancel that invitation on the People page, then check the file again\.$/);
    expect(rows[2].notes[0]).toMatch(/^Already invited to Kettle Moraine .* To invite them to South  Middle instead, cancel that invitation/);
  });

  it('a row with a problem is a problem whatever the database knows', () => {
    const rows = classifyInviteRows(parseInviteCsv(csv('email,school', 'here@s.org,Atlantis'), district, schools).rows, district, { ...noFacts(), members: new Map([['here@s.org', { schoolName: null }]]) });
    expect(rows[0]).toMatchObject({ status: 'problem', notes: [] });
  });
});

describe('the words the leader reads', () => {
  it('sums up the check: problems stop everything; skipped rows are counted', () => {
    expect(describeInviteCheck({ rows: 10, invite: 8, member: 0, invited: 0, problem: 2 })).toBe('2 of 10 rows have problems. Nothing is sent while any row is wrong: fix the file and check it again.');
    expect(describeInviteCheck({ rows: 1, invite: 0, member: 0, invited: 0, problem: 1 })).toBe('1 of 1 row has a problem. Nothing is sent while any row is wrong: fix the file and check it again.');
    expect(describeInviteCheck({ rows: 45, invite: 42, member: 3, invited: 0, problem: 0 })).toBe('All rows are ready: 42 teachers will be invited. 3 rows are skipped (see why below).');
    expect(describeInviteCheck({ rows: 2, invite: 0, member: 1, invited: 1, problem: 0 })).toBe('Nobody new to invite: everyone in the file is already in the district or already invited. 2 rows are skipped (see why below).');
  });

  it('sums up the invitations sent', () => {
    expect(describeInviteOutcome({ invited: 42, members: 3, alreadyInvited: 0, limited: [] })).toBe('Invited 42 teachers; the emails are on their way, and each link works for 14 days. 3 were already in your district.');
    expect(describeInviteOutcome({ invited: 1, members: 1, alreadyInvited: 1, limited: ['x@s.org'] })).toBe(
      'Invited 1 teacher; the emails are on their way, and each link works for 14 days. 1 was already in your district. 1 already had an open invitation, so was not invited again. 1 was not invited because that address has had many invitations in the last day (x@s.org). Try again tomorrow.',
    );
    expect(describeInviteOutcome({ invited: 0, members: 0, alreadyInvited: 2, limited: [] })).toBe('Nobody new was invited. 2 already had an open invitation, so were not invited again.');
  });
});

describe('the checked text', () => {
  it('is fingerprinted the same whatever the line endings or byte-order mark, and differently when a row changes', () => {
    const lf = 'email\nana@school.org\n';
    expect(normaliseCsvText('\uFEFFemail\r\nana@school.org\r\n')).toBe(lf);
    expect(fingerprintInviteCsv('email\r\nana@school.org\r\n')).toBe(fingerprintInviteCsv(lf));
    expect(fingerprintInviteCsv('email\nana@school.org\nbo@school.org\n')).not.toBe(fingerprintInviteCsv(lf));
  });

  it('the form input: a district is needed; an unknown intent only checks', () => {
    expect(BulkInviteInput.safeParse({ districtId: '' }).success).toBe(false);
    expect(BulkInviteInput.parse({ districtId: 'd1', intent: 'send-everything' })).toEqual({ districtId: 'd1', intent: 'preview' });
    expect(BulkInviteInput.parse({ districtId: 'd1', intent: 'invite', checked: 'abc' })).toEqual({ districtId: 'd1', intent: 'invite', checked: 'abc' });
  });
});
