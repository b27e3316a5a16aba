import { Markdown } from '@/components/markdown';
import { resourceKindLabel } from '@/components/credential/resource-kind';
import type { VersionDetail } from '@/lib/catalog/queries';

/**
 * One resource of a version as the credential page lists it (kind and minutes, the link or title,
 * its notes), also in the authors' preview. The page adds its "Mark as done" after it.
 */
export function ResourceEntry({ resource: r }: { resource: VersionDetail['resources'][number] }) {
  return (
    <>
      <span className="block text-xs font-semibold uppercase tracking-wide text-slate-600">
        {resourceKindLabel[r.kind]}
        {r.minutes ? ` · ${r.minutes} min` : ''}
      </span>
      {r.url ? (
        <a href={r.url} rel="noopener noreferrer" target="_blank">
          {r.title}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      ) : (
        <span className="font-medium">{r.title}</span>
      )}
      {r.body ? <Markdown source={r.body} className="text-sm" /> : null}
    </>
  );
}
