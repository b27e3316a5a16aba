/** Opaque keyset cursors: base64url JSON of the sort key of the last row shown. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(cursor: string | undefined, check: (v: Record<string, unknown>) => v is T): T | null {
  if (!cursor) return null;
  try {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    if (text.includes('\u0000')) return null;
    const v = JSON.parse(text);
    return v && typeof v === 'object' && check(v) ? v : null;
  } catch {
    return null;
  }
}
