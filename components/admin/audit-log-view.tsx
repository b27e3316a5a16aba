import Link from 'next/link';
import { AUDIT_GROUP_LABELS, type AuditGroup } from '@/lib/audit/describe';
import type { AuditRow } from '@/lib/audit/queries';
import type { AuditFilter, AuditRange } from '@/lib/audit/schemas';
import { Alert, EmptyState } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { formatDateTime } from '@/lib/time-format';

// The filters, table and pagination shared by the issuer, district and platform audit logs.
// (Presentational; it lives beside the issuer log because components/admin is not this change's to edit.)

// Said under the table when such entries are on the page.
const WHO_NOTES: Record<string, string> = {
  Automatic: '“Automatic” means the platform did it itself, such as issuing a badge when a submission passed or ending a claim that ran out.',
  'Command line': '“Command line” means someone running the platform did it from the server.',
  'A deleted account': '“A deleted account” means the person has since deleted their account: the entry stays, their name does not.',
};

export function AuditLogView(props: {
  basePath: string;
  /** Who the log belongs to, for the table's caption: "Issuer A", "the platform". */
  owner: string;
  groups: readonly AuditGroup[];
  filter: AuditFilter;
  range: AuditRange;
  items: AuditRow[];
  nextCursor: string | null;
  /** Query parameters that choose the log (org, district), kept by the filter form and the pages. */
  keep?: Record<string, string | undefined>;
  showOrganization?: boolean;
  /** The reader's time zone (ADR 023): each entry's time is shown in it; null or absent: UTC, labelled. */
  timeZone?: string | null;
}) {
  const { filter, range, items } = props;
  const group = filter.group;
  const filtered = group !== 'all' || Boolean(range.from || range.before);
  const who = new Set(items.map((r) => r.who));
  const notes = Object.entries(WHO_NOTES).filter(([label]) => who.has(label)).map(([, note]) => note);
  const params = { ...props.keep, group: group === 'all' ? undefined : group, from: range.fromLabel, to: range.toLabel };
  return (
    <div>
      <form method="get" action={props.basePath} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        {Object.entries(props.keep ?? {}).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <div>
          <label htmlFor="audit-group" className="block text-sm font-semibold">What</label>
          <select id="audit-group" name="group" defaultValue={group} className={inputClass}>
            <option value="all">Everything</option>
            {props.groups.map((g) => <option key={g} value={g}>{AUDIT_GROUP_LABELS[g]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-semibold">From (UTC)</label>
          <input id="audit-from" name="from" type="date" defaultValue={range.fromLabel ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-semibold">To (inclusive, UTC)</label>
          <input id="audit-to" name="to" type="date" defaultValue={range.toLabel ?? ''} className={inputClass} />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
        {filtered ? <Link href={linkTo(props.basePath, props.keep ?? {})} className="py-2 text-sm">Clear filters</Link> : null}
      </form>
      {range.notice ? <div className="mb-4"><Alert tone="warning">{range.notice}</Alert></div> : null}
      {items.length === 0 ? (
        <EmptyState title={filtered ? 'Nothing recorded matches these filters' : 'Nothing recorded yet'}>
          {filtered ? 'Try another kind of activity or a wider range of dates.' : null}
        </EmptyState>
      ) : (
        <TableScroll label={`Audit log of ${props.owner}`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Audit log of {props.owner}{group !== 'all' ? `: ${AUDIT_GROUP_LABELS[group].toLowerCase()}` : ''}, newest first{filter.cursor ? ' (a later page)' : ''}
            </caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="p-3">When</th>
                <th scope="col" className="p-3">Who</th>
                <th scope="col" className="p-3">What happened</th>
                {props.showOrganization ? <th scope="col" className="p-3">Organisation</th> : null}
                <th scope="col" className="p-3"><span className="sr-only">Link to the record</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="whitespace-nowrap p-3"><time dateTime={r.at.toISOString()}>{formatDateTime(r.at, props.timeZone)}</time></td>
                  <td className="p-3">{r.who}</td>
                  <td className="p-3 break-words">{r.description}</td>
                  {props.showOrganization ? <td className="p-3">{r.organization ?? <span className="text-slate-600">None</span>}</td> : null}
                  <td className="whitespace-nowrap p-3">{r.link ? <Link href={r.link.href}>{r.link.label}</Link> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {notes.length ? <p className="mt-3 text-sm text-slate-700">{notes.join(' ')}</p> : null}
      <Pagination basePath={props.basePath} params={params} nextCursor={props.nextCursor} hasPrevious={Boolean(filter.cursor)} />
    </div>
  );
}

function linkTo(basePath: string, params: Record<string, string | undefined>) {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return qs ? `${basePath}?${qs}` : basePath;
}
