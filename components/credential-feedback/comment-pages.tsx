import Link from 'next/link';

/**
 * The numbered pages of comments on the issuer's feedback page (`?page=`): the first and previous
 * pages, where the reader is, and the next. Nothing when everything fits on one page, or when the
 * address asks for a page past the last (the page says so, with a link back to the first).
 */
export function CommentPages({ basePath, page, pageCount }: { basePath: string; page: number; pageCount: number }) {
  if (pageCount <= 1 || page > pageCount) return null;
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  const n = (x: number) => x.toLocaleString('en-GB');
  return (
    <nav aria-label="Pages of comments" className="mt-6 flex flex-wrap items-center justify-between gap-4">
      <span className="flex gap-4">
        {page > 2 ? <Link href={href(1)}>« First page</Link> : null}
        {page > 1 ? <Link href={href(page - 1)} rel="prev">← Previous page</Link> : null}
      </span>
      <span className="text-sm text-slate-700">Page {n(page)} of {n(pageCount)}</span>
      <span>{page < pageCount ? <Link href={href(page + 1)} rel="next">Next page →</Link> : null}</span>
    </nav>
  );
}
