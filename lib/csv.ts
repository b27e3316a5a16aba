// RFC 4180 CSV: parsing for bulk imports, writing for report exports. Safe on the client and server.

/**
 * Parses CSV text into rows of cells. Handles quoted cells with commas, doubled quotes and line
 * breaks, CRLF or LF line endings, a UTF-8 byte-order mark (Excel adds one) and a missing final
 * newline. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  return parseCsvLines(text).map((r) => r.cells);
}

/**
 * parseCsv, with the line of the file each row starts on (1-based): blank lines skipped and quoted
 * cells spanning lines still count, so a message can point at the line a spreadsheet shows.
 */
function parseCsvLines(text: string): { cells: string[]; line: number }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { cells: string[]; line: number }[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (!(row.length === 1 && row[0].trim() === '')) rows.push({ cells: row, line: rowStart });
    row = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      // A quote opens a quoted cell only at its start; stray spaces before it are dropped.
      cell = '';
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r') {
      endRow();
      i += src[i + 1] === '\n' ? 2 : 1;
      rowStart = ++line;
    } else if (c === '\n') {
      endRow();
      i++;
      rowStart = ++line;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

/**
 * Parses CSV with a header row into objects keyed by the lower-cased, trimmed header names.
 * `line` is the 1-based line of the file the row starts on (blank lines and line breaks inside
 * quoted cells counted), for error messages.
 */
export function parseCsvRecords(text: string): { headers: string[]; records: { line: number; values: Record<string, string> }[] } {
  const rows = parseCsvLines(text);
  if (!rows.length) return { headers: [], records: [] };
  const headers = rows[0].cells.map((h) => h.trim().toLowerCase());
  const records = rows.slice(1).map((r) => {
    const values: Record<string, string> = {};
    headers.forEach((h, j) => {
      values[h] = (r.cells[j] ?? '').trim();
    });
    return { line: r.line, values };
  });
  return { headers, records };
}

// Spreadsheet apps run a cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
// A spreadsheet that splits on semicolons (the default where a comma is the decimal mark) starts a
// new cell after each ';' of an unquoted line: each part is a cell start of its own.
const FORMULA_AFTER_SEMICOLON = /;(?=[=+\-@\t\r])/g;

/**
 * One cell, quoted when needed (a comma, quote, line break or semicolon in it), with a leading
 * apostrophe on anything a spreadsheet would run: the cell's start, and each part after a ';' in
 * case the file is opened as semicolon-separated and the quotes are not honoured.
 */
export function escapeCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  // Plain numbers (including negative ones we produce ourselves) are data, not formulas.
  if (typeof value !== 'number') {
    if (FORMULA_START.test(s)) s = `'${s}`;
    s = s.replace(FORMULA_AFTER_SEMICOLON, ";'");
  }
  if (/[",;\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** A whole CSV document with CRLF line endings, as RFC 4180 and Excel expect. */
export function toCsv(headers: string[], rows: unknown[][]): string {
  return [headers, ...rows].map((r) => r.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
}
