import { formatBytes, isStoppedUpload, pairCaptions, STOPPED_UPLOAD_HINT, UNFINISHED_UPLOAD_HINT } from '@/lib/evidence/file-types';
import { RemoveFileButton } from '@/components/evidence/remove-file-button';
import { PdfPreview } from '@/components/evidence/pdf-preview';
import { RecentPendingFile, UnlessUploadingHere } from '@/components/evidence/unless-uploading-here';

export type FileRow = { id: string; fileName: string; sizeBytes: bigint; status: 'PENDING' | 'UPLOADED' | 'REJECTED'; detectedType: string | null; declaredType: string; rejectedReason: string | null; carriedOver: boolean; createdAt: Date };

/** What a pending file's row says of its upload: `stopsUpload` when Remove may end one still running elsewhere. */
type PendingWords = { tag: string; hint: string; stopsUpload: boolean };

const STOPPED: PendingWords = { tag: ' · upload stopped', hint: STOPPED_UPLOAD_HINT, stopsUpload: false };
const UNFINISHED: PendingWords = { tag: ' · not finished uploading', hint: UNFINISHED_UPLOAD_HINT, stopsUpload: true };

/**
 * Files of one part, each with an in-page preview (PDF, image, audio, video) through a signed URL.
 * A file still pending, or rejected, is left to the uploader when this tab is uploading it. Any
 * other pending one offers Remove and says its upload stopped: when it started long enough ago to
 * count as stopped (isStoppedUpload), or this tab's upload of it stopped; a more recent one may
 * still be uploading in another window or tab, so its row says that, and that removing it stops
 * that upload (hiding Remove until it counts as stopped would keep a teacher who closed or reloaded
 * the page from choosing the file again for up to STOPPED_UPLOAD_MINUTES: it holds its place).
 * `now`: when the page is drawn. `headingId`: the part's files heading, where keyboard focus goes
 * after a file is removed (its row disappears) when no file follows it; the list sits beside the
 * part's uploader, whose control to add files takes focus instead once no file is left
 * (RemoveFileButton).
 */
export function FileList({ files, editable, headingId, now = new Date() }: { files: FileRow[]; editable: boolean; headingId?: string; now?: Date }) {
  if (!files.length) return <p className="text-sm text-slate-700">No files yet.</p>;
  const captions = pairCaptions(files);
  const captionsOf = new Map([...captions].map(([videoId, c]) => [c.id, files.find((v) => v.id === videoId)!]));
  return (
    <ul className="space-y-3">
      {files.map((f) => {
        const removable = editable && !f.carriedOver;
        const hintId = `pending-${f.id}`;
        const row = (pending: PendingWords) => (
          <li key={f.id} className="rounded-md border border-slate-200 bg-white p-3">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="font-medium">{f.fileName}</span>
              <span className="text-slate-700">
                {formatBytes(Number(f.sizeBytes))}
                {f.status === 'PENDING' ? pending.tag : ''}
                {f.status === 'REJECTED' ? ' · rejected' : ''}
              </span>
            </div>
            {f.status === 'PENDING' ? <p id={hintId} className="mt-1 text-sm text-amber-900">{removable ? pending.hint : 'This upload did not finish, so the file is not part of this application.'}</p> : null}
            {f.status === 'REJECTED' ? <p className="mt-1 text-sm text-red-700">{f.rejectedReason}</p> : null}
            {captionsOf.has(f.id) ? <p className="mt-1 text-sm text-slate-700">Captions for {captionsOf.get(f.id)!.fileName}</p> : null}
            {f.status === 'UPLOADED' ? <EvidencePreview file={f} captionsId={captions.get(f.id)?.id} /> : null}
            {editable && f.status === 'UPLOADED' && isVideo(f) && !captions.has(f.id) ? (
              <p className="mt-1 text-sm text-slate-700">No captions yet. Add a WebVTT (.vtt) file named like this video so reviewers who cannot hear it can follow; most video tools can export one.</p>
            ) : null}
            <div className="mt-2 flex gap-4 text-sm">
              {f.status === 'UPLOADED' ? (
                <a href={`/files/${f.id}`} download>
                  Download<span className="sr-only"> {f.fileName}</span>
                </a>
              ) : null}
              {removable ? <RemoveFileButton fileId={f.id} fileName={f.fileName} focusAfter={headingId} stopsUpload={f.status === 'PENDING' && pending.stopsUpload} describedBy={f.status === 'PENDING' ? hintId : undefined} /> : null}
            </div>
          </li>
        );
        if (f.status === 'PENDING' && removable && !isStoppedUpload(f, now)) {
          return <RecentPendingFile key={f.id} fileId={f.id} stopped={row(STOPPED)} unknown={row(UNFINISHED)} />;
        }
        // A file rejected while this tab uploaded it stays in the uploader's row, reason and Remove there.
        return f.status === 'PENDING' || f.status === 'REJECTED' ? <UnlessUploadingHere key={f.id} fileId={f.id}>{row(STOPPED)}</UnlessUploadingHere> : row(STOPPED);
      })}
    </ul>
  );
}

const isVideo = (f: Pick<FileRow, 'detectedType' | 'declaredType'>) => (f.detectedType ?? f.declaredType).startsWith('video/');

/** `captionsId`: the video's captions file (pairCaptions), played as its captions track. */
export function EvidencePreview({ file, captionsId }: { file: Pick<FileRow, 'id' | 'fileName' | 'detectedType' | 'declaredType'>; captionsId?: string }) {
  const type = file.detectedType ?? file.declaredType;
  const src = `/files/${file.id}?inline=1`;
  if (type.startsWith('image/')) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={src} alt={`Preview of ${file.fileName}`} className="mt-2 max-h-80 rounded border border-slate-200" loading="lazy" />;
  }
  if (type.startsWith('video/')) {
    return (
      <video controls preload="metadata" src={src} className="mt-2 max-h-96 w-full rounded bg-black" aria-label={`Video: ${file.fileName}`}>
        {captionsId ? <track kind="captions" src={`/files/${captionsId}/captions`} label="Captions" default /> : <track kind="captions" />}
        Your browser cannot play this video. Use the download link instead.
      </video>
    );
  }
  if (type.startsWith('audio/')) return <audio controls preload="metadata" src={src} className="mt-2 w-full" aria-label={`Audio: ${file.fileName}`} />;
  if (type === 'application/pdf') {
    return <PdfPreview src={src} fileName={file.fileName} />;
  }
  return null;
}
