import { Markdown } from '@/components/markdown';
import { resourceKindLabel } from '@/components/credential/resource-kind';
import { safeHttpUrl } from '@/lib/security/safe-url';
import type { VersionDetail } from '@/lib/catalog/queries';

/**
 * One resource of a version as the credential page lists it (kind and minutes, the link or title,
 * its notes), also in the authors' preview. The page adds its "Mark as done" after it.
 */
export function ResourceEntry({ resource: r }: { resource: VersionDetail['resources'][number] }) {
  // Only a web address is a link: a version published before links were limited to http(s) may
  // hold a javascript: or data: one, which would run in the teacher's page. Its title stays, as text.
  const href = safeHttpUrl(r.url);
  return (
    <>
      <span className="block text-xs font-semibold uppercase tracking-wide text-slate-600">
        {resourceKindLabel[r.kind]}
        {r.minutes ? ` · ${r.minutes} min` : ''}
      </span>
      {href ? (
        <a href={href} rel="noopener noreferrer" target="_blank">
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
