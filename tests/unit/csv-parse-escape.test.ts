import { describe, expect, it } from 'vitest';
import { escapeCsvCell, parseCsv, parseCsvRecords, toCsv } from '@/lib/csv';

describe('parseCsv', () => {
  it('handles quotes, embedded commas, doubled quotes and line breaks', () => {
    const text = 'email,name,school\r\n"a@x.org","Smith, Jo","Lincoln ""High"""\n"b@x.org","Line\nbreak",\n';
    expect(parseCsv(text)).toEqual([
      ['email', 'name', 'school'],
      ['a@x.org', 'Smith, Jo', 'Lincoln "High"'],
      ['b@x.org', 'Line\nbreak', ''],
    ]);
  });

  it('strips a byte-order mark, skips blank lines and accepts a missing final newline', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keys records by trimmed, lower-cased headers with the line of the file each starts on', () => {
    const { headers, records } = parseCsvRecords('Email , Name\n a@x.org , Ann \n\nb@x.org,Bo\n');
    expect(headers).toEqual(['email', 'name']);
    // The blank line 3 is skipped but still counted: Bo is on line 4, as a spreadsheet shows it.
    expect(records).toEqual([
      { line: 2, values: { email: 'a@x.org', name: 'Ann' } },
      { line: 4, values: { email: 'b@x.org', name: 'Bo' } },
    ]);
    // A quoted cell spanning lines, with CRLF endings: the next row starts after it.
    expect(parseCsvRecords('email,note\r\na@x.org,"one\r\ntwo"\r\nb@x.org,x\r\n').records.map((r) => r.line)).toEqual([2, 4]);
  });
});

describe('escapeCsvCell / toCsv', () => {
  it('quotes cells with commas, quotes and newlines', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell(null)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(escapeCsvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(escapeCsvCell('+1')).toBe("'+1");
    expect(escapeCsvCell('-2+3')).toBe("'-2+3");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    // Numbers we produce ourselves stay numbers.
    expect(escapeCsvCell(-5)).toBe('-5');
    expect(escapeCsvCell('Normal text')).toBe('Normal text');
  });

  it('quotes a cell with a semicolon and neutralises each part a semicolon-splitting spreadsheet would run', () => {
    // No comma or quote: without this the cell went out bare, and a spreadsheet splitting on ';' ran the second part.
    expect(escapeCsvCell('x;=HYPERLINK("http://evil","y")')).toBe(`"x;'=HYPERLINK(""http://evil"",""y"")"`);
    expect(escapeCsvCell('Ann;+1;-2;@A1;\tx;\ry')).toBe(`"Ann;'+1;'-2;'@A1;'\tx;'\ry"`);
    expect(escapeCsvCell('=a;=b')).toBe(`"'=a;'=b"`);
    // A semicolon alone is quoted, its text kept as written.
    expect(escapeCsvCell('Smith; Jones')).toBe('"Smith; Jones"');
    expect(escapeCsvCell('a;b')).toBe('"a;b"');
    // Parsed back (as RFC 4180, comma-separated), the cell is one cell.
    expect(parseCsv(toCsv(['Name', 'Hours'], [['x;=1+1', 2]]))).toEqual([['Name', 'Hours'], ["x;'=1+1", '2']]);
  });

  it('writes CRLF rows that parse back to the same cells', () => {
    const rows = [['Jo, "the" teacher', 12.5, 'x\ny']];
    const csv = toCsv(['Name', 'Hours', 'Note'], rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([['Name', 'Hours', 'Note'], ['Jo, "the" teacher', '12.5', 'x\ny']]);
  });
});
