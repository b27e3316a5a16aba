/** Counts words the way a teacher would: runs of letters/digits, apostrophes and hyphens inside words. */
export function countWords(text: string): number {
  const matches = text.trim().match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu);
  return matches ? matches.length : 0;
}
