'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { acceptAttribute, FILE_KIND_INFO, formatBytes, MAX_CAPTIONS_BYTES, type EvidenceKind } from '@/lib/evidence/file-types';
import { completeUploadAction, presignPartsAction, removeFileAction, requestUploadAction } from '@/app/apply/[slug]/actions';
import { isUploadRunning, pickFiles } from '@/components/evidence/pick-files';

type Upload = {
  key: string;
  file: File;
  fileId?: string;
  progress: number;
  status: 'uploading' | 'checking' | 'done' | 'failed' | 'cancelled';
  error?: string;
  abort?: () => void;
};

/** A multipart upload's parts already in storage, kept so that Retry sends only the rest. */
type Resumable = { fileId: string; partSize: number; partCount: number; etags: Map<number, string> };

/** Parts signed together, right before they are sent (an upload URL lives 15 minutes). */
const PART_CONCURRENCY = 3;
const PART_ATTEMPTS = 3;

/** Storage refused a request (a 403 is usually an upload URL that expired). */
class StorageRefused extends Error {
  constructor(readonly status: number) {
    super(`Storage answered ${status}`);
  }
}

/** The server answered with a reason: shown as is; the upload cannot be resumed. */
class ServerRefused extends Error {}

function putWithProgress(url: string, body: Blob, contentType: string | null, onProgress: (loaded: number) => void, register: (abort: () => void) => void) {
  return new Promise<string | null>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(xhr.getResponseHeader('ETag')) : reject(new StorageRefused(xhr.status)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    register(() => xhr.abort());
    xhr.send(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signParts(fileId: string, partNumbers: number[]): Promise<Map<number, string>> {
  const signed = await presignPartsAction({ fileId, partNumbers });
  if (!signed.ok || !signed.data) throw new ServerRefused((!signed.ok && signed.formError) || 'The upload could not continue.');
  return new Map(signed.data.map((s) => [s.partNumber, s.url]));
}

/**
 * Sends the parts not yet in storage, a few at a time, each signed just before it goes. A part
 * that fails (a 403 from an expired URL, a dropped connection) is signed again and retried. Parts
 * that arrived are recorded in `upload.etags` as they finish, so a later Retry skips them.
 */
async function sendMissingParts(upload: Resumable, file: File, opts: { onProgress: (fraction: number) => void; register: (abort: () => void) => void; cancelled: () => boolean }) {
  const partLength = (n: number) => Math.min(upload.partSize, file.size - (n - 1) * upload.partSize);
  const inFlight = new Map<number, number>();
  const report = () => {
    let sent = 0;
    for (const n of upload.etags.keys()) sent += partLength(n);
    for (const l of inFlight.values()) sent += l;
    opts.onProgress(sent / file.size);
  };
  // Once one part has failed for good, the others of its batch stop too (and are not retried).
  const failure: { happened: boolean; error?: unknown } = { happened: false };
  const aborts = new Set<() => void>();
  const register = (abort: () => void) => {
    aborts.add(abort);
    opts.register(abort);
  };

  async function sendPart(n: number, signedUrl: string | undefined) {
    const start = (n - 1) * upload.partSize;
    const blob = file.slice(start, start + partLength(n));
    let url = signedUrl;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!url) throw new ServerRefused('The upload could not continue.');
        const etag = await putWithProgress(url, blob, null, (l) => { inFlight.set(n, l); report(); }, register);
        if (!etag) throw new Error('Storage did not confirm a part (missing ETag).');
        upload.etags.set(n, etag);
        return;
      } catch (e) {
        if (failure.happened || opts.cancelled() || e instanceof ServerRefused || attempt >= PART_ATTEMPTS) throw e;
        await sleep(1000 * attempt);
        if (failure.happened || opts.cancelled()) throw e;
        // The URL may have expired meanwhile, or been the reason for a 403: sign this part again.
        url = (await signParts(upload.fileId, [n])).get(n);
      } finally {
        inFlight.delete(n);
        report();
      }
    }
  }

  report();
  const missing = Array.from({ length: upload.partCount }, (_, i) => i + 1).filter((n) => !upload.etags.has(n));
  for (let i = 0; i < missing.length; i += PART_CONCURRENCY) {
    const batch = missing.slice(i, i + PART_CONCURRENCY);
    const urls = await signParts(upload.fileId, batch);
    await Promise.all(
      batch.map((n) =>
        sendPart(n, urls.get(n)).catch((error: unknown) => {
          if (failure.happened) return;
          failure.happened = true;
          failure.error = error;
          aborts.forEach((abort) => abort());
        }),
      ),
    );
    if (failure.happened) throw failure.error;
  }
}

