/** "1 file", "3 files": a count with its noun (or phrase), singular for exactly one. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "A", "A and B", "A, B and C": items in a sentence ('' for none). */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "4,000": a figure with thousands separators, as every count and limit in the app's sentences reads. */
export const figure = (n: number): string => n.toLocaleString('en-GB');
