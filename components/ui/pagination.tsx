import Link from 'next/link';

/** Keyset pagination: "next" carries the cursor of the last row shown; "first" resets. */
export function Pagination({ basePath, params, nextCursor, hasPrevious }: { basePath: string; params: Record<string, string | undefined>; nextCursor: string | null; hasPrevious: boolean }) {
  const build = (cursor?: string) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== 'cursor') sp.set(k, v);
    if (cursor) sp.set('cursor', cursor);
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  if (!nextCursor && !hasPrevious) return null;
  return (
    <nav aria-label="Pagination" className="mt-6 flex items-center justify-between gap-4">
      {hasPrevious ? <Link href={build()}>← Back to the first page</Link> : <span />}
      {nextCursor ? (
        <Link href={build(nextCursor)} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
