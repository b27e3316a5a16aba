import type { VersionDetail } from '@/lib/catalog/queries';
import { FILE_KIND_INFO, formatBytes, type FileKind } from '@/lib/evidence/file-types';
import { Markdown } from '@/components/markdown';

const responseLabel = { TEXT: 'Written answer', FILES: 'Files', TEXT_AND_FILES: 'Written answer and files', LINKS: 'Links' } as const;

export function PartsList({ parts }: { parts: VersionDetail['parts'] }) {
  return (
    <ol className="space-y-4">
      {parts.map((p, i) => (
        <li key={p.id} className="rounded-md border border-slate-200 p-4">
          <h3 className="font-semibold">
            Part {i + 1}: {p.title} {p.required ? null : <span className="text-sm font-normal text-slate-600">(optional)</span>}
          </h3>
          <p className="text-sm text-slate-700">
            {responseLabel[p.responseType]}
            {p.wordLimit ? ` · up to ${p.wordLimit} words` : ''}
            {p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES'
              ? ` · up to ${p.maxFiles} file${p.maxFiles === 1 ? '' : 's'}, ${formatBytes(Number(p.maxFileBytes))} each: ${p.allowedTypes.map((t) => FILE_KIND_INFO[t as FileKind]?.label ?? t).join('; ')}`
              : ''}
          </p>
          <Markdown source={p.prompt} className="mt-2 text-sm" headingBase={3} />
        </li>
      ))}
    </ol>
  );
}
