/**
 * Under a teacher's list on the district and school pages, which show only the most recent few:
 * says so when there are more (`total`, when known; otherwise whether the list was cut at `shown`).
 */
export function MoreThanShown({ shown, total, limit }: { shown: number; total?: number; limit: number }) {
  if (total !== undefined ? total <= shown : shown < limit) return null;
  return <p className="mt-1 text-xs text-slate-700">{total !== undefined ? `The ${shown} most recent of ${total}.` : `The ${shown} most recent.`}</p>;
}