/**
 * Uploads straight from the browser to S3 with presigned URLs (multipart for big files), with a
 * progress bar, cancel and retry per file; Retry of a big file sends only the parts still missing.
 * The server only hands out URLs and checks the result. Screen readers hear when an upload starts,
 * fails or is done (not every percent): the bar carries the percentage. Files beyond the part's
 * limit are not uploaded, and the uploader says which (on screen and read out).
 *
 * `remaining`: how many more files the part takes; `captionsRemaining`: how many more captions
 * files (one per video, outside the part's count), for parts that take video.
 */
export function FileUploader({ attemptId, partId, partTitle, allowedTypes, maxFileBytes, remaining, captionsRemaining = 0 }: { attemptId: string; partId: string; partTitle: string; allowedTypes: EvidenceKind[]; maxFileBytes: number; remaining: number; captionsRemaining?: number }) {
  const router = useRouter();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcements, setAnnouncements] = useState<{ id: number; text: string }[]>([]);
  // Files left out of the last pick (over the part's limit), shown until the next pick.
  const [notAdded, setNotAdded] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const resumable = useRef(new Map<string, Resumable>());
  const announcementId = useRef(0);
  const update = (key: string, patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  // Appended, not replaced: two files finishing together are both read out.
  const announce = (text: string) => setAnnouncements((list) => [...list.slice(-4), { id: ++announcementId.current, text }]);

  // Leaving or reloading the page stops an upload midway: while one runs, the browser asks first.
  const running = uploads.some((u) => isUploadRunning(u.status));
  useEffect(() => {
    if (!running) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // For browsers that only warn when returnValue is set.
      e.returnValue = true;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [running]);

  async function run(u: Upload) {
    const aborters = new Set<() => void>();
    let cancelled = false;
    update(u.key, { status: 'uploading', progress: 0, error: undefined, abort: () => { cancelled = true; aborters.forEach((a) => a()); } });
    announce(`Uploading ${u.file.name}.`);
    const fail = (error: string) => {
      update(u.key, { status: 'failed', error });
      announce(`${u.file.name} was not uploaded. The reason is in the list of uploads.`);
    };
    const register = (abort: () => void) => aborters.add(abort);
    try {
      let multipart = resumable.current.get(u.key);
      let fileId = multipart?.fileId;
      if (!multipart) {
        // Nothing to resume: a file left from an earlier try goes, and the upload starts over.
        if (u.fileId) await removeFileAction({ fileId: u.fileId });
        const ticket = await requestUploadAction({ attemptId, partId, fileName: u.file.name, contentType: u.file.type || 'application/octet-stream', size: u.file.size });
        if (!ticket.ok || !ticket.data) return fail((!ticket.ok && (ticket.formError ?? Object.values(ticket.fieldErrors ?? {})[0]?.[0])) || 'The upload could not start.');
        const t = ticket.data;
        fileId = t.fileId;
        update(u.key, { fileId });
        if (t.mode === 'single') {
          await putWithProgress(t.url, u.file, t.contentType, (loaded) => update(u.key, { progress: loaded / u.file.size }), register);
        } else {
          multipart = { fileId, partSize: t.partSize, partCount: t.partCount, etags: new Map() };
          resumable.current.set(u.key, multipart);
        }
      }
      if (!fileId) return fail('The upload could not start.');
      if (multipart) {
        await sendMissingParts(multipart, u.file, { onProgress: (progress) => update(u.key, { progress }), register, cancelled: () => cancelled });
      }
      update(u.key, { status: 'checking', progress: 1 });
      const parts = multipart ? [...multipart.etags].map(([partNumber, etag]) => ({ partNumber, etag })) : undefined;
      const done = await completeUploadAction({ fileId, parts });
      if (!done.ok) {
        resumable.current.delete(u.key);
        return fail(done.formError ?? 'The file was not accepted.');
      }
      resumable.current.delete(u.key);
      update(u.key, { status: 'done' });
      announce(`${u.file.name} uploaded.`);
      router.refresh();
    } catch (e) {
      if (cancelled) return;
      if (e instanceof ServerRefused) {
        resumable.current.delete(u.key);
        return fail(e.message);
      }
      const msg = e instanceof Error && e.message === 'network'
        ? 'The connection dropped during the upload. Your answers are saved; press Retry when you are back online.'
        : 'The upload failed. Your answers are saved; press Retry.';
      fail(msg);
    }
  }

  async function cancel(u: Upload) {
    u.abort?.();
    resumable.current.delete(u.key);
    update(u.key, { status: 'cancelled' });
    if (u.fileId) await removeFileAction({ fileId: u.fileId });
    setUploads((list) => list.filter((x) => x.key !== u.key));
    router.refresh();
  }

  function onFiles(files: FileList | null) {
    if (!files) return;
    const { others, captions, notAdded: left } = pickFiles(Array.from(files), remaining, captionsRemaining);
    setNotAdded(left);
    left.forEach(announce);
    const toUpload = (file: File) => ({ key: `${file.name}-${file.size}-${Math.random()}`, file, progress: 0, status: 'uploading' as const });
    const first = others.map(toUpload);
    const then = captions.map(toUpload);
    setUploads((list) => [...list, ...first, ...then]);
    void Promise.all(first.map((u) => run(u))).then(() => then.forEach((u) => void run(u)));
    if (inputRef.current) inputRef.current.value = '';
  }

  const inputId = `file-${partId}`;
  return (
    <div className="mt-3">
      <label htmlFor={inputId} className="block text-sm font-semibold">
        Add files to “{partTitle}”
      </label>
      <p id={`${inputId}-hint`} className="text-sm text-slate-700">
        Accepted: {allowedTypes.filter((k) => k !== 'captions').map((k) => FILE_KIND_INFO[k].label).join('; ')}. Up to {formatBytes(maxFileBytes)} each. {remaining > 0 ? `You can add ${remaining} more.` : 'You have reached the limit for this part.'}
        {allowedTypes.includes('captions') ? ` Captions for a video (WebVTT, .vtt, up to ${formatBytes(Math.min(MAX_CAPTIONS_BYTES, maxFileBytes))}) do not count: add one per video, named like the video.` : ''}
      </p>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        disabled={remaining <= 0 && captionsRemaining <= 0}
        accept={acceptAttribute(allowedTypes)}
        aria-describedby={notAdded.length ? `${inputId}-hint ${inputId}-not-added` : `${inputId}-hint`}
        onChange={(e) => onFiles(e.target.files)}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-700 file:px-3 file:py-2 file:font-semibold file:text-white"
      />
      {notAdded.length ? (
        <div id={`${inputId}-not-added`} className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {notAdded.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      ) : null}
      {/* Always mounted, so screen readers pick up what is added to it. */}
      <div role="status" aria-live="polite" className="sr-only">
        {announcements.map((a) => (
          <p key={a.id}>{a.text}</p>
        ))}
      </div>
      {uploads.length ? (
        <ul className="mt-3 space-y-2" aria-label="Uploads in progress">
          {uploads.filter((u) => u.status !== 'done').map((u) => {
            const percent = Math.round(u.progress * 100);
            const errorId = `${inputId}-${u.key}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
            return (
              <li key={u.key} className="rounded-md border border-slate-200 bg-white p-3">
                <div className="flex items-center justify-between gap-2 text-sm">
                  <span className="truncate font-medium">{u.file.name}</span>
                  <span className="text-slate-700">{formatBytes(u.file.size)}</span>
                </div>
                <div className="mt-2">
                  <div
                    role="progressbar"
                    aria-label={`Upload of ${u.file.name}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                    aria-valuetext={u.status === 'checking' ? 'Uploaded; checking the file' : u.status === 'failed' ? `Stopped at ${percent}%` : `${percent}%`}
                    className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
                  >
                    <div className={`h-full rounded-full ${u.status === 'failed' ? 'bg-red-600' : 'bg-brand-600'}`} style={{ width: `${percent}%` }} />
                  </div>
                </div>
                <div className="mt-2 flex items-center justify-between gap-2 text-sm">
                  <span id={errorId} className={u.status === 'failed' ? 'font-medium text-red-700' : 'text-slate-700'}>
                    {u.status === 'uploading' ? (
                      <>
                        Uploading… <span aria-hidden="true">{percent}%</span>
                      </>
                    ) : null}
                    {u.status === 'checking' ? 'Checking the file…' : null}
                    {u.status === 'failed' ? u.error : null}
                  </span>
                  <span className="flex gap-2">
                    {u.status === 'failed' ? (
                      <button type="button" onClick={() => void run(u)} aria-describedby={errorId} className="font-semibold text-brand-700 underline">
                        Retry<span className="sr-only"> {u.file.name}</span>
                      </button>
                    ) : null}
                    <button type="button" onClick={() => void cancel(u)} aria-describedby={u.status === 'failed' ? errorId : undefined} className="font-semibold text-slate-800 underline">
                      {u.status === 'failed' ? 'Remove' : 'Cancel'}<span className="sr-only"> {u.status === 'failed' ? u.file.name : `the upload of ${u.file.name}`}</span>
                    </button>
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
