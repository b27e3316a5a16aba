import { safeHttpUrl } from '@/lib/security/safe-url';
import { Markdown } from '@/components/markdown';
import { EvidencePreview } from '@/components/evidence/file-list';
import { formatBytes, pairCaptions } from '@/lib/evidence/file-types';

type Part = { id: string; title: string; prompt: string; responseType: string };
type Response = { partId: string; text: string; links: string[]; wordCount: number; carriedOver: boolean };
// `fileName` is the name this reviewer may see: under blind review the server has already replaced
// the teacher's own (lib/evidence/neutral-names), and captions keep their video's name so they pair.
type File = { id: string; partId: string; fileName: string; sizeBytes: bigint; detectedType: string | null; declaredType: string; carriedOver?: boolean };

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The teacher's frozen evidence, part by part: the prompt, the written answer, links and files with
 * previews. `attestedAt`: when the teacher confirmed the evidence is their own and that students who
 * can be recognised have permission (null: submitted before teachers were asked; left out: not shown).
 */
export function EvidencePanel({ parts, responses, files, attestedAt }: { parts: Part[]; responses: Response[]; files: File[]; attestedAt?: Date | null }) {
  return (
    <>
      {attestedAt ? (
        <p className="mb-3 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-950">
          The teacher confirmed this is their own work and that they have permission for students who can be recognised in it (
          <time dateTime={attestedAt.toISOString()}>{dateFmt.format(attestedAt)}</time>).
        </p>
      ) : attestedAt === null ? (
        <p className="mb-3 text-sm text-slate-700">No confirmation of own work and student permission is recorded: this was submitted before teachers were asked for one.</p>
      ) : null}
      <ol className="space-y-5">
        {parts.map((p, i) => {
          const r = responses.find((x) => x.partId === p.id);
          const own = files.filter((f) => f.partId === p.id);
          const captions = pairCaptions(own);
          const captionsOf = new Map([...captions].map(([videoId, c]) => [c.id, own.find((v) => v.id === videoId)!]));
          // A kept files-only part has a carried-over response row; older revisions mark only its files.
          const carried = Boolean(r?.carriedOver) || own.some((f) => f.carriedOver);
          return (
            <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="text-base font-semibold">
                Part {i + 1}: {p.title}
                {carried ? <span className="ml-2 text-sm font-normal text-slate-700">(passed in an earlier attempt)</span> : null}
              </h3>
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-brand-700">Prompt</summary>
                <Markdown source={p.prompt} className="text-sm" headingBase={3} />
              </details>
              {p.responseType !== 'FILES' ? (
                r?.text ? (
                  <div className="mt-2 whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-slate-900">{r.text}</div>
                ) : (
                  <p className="mt-2 text-sm italic text-slate-700">No written answer.</p>
                )
              ) : null}
              {r?.links.length ? (
                <ul className="mt-2 list-disc pl-5 text-sm">
                  {/* Saved as http(s) only; checked again where a teacher's link becomes the reviewer's. */}
                  {r.links.map((l) => {
                    const href = safeHttpUrl(l);
                    return (
                      <li key={l}>
                        {href ? (
                          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                            {l}
                            <span className="sr-only"> (opens in a new tab)</span>
                          </a>
                        ) : (
                          l
                        )}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
              {own.length ? (
                <ul className="mt-3 space-y-3">
                  {own.map((f) => (
                    <li key={f.id} className="rounded-md border border-slate-200 p-3">
                      <div className="flex flex-wrap justify-between gap-2 text-sm">
                        <span className="font-medium">{f.fileName}</span>
                        <span className="text-slate-700">{formatBytes(Number(f.sizeBytes))}</span>
                      </div>
                      {captionsOf.has(f.id) ? <p className="mt-1 text-sm text-slate-700">Captions for {captionsOf.get(f.id)!.fileName}</p> : null}
                      <EvidencePreview file={f} captionsId={captions.get(f.id)?.id} />
                      <a href={`/files/${f.id}`} className="mt-2 inline-block text-sm" download>
                        Download<span className="sr-only"> {f.fileName}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              ) : p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES' ? (
                <p className="mt-2 text-sm italic text-slate-700">No files.</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
