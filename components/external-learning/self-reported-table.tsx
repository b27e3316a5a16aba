import { safeHttpUrl } from '@/lib/security/safe-url';
import { figure } from '@/lib/plural';
import { TableScroll } from '@/components/ui/table-scroll';
import { completedOnInWords } from '@/components/external-learning/entry-words';
import { certificateHref } from '@/lib/external-learning/certificate-files';

// Other professional learning as printed records list it (the PD transcript, a district's teacher
// record): one row each, the link printed in full (it is read on paper), and the section's own total,
// which is never the verified total.

type Row = { id: string; title: string; provider: string; completedOn: Date; pdHours: number; url: string | null; note: string | null; certificate?: { id: string; fileName: string } | null };

const th = 'p-2 text-left';

/**
 * `withRecord`: a column with each entry's link and note (the teacher's own transcript, and a
 * district's copy); a principal's copy has neither. In that column a certificate on file is said
 * ("Certificate on file"), or, with `certificateLinks` (a district's copy, read on screen by the
 * leaders who verify hours), linked to its private route. `totalLabel`: the footer's words for the total.
 */
export function SelfReportedTable({ rows, totalHours, caption, label, withRecord, certificateLinks = false, totalLabel }: { rows: Row[]; totalHours: number; caption: string; label: string; withRecord: boolean; certificateLinks?: boolean; totalLabel: string }) {
  return (
    <TableScroll label={label} className="mt-3 rounded-lg border border-slate-300 bg-white print:overflow-visible print:rounded-none print:border-0">
      <table className="w-full min-w-[40rem] border-collapse text-sm print:min-w-0 print:text-[9pt]">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 print:bg-white">
          <tr className="border-b border-slate-400">
            <th scope="col" className={th}>Professional learning</th>
            <th scope="col" className={th}>Provided by</th>
            <th scope="col" className={th}>Completed on</th>
            <th scope="col" className="p-2 text-right">PD hours (self-reported)</th>
            {withRecord ? <th scope="col" className={th}>Record of completion and note</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const href = safeHttpUrl(r.url);
            return (
              <tr key={r.id} className="border-b border-slate-200 align-top print:break-inside-avoid">
                <th scope="row" className="p-2 text-left font-semibold">
                  {r.title}
                  <span className="block text-xs font-normal text-slate-700">Self-reported: not verified</span>
                </th>
                <td className="p-2">{r.provider}</td>
                <td className="whitespace-nowrap p-2">{completedOnInWords(r.completedOn)}</td>
                <td className="p-2 text-right">{figure(r.pdHours)}</td>
                {withRecord ? (
                  <td className="p-2 text-xs">
                    {href ? <span className="block">Record: <a href={href} className="break-all">{href}</a></span> : null}
                    {r.note ? <span className="mt-1 block whitespace-pre-line break-words">Note: {r.note}</span> : null}
                    {r.certificate ? (
                      <span className="mt-1 block">
                        {certificateLinks ? (
                          <a href={certificateHref(r.certificate.id)} target="_blank" rel="noopener noreferrer">
                            Certificate<span className="sr-only"> of “{r.title}”: {r.certificate.fileName} (opens in a new tab)</span>
                          </a>
                        ) : 'Certificate on file'}
                      </span>
                    ) : null}
                    {!href && !r.note && !r.certificate ? <span className="text-slate-700">None given</span> : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-400 font-semibold">
            <th scope="row" colSpan={3} className="p-2 text-right">{totalLabel}</th>
            <td className="p-2 text-right">{figure(totalHours)}</td>
            {withRecord ? <td /> : null}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
