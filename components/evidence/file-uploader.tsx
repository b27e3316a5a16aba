'use client';

import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { acceptAttribute, FILE_KIND_INFO, formatBytes, type FileKind } from '@/lib/evidence/file-types';
import { completeUploadAction, presignPartsAction, removeFileAction, requestUploadAction } from '@/app/apply/[slug]/actions';

type Upload = {
  key: string;
  file: File;
  fileId?: string;
  progress: number;
  status: 'uploading' | 'checking' | 'done' | 'failed' | 'cancelled';
  error?: string;
  abort?: () => void;
};

const PART_CONCURRENCY = 3;

function putWithProgress(url: string, body: Blob, contentType: string | null, onProgress: (loaded: number) => void, register: (abort: () => void) => void) {
  return new Promise<string | null>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(xhr.getResponseHeader('ETag')) : reject(new Error(`Storage answered ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    register(() => xhr.abort());
    xhr.send(body);
  });
}

/**
 * Uploads straight from the browser to S3 with presigned URLs (multipart for big files), with a
 * progress bar, cancel and retry per file. The server only hands out URLs and checks the result.
 */
export function FileUploader({ attemptId, partId, partTitle, allowedTypes, maxFileBytes, remaining }: { attemptId: string; partId: string; partTitle: string; allowedTypes: FileKind[]; maxFileBytes: number; remaining: number }) {
  const router = useRouter();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const update = (key: string, patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  async function run(u: Upload) {
    const aborters = new Set<() => void>();
    let cancelled = false;
    update(u.key, { status: 'uploading', progress: 0, error: undefined, abort: () => { cancelled = true; aborters.forEach((a) => a()); } });
    const fail = (error: string) => update(u.key, { status: 'failed', error });
    try {
      const ticket = await requestUploadAction({ attemptId, partId, fileName: u.file.name, contentType: u.file.type || 'application/octet-stream', size: u.file.size });
      if (!ticket.ok || !ticket.data) return fail((!ticket.ok && (ticket.formError ?? Object.values(ticket.fieldErrors ?? {})[0]?.[0])) || 'The upload could not start.');
      const t = ticket.data;
      update(u.key, { fileId: t.fileId });
      let parts: { partNumber: number; etag: string }[] | undefined;
      if (t.mode === 'single') {
        await putWithProgress(t.url, u.file, t.contentType, (loaded) => update(u.key, { progress: loaded / u.file.size }), (a) => aborters.add(a));
      } else {
        const loaded = new Map<number, number>();
        const report = () => update(u.key, { progress: [...loaded.values()].reduce((a, b) => a + b, 0) / u.file.size });
        parts = [];
        const numbers = Array.from({ length: t.partCount }, (_, i) => i + 1);
        for (let i = 0; i < numbers.length; i += 20) {
          const batch = numbers.slice(i, i + 20);
          const signed = await presignPartsAction({ fileId: t.fileId, partNumbers: batch });
          if (!signed.ok || !signed.data) return fail((!signed.ok && signed.formError) || 'The upload could not continue.');
          const queue = [...signed.data];
          const worker = async () => {
            for (let next = queue.shift(); next; next = queue.shift()) {
              const start = (next.partNumber - 1) * t.partSize;
              const blob = u.file.slice(start, Math.min(start + t.partSize, u.file.size));
              let etag: string | null = null;
              for (let attempt = 1; ; attempt++) {
                try {
                  etag = await putWithProgress(next.url, blob, null, (l) => { loaded.set(next!.partNumber, l); report(); }, (a) => aborters.add(a));
                  break;
                } catch (e) {
                  if (cancelled || attempt >= 3) throw e;
                  await new Promise((r) => setTimeout(r, 1000 * attempt));
                }
              }
              if (!etag) throw new Error('Storage did not confirm a part (missing ETag).');
              parts!.push({ partNumber: next.partNumber, etag });
            }
          };
          await Promise.all(Array.from({ length: PART_CONCURRENCY }, worker));
        }
      }
      update(u.key, { status: 'checking', progress: 1 });
      const done = await completeUploadAction({ fileId: t.fileId, parts });
      if (!done.ok) return fail(done.formError ?? 'The file was not accepted.');
      update(u.key, { status: 'done' });
      router.refresh();
    } catch (e) {
      if (cancelled) return;
      const msg = e instanceof Error && e.message === 'network'
        ? 'The connection dropped during the upload. Your answers are saved; press Retry when you are back online.'
        : 'The upload failed. Your answers are saved; press Retry.';
      fail(msg);
    }
  }

  async function cancel(u: Upload) {
    u.abort?.();
    update(u.key, { status: 'cancelled' });
    if (u.fileId) await removeFileAction({ fileId: u.fileId });
    setUploads((list) => list.filter((x) => x.key !== u.key));
    router.refresh();
  }

  async function retry(u: Upload) {
    if (u.fileId) await removeFileAction({ fileId: u.fileId });
    await run({ ...u, fileId: undefined });
  }

  function onFiles(files: FileList | null) {
    if (!files) return;
    const picked = Array.from(files).slice(0, Math.max(0, remaining));
    const added = picked.map((file) => ({ key: `${file.name}-${file.size}-${Math.random()}`, file, progress: 0, status: 'uploading' as const }));
    setUploads((list) => [...list, ...added]);
    added.forEach((u) => void run(u));
    if (inputRef.current) inputRef.current.value = '';
  }

  const inputId = `file-${partId}`;
  return (
    <div className="mt-3">
      <label htmlFor={inputId} className="block text-sm font-semibold">
        Add files to “{partTitle}”
      </label>
      <p id={`${inputId}-hint`} className="text-sm text-slate-700">
        Accepted: {allowedTypes.map((k) => FILE_KIND_INFO[k].label).join('; ')}. Up to {formatBytes(maxFileBytes)} each. {remaining > 0 ? `You can add ${remaining} more.` : 'You have reached the limit for this part.'}
      </p>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        disabled={remaining <= 0}
        accept={acceptAttribute(allowedTypes)}
        aria-describedby={`${inputId}-hint`}
        onChange={(e) => onFiles(e.target.files)}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
      />
      {uploads.length ? (
        <ul className="mt-3 space-y-2" aria-label="Uploads in progress">
          {uploads.filter((u) => u.status !== 'done').map((u) => (
            <li key={u.key} className="rounded-md border border-slate-200 bg-white p-3">
              <div className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate font-medium">{u.file.name}</span>
                <span className="text-slate-700">{formatBytes(u.file.size)}</span>
              </div>
              <div className="mt-2">
                <div role="progressbar" aria-label={`Upload of ${u.file.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(u.progress * 100)} className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
                  <div className={`h-full rounded-full ${u.status === 'failed' ? 'bg-red-600' : 'bg-brand-600'}`} style={{ width: `${Math.round(u.progress * 100)}%` }} />
                </div>
              </div>
              <div className="mt-2 flex items-center justify-between gap-2 text-sm" role="status" aria-live="polite">
                <span className={u.status === 'failed' ? 'font-medium text-red-700' : 'text-slate-700'}>
                  {u.status === 'uploading' ? `Uploading… ${Math.round(u.progress * 100)}%` : null}
                  {u.status === 'checking' ? 'Checking the file…' : null}
                  {u.status === 'failed' ? u.error : null}
                </span>
                <span className="flex gap-2">
                  {u.status === 'failed' ? (
                    <button type="button" onClick={() => void retry(u)} className="font-semibold text-brand-700 underline">
                      Retry<span className="sr-only"> {u.file.name}</span>
                    </button>
                  ) : null}
                  <button type="button" onClick={() => void cancel(u)} className="font-semibold text-slate-800 underline">
                    {u.status === 'failed' ? 'Remove' : 'Cancel'}<span className="sr-only"> {u.status === 'failed' ? u.file.name : `the upload of ${u.file.name}`}</span>
                  </button>
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
