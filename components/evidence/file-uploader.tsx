'use client';

import { useEffect, useLayoutEffect, useRef, useState, useTransition } from 'react';
import { flushSync } from 'react-dom';
import { useRouter } from 'next/navigation';
import { acceptAttribute, FILE_KIND_INFO, formatBytes, MAX_CAPTIONS_BYTES, STOPPED_UPLOAD_MINUTES, type EvidenceKind } from '@/lib/evidence/file-types';
import { completeUploadAction, presignPartsAction, removeFileAction, requestUploadAction } from '@/app/apply/[slug]/actions';
import { type RunRecord, UploadRuns } from '@/components/evidence/upload-runs';
import { type Leaving, leavingAfter, leavingWords, progressValueText, startLeaving } from '@/components/evidence/upload-row';
import { startAfresh } from '@/components/evidence/upload-start';
import { failedUploadHoldsPlace, isCaptionsFile, isUploadRunning, pickFiles, roomLeft } from '@/components/evidence/pick-files';
import { removedText } from '@/components/evidence/removal';
import { releaseUpload, trackUpload } from '@/components/evidence/upload-registry';
import { nextAnnouncement, type UploadAnnouncement } from '@/components/evidence/upload-announcement';
import { OutcomeRegions } from '@/components/ui/outcome-regions';
import { canRetryUpload, classifyFailure, ServerRefused, TransferError, waitForOnline, withRetries, type UploadStop } from '@/components/evidence/upload-retry';

type Upload = {
  key: string;
  file: File;
  fileId?: string;
  /** When the server made `fileId` (as its answer came back): a failed upload's file holds its place for a while (roomLeft). */
  startedAt?: number;
  progress: number;
  status: 'uploading' | 'checking' | 'done' | 'failed';
  /**
   * Cancel or Remove was pressed: the row says so and stays, holding its place in the part as its
   * status says (roomLeft), until its upload has stopped and the file it held is removed.
   */
  leaving?: Leaving;
  /** Paused while the browser is offline; goes on by itself when the connection is back. */
  waiting?: boolean;
  error?: string;
  /** Where a failed upload stopped. For a file the app stopped, whether it rejected the file comes from the page (`rejectedFileIds`). */
  stop?: Exclude<UploadStop, { at: 'file' }> | { at: 'file' };
  abort?: () => void;
};

/**
 * Whether a failed upload offers Retry (canRetryUpload). A file the app stopped is decided by the
 * page once it is drawn afresh (`checking` until then): rejected (its type, size or content), the
 * file is removed, not sent again; still pending (storage unreachable, parts missing), it is.
 */
export function offersRetry(u: Pick<Upload, 'status' | 'stop' | 'fileId'>, rejectedFileIds: readonly string[], checking: boolean): boolean {
  if (u.status !== 'failed' || !u.stop) return false;
  if (u.stop.at !== 'file') return canRetryUpload(u.stop);
  return !checking && canRetryUpload({ at: 'file', rejected: Boolean(u.fileId && rejectedFileIds.includes(u.fileId)) });
}

/**
 * Why the app would not start an upload, in words for the file's row: the field's own message ("That
 * file is empty.") before the form's general one ("Some fields need attention."), which says nothing
 * about a file on its own.
 */
export function refusalText(r: { formError?: string; fieldErrors?: Record<string, string[]> }): string {
  return Object.values(r.fieldErrors ?? {}).find((m) => m.length)?.[0] ?? r.formError ?? 'The upload could not start.';
}

/**
 * Why an upload failed, as said under the file's name: the server's reasons start with the name in
 * quotes (“lesson.exe” is not an accepted type…), which the row already shows, so it becomes "That
 * file …"; "“a.pdf” was not added: this part already has…" keeps only what follows.
 */
export function failureReason(fileName: string, reason: string): string {
  const named = `“${fileName}” `;
  if (!reason.startsWith(named)) return reason;
  const rest = reason.slice(named.length);
  const notAdded = 'was not added: ';
  if (!rest.startsWith(notAdded)) return `That file ${rest}`;
  const why = rest.slice(notAdded.length);
  return why.charAt(0).toUpperCase() + why.slice(1);
}

/** A multipart upload's parts already in storage, kept so that Retry sends only the rest. */
type Resumable = { fileId: string; partSize: number; partCount: number; etags: Map<number, string> };

/** Parts signed together, right before they are sent (an upload URL lives 15 minutes). */
const PART_CONCURRENCY = 3;

/** Why a request in flight is stopped: the teacher cancelled, or the browser went offline (tried again later). */
type StopReason = 'cancel' | 'offline';

/** What one upload's requests share: how to stop them, and whether it was cancelled. */
type Transfer = {
  signal: AbortSignal;
  /** Registers a way to stop a request in flight; returns how to unregister it once it settled. */
  register: (stop: (why: StopReason) => void) => () => void;
  onWaiting: (waiting: boolean) => void;
};

/**
 * Sends `body` to storage with one PUT, reporting the bytes sent. Not sent at all once the upload was
 * cancelled: a part signed while Cancel was pressed would otherwise go (and the parts after it), and
 * Cancel, which waits for the upload to stop, would wait for all of them.
 */
export function putWithProgress(url: string, body: Blob, contentType: string | null, onProgress: (loaded: number) => void, transfer: Pick<Transfer, 'signal' | 'register'>) {
  return new Promise<string | null>((resolve, reject) => {
    if (transfer.signal.aborted) return reject(new TransferError({ kind: 'cancelled' }));
    const xhr = new XMLHttpRequest();
    let why: StopReason = 'cancel';
    xhr.open('PUT', url);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    const settled = transfer.register((reason) => {
      why = reason;
      xhr.abort();
    });
    xhr.onload = () => {
      settled();
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader('ETag'));
      else reject(new TransferError({ kind: 'status', status: xhr.status }));
    };
    xhr.onerror = () => {
      settled();
      reject(new TransferError({ kind: 'network' }));
    };
    // Stopped because the browser went offline: a network failure, sent again once back online.
    xhr.onabort = () => {
      settled();
      reject(new TransferError(why === 'offline' ? { kind: 'network' } : { kind: 'cancelled' }));
    };
    xhr.send(body);
  });
}

const browser = {
  isOnline: () => navigator.onLine,
  events: { addEventListener: (type: string, l: () => void) => window.addEventListener(type, l), removeEventListener: (type: string, l: () => void) => window.removeEventListener(type, l) },
};

/** A request retried on a dropped connection (with backoff) and paused while offline (nextStep). */
function retrying<T>(transfer: Transfer, send: (fresh: boolean) => Promise<T>, opts: { canResign: boolean; stopped?: () => boolean }) {
  return withRetries(send, { ...browser, ...opts, signal: transfer.signal, onWaiting: transfer.onWaiting });
}

async function signParts(fileId: string, partNumbers: number[]): Promise<Map<number, string>> {
  const signed = await presignPartsAction({ fileId, partNumbers });
  if (!signed.ok || !signed.data) throw new ServerRefused((!signed.ok && signed.formError) || 'The upload could not continue.');
  return new Map(signed.data.map((s) => [s.partNumber, s.url]));
}

/**
 * Sends the parts not yet in storage, a few at a time, each signed just before it goes. A part
 * that fails (a dropped connection, a 403 from an expired URL) is signed again and sent again on
 * its own after a pause, a few times; while the browser is offline it waits for the connection.
 * Parts that arrived are recorded in `upload.etags` as they finish, so a later Retry skips them.
 */
async function sendMissingParts(upload: Resumable, file: File, opts: { onProgress: (fraction: number) => void; transfer: Transfer }) {
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
  const transfer: Transfer = {
    ...opts.transfer,
    register: (stop) => {
      const unregister = opts.transfer.register(stop);
      const abort = () => stop('cancel');
      aborts.add(abort);
      return () => {
        aborts.delete(abort);
        unregister();
      };
    },
  };

  async function sendPart(n: number, signedUrl: string | undefined) {
    const start = (n - 1) * upload.partSize;
    const blob = file.slice(start, start + partLength(n));
    let url = signedUrl;
    await retrying(
      transfer,
      async (fresh) => {
        // The URL may have expired meanwhile, or been the reason for a 403: sign this part again.
        if (!url || fresh) url = (await signParts(upload.fileId, [n])).get(n);
        if (!url) throw new ServerRefused('The upload could not continue.');
        try {
          const etag = await putWithProgress(url, blob, null, (l) => { inFlight.set(n, l); report(); }, transfer);
          if (!etag) throw new Error('Storage did not confirm a part (missing ETag).');
          upload.etags.set(n, etag);
        } finally {
          inFlight.delete(n);
          report();
        }
      },
      { canResign: true, stopped: () => failure.happened },
    );
  }

  report();
  const missing = Array.from({ length: upload.partCount }, (_, i) => i + 1).filter((n) => !upload.etags.has(n));
  for (let i = 0; i < missing.length; i += PART_CONCURRENCY) {
    const batch = missing.slice(i, i + PART_CONCURRENCY);
    // Signed together when the connection allows; otherwise each part signs its own when it can.
    const urls = await signParts(upload.fileId, batch).catch((e: unknown) => {
      if (classifyFailure(e).kind === 'refused') throw e;
      return new Map<number, string>();
    });
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

/** What is read out when a row goes: Remove on a failed upload, Cancel on one under way. */
export function rowGoneText(fileName: string, failed: boolean) {
  return failed ? removedText(fileName) : `Upload of ${fileName} cancelled.`;
}

/** What is read out, in the uploader's alert region, when an upload fails: the file and the reason itself. */
export function failureText(fileName: string, error: string | undefined): string {
  return `${fileName} was not uploaded: ${failureReason(fileName, error ?? 'The upload failed.')}`;
}

/**
 * What a row says under its bar. Its live part is mounted with the row, so a screen reader reads
 * out, once, when the upload pauses for the connection, and when Cancel or Remove was pressed and
 * the row waits for the upload to stop and its file to go ("Cancelling…": `leaving`, which is all it
 * says then). A failure is shown here (the file's name for screen readers, then the reason itself,
 * which Retry and Remove point to) but read out by the uploader's alert region (failureText), as an
 * error: not here too, where it would be said twice.
 */
export function UploadRowStatus({ id, fileName, status, waiting, percent, error, leaving }: { id: string; fileName: string; status: Upload['status']; waiting: boolean; percent: number; error?: string; leaving?: Leaving }) {
  if (leaving) {
    return (
      <span id={id} className="font-medium text-slate-700">
        <span aria-live="polite" aria-atomic="true">
          <span className="sr-only">{fileName}: </span>
          {leavingWords(leaving)}
        </span>
      </span>
    );
  }
  const failed = status === 'failed';
  return (
    <span id={id} className={failed ? 'font-medium text-red-700' : 'text-slate-700'}>
      <span aria-live="polite" aria-atomic="true" className={waiting ? 'font-medium text-amber-900' : undefined}>
        {waiting ? 'Waiting for the connection…' : null}
      </span>
      {failed ? (
        <>
          <span className="sr-only">{fileName} was not uploaded: </span>
          {failureReason(fileName, error ?? 'The upload failed.')}
        </>
      ) : null}
      {/* The bar's colour is not the only sign of how far it got: the figure shows while paused too. */}
      {waiting ? <span aria-hidden="true"> Paused at {percent}%</span> : null}
      {status === 'uploading' && !waiting ? (
        <>
          Uploading… <span aria-hidden="true">{percent}%</span>
        </>
      ) : null}
      {status === 'checking' && !waiting ? 'Checking the file…' : null}
    </span>
  );
}

/**
 * What the uploader reads out: its one message (nextAnnouncement), in one of two regions that are
 * always on the page (OutcomeRegions, ADR 021), shown to screen readers only (the rows and the list
 * of files not added show the same on screen). Progress, a finished upload, a cancel or a removal
 * go in the polite one; a file that was not uploaded in the alert one. Keyed by `n`, so the same
 * words said again are read again.
 */
export function UploadAnnouncements({ said }: { said: UploadAnnouncement | null }) {
  return (
    <OutcomeRegions assertive={said?.assertive} focusClassName="sr-only">
      {said ? <p key={said.n}>{said.text}</p> : null}
    </OutcomeRegions>
  );
}

/**
 * Where focus goes when a row's Cancel or Remove takes the row (and the pressed button) away: the
 * file picker, unless it is disabled (the part still counts as full until the page refreshes),
 * else the part's uploader as a whole.
 */
export function focusAfterRowGone<T extends { focus: () => void }>(picker: (T & { disabled: boolean }) | null, uploader: T | null): T | null {
  return picker && !picker.disabled ? picker : uploader;
}

/**
 * Whether focus went with a row that has gone (it was on the row's Cancel or Remove, which stay,
 * focusable, while the row waits): then it is moved (focusAfterRowGone). Not when the teacher has
 * moved on meanwhile, e.g. to the file picker to choose another file.
 */
export function focusWentWithRow(active: { isConnected: boolean } | null, body: unknown): boolean {
  return !active || active === body || !active.isConnected;
}

/**
 * A row's Cancel (an upload under way) or Remove (a failed one, described by its reason). Once
 * pressed (`leaving`), it says what it was and does nothing more, but stays enabled for assistive
 * technology (aria-disabled) so focus stays on it while the row waits, and is described by the row's
 * "Cancelling…" or "Removing…".
 */
export function RowEndButton({ id, fileName, failed, leaving, statusId, onPress }: { id: string; fileName: string; failed: boolean; leaving?: Leaving; statusId: string; onPress: () => void }) {
  const remove = leaving ? leaving === 'remove' : failed;
  return (
    <button
      id={id}
      type="button"
      aria-disabled={leaving ? true : undefined}
      onClick={leaving ? undefined : onPress}
      aria-describedby={remove || leaving ? statusId : undefined}
      className="font-semibold text-slate-800 underline aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
    >
      {remove ? 'Remove' : 'Cancel'}<span className="sr-only"> {remove ? fileName : `the upload of ${fileName}`}</span>
    </button>
  );
}

/**
 * Uploads straight from the browser to S3 with presigned URLs (multipart for big files), with a
 * progress bar, cancel and retry per file; Retry of a big file sends only the parts still missing.
 * A dropped connection is tried again by itself, part by part, and while the browser is offline the
 * upload waits for the connection (said in its progress area). The server only hands out URLs and
 * checks the result. Screen readers hear when an upload starts (once the server took it), is done
 * (not every percent: the bar carries the percentage) or fails, with the reason, as an error
 * (UploadAnnouncements). Files the part would refuse (empty, a type it does not take, too large)
 * and files beyond its limit are not started: the uploader says which and why, on screen and as an
 * error read out. The files it handles are in the upload registry, so the page's file list leaves
 * them to it.
 *
 * `remaining`: how many more files the part takes, counting `countedFileIds` (the part's files
 * that hold a place: uploaded, or on their way and not stopped); `captionsRemaining`: how many
 * more captions files (one per video, outside the part's count), for parts that take video;
 * `rejectedFileIds`: the part's files the app rejected (Retry is not offered for those).
 */
export function FileUploader({ attemptId, partId, partTitle, allowedTypes, maxFileBytes, remaining, countedFileIds = [], captionsRemaining = 0, rejectedFileIds = [] }: { attemptId: string; partId: string; partTitle: string; allowedTypes: EvidenceKind[]; maxFileBytes: number; remaining: number; countedFileIds?: string[]; captionsRemaining?: number; rejectedFileIds?: string[] }) {
  const router = useRouter();
  // The page drawn afresh after the app stopped a file says whether it rejected it.
  const [checking, startChecking] = useTransition();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [said, setSaid] = useState<UploadAnnouncement | null>(null);
  // Files left out of the last pick (refused outright, or over the part's limit), shown until the next pick.
  const [notAdded, setNotAdded] = useState<string[]>([]);
  // Files this uploader removed from the server (Remove, Cancel, a Retry starting over) that the
  // page, until drawn afresh, still counts in `remaining`: their places are free already.
  const [released, setReleased] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const groupRef = useRef<HTMLDivElement>(null);
  const resumable = useRef(new Map<string, Resumable>());
  const [runs] = useState(() => new UploadRuns());
  // The message on the page (its `n`), set as React puts it there: one said after it replaces it.
  const shown = useRef(0);
  // Requests to stop when the browser goes offline (they are sent again once it is back).
  const offlineStops = useRef(new Set<() => void>());
  const mounted = useRef(true);
  const latest = useRef<Upload[]>([]);
  const update = (key: string, patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  // Replaced, not appended (the regions keep no old lines to read again); two messages of the same
  // render (two files finishing together) are said together (nextAnnouncement).
  const announce = (text: string, { assertive = false }: { assertive?: boolean } = {}) =>
    setSaid((previous) => nextAnnouncement(previous, text, assertive, previous === null || previous.n === shown.current));
  useLayoutEffect(() => {
    shown.current = said?.n ?? 0;
  }, [said]);

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

  // A request in flight when the connection goes may hang rather than fail: stopped at once, and
  // sent again when the browser is back online.
  useEffect(() => {
    const stops = offlineStops.current;
    const goneOffline = () => stops.forEach((stop) => stop());
    window.addEventListener('offline', goneOffline);
    return () => window.removeEventListener('offline', goneOffline);
  }, []);

  useEffect(() => {
    latest.current = uploads;
  }, [uploads]);
  // Once this uploader is gone, a failed upload it held is shown by the file list again (with its
  // Remove); those still running carry on and are let go if they fail.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      for (const u of latest.current) if (u.fileId && u.status === 'failed') releaseUpload(u.fileId);
    };
  }, []);

  /** Whether keyboard focus is in this part's uploader (the picker, a row's button, the group itself). */
  const focusIsHere = () => Boolean(groupRef.current?.contains(document.activeElement));

  /** Removes a file left on the server; if that fails, the file list offers to remove it instead. */
  async function dropFile(fileId: string, file: File) {
    const removed = await removeFileAction({ fileId }).catch(() => null);
    if (!removed?.ok) releaseUpload(fileId);
    // Captions hold no place in the part's count.
    else if (!isCaptionsFile(file)) setReleased((list) => [...list, fileId]);
  }

  const run = (u: Upload) => runs.start(u.key, u.fileId, (record) => upload(u, record));

  async function upload(u: Upload, record: RunRecord) {
    const controller = new AbortController();
    const stops = new Set<(why: StopReason) => void>();
    let waiting = 0;
    let fileId = u.fileId;
    // Cancel removes the file this upload holds once it has stopped (UploadRuns), so it is told of each.
    const holding = (id: string | undefined) => {
      fileId = id;
      record.setFileId(id);
    };
    const transfer: Transfer = {
      signal: controller.signal,
      register: (stop) => {
        const offline = () => stop('offline');
        stops.add(stop);
        offlineStops.current.add(offline);
        return () => {
          stops.delete(stop);
          offlineStops.current.delete(offline);
        };
      },
      onWaiting: (on) => {
        waiting += on ? 1 : -1;
        update(u.key, { waiting: waiting > 0 });
      },
    };
    const cancelled = () => controller.signal.aborted;
    update(u.key, {
      status: 'uploading', progress: 0, error: undefined, stop: undefined, waiting: false,
      abort: () => {
        controller.abort();
        stops.forEach((stop) => stop('cancel'));
      },
    });
    // Said once the file is on its way: not for a file the server refuses at the start.
    const started = () => announce(`Uploading ${u.file.name}.`);
    const fail = (error: string, stop: NonNullable<Upload['stop']>) => {
      // The teacher cancelled: the row is going, nothing to say about it.
      if (cancelled()) return;
      // Shown in the row (UploadRowStatus), read out as an error, reason and all.
      update(u.key, { status: 'failed', error, stop, waiting: false });
      announce(failureText(u.file.name, error), { assertive: true });
      if (!mounted.current && fileId) releaseUpload(fileId);
      else if (stop.at === 'file') startChecking(() => router.refresh());
    };
    try {
      let multipart = resumable.current.get(u.key);
      if (multipart) {
        holding(multipart.fileId);
        started();
      } else {
        // Nothing to resume: a file left from an earlier try goes, and the upload starts over; not
        // once the row was cancelled meanwhile (startAfresh).
        const oldFileId = u.fileId;
        const ticket = await startAfresh({
          dropOld: oldFileId ? () => dropFile(oldFileId, u.file) : null,
          forgetOld: () => {
            holding(undefined);
            // The row has no file on the server until the new one is made (nor a place held by the old one).
            update(u.key, { fileId: undefined, startedAt: undefined });
          },
          // Not sent twice (each request starts a file): offline, it waits for the connection first.
          waitOnline: async () => {
            if (navigator.onLine) return;
            transfer.onWaiting(true);
            await waitForOnline(browser, controller.signal).finally(() => transfer.onWaiting(false));
          },
          request: () => requestUploadAction({ attemptId, partId, fileName: u.file.name, contentType: u.file.type || 'application/octet-stream', size: u.file.size }),
          cancelled,
        });
        if (!ticket) return;
        if (!ticket.ok) return fail(refusalText(ticket), { at: 'start', code: ticket.code });
        const t = ticket.data;
        holding(t.fileId);
        trackUpload(t.fileId);
        update(u.key, { fileId: t.fileId, startedAt: Date.now() });
        // Cancelled while the upload was being started: Cancel removes the file it started.
        if (cancelled()) return;
        started();
        if (t.mode === 'single') {
          await retrying(transfer, () => putWithProgress(t.url, u.file, t.contentType, (loaded) => update(u.key, { progress: loaded / u.file.size }), transfer), { canResign: false });
        } else {
          multipart = { fileId: t.fileId, partSize: t.partSize, partCount: t.partCount, etags: new Map() };
          resumable.current.set(u.key, multipart);
        }
      }
      if (!fileId) return fail('The upload could not start.', { at: 'start', code: null });
      if (multipart) {
        await sendMissingParts(multipart, u.file, { onProgress: (progress) => update(u.key, { progress }), transfer });
      }
      update(u.key, { status: 'checking', progress: 1 });
      const parts = multipart ? [...multipart.etags].map(([partNumber, etag]) => ({ partNumber, etag })) : undefined;
      const completing = fileId;
      // Safe to send twice (completeUpload answers the same), so a dropped answer is asked again.
      const done = await retrying(transfer, () => completeUploadAction({ fileId: completing, parts }), { canResign: false });
      // Cancelled as it finished: not announced as uploaded, and Cancel removes it.
      if (cancelled()) return;
      if (!done.ok) {
        resumable.current.delete(u.key);
        return fail(done.formError ?? 'The file was not accepted.', { at: 'file' });
      }
      resumable.current.delete(u.key);
      // A finished row leaves the list (the page's file list shows the file): focus on its Cancel
      // would go with it, to the page. It goes to the picker, or the part's uploader, as after Cancel.
      const focusWasHere = focusIsHere();
      flushSync(() => update(u.key, { status: 'done', waiting: false }));
      if (focusWasHere && focusWentWithRow(document.activeElement, document.body)) focusAfterRowGone(inputRef.current, groupRef.current)?.focus();
      // After the move, which would otherwise cut it short.
      announce(`${u.file.name} uploaded.`);
      router.refresh();
    } catch (e) {
      if (cancelled()) return;
      if (e instanceof ServerRefused) {
        resumable.current.delete(u.key);
        return fail(e.message, fileId ? { at: 'file' } : { at: 'start', code: null });
      }
      const failure = classifyFailure(e);
      const msg = failure.kind === 'network'
        ? 'The connection dropped during the upload. Your answers are saved; press Retry when you are back online.'
        : 'The upload failed. Your answers are saved; press Retry.';
      fail(msg, { at: 'transfer', failure });
    }
  }

  /**
   * Cancel (an upload under way) and Remove (a failed one) take their row away once its upload has
   * stopped and the file it held is removed. Meanwhile the row says "Cancelling…" (or "Removing…"),
   * its button does nothing more but keeps focus, and it keeps its place in the part. Once the row
   * has gone, focus goes to the file picker, or this part's uploader when the picker is disabled
   * (the part is still full until the page is refreshed), unless the teacher has moved on; then what
   * happened is read out. Focus waits for the row to go: moved at once, it would find the picker
   * disabled in a full part (the row still holds its place), and the teacher would have nothing to
   * pick with once the place is free.
   */
  async function cancel(u: Upload) {
    if (u.leaving || runs.isCancelled(u.key)) return;
    const failed = u.status === 'failed';
    u.abort?.();
    resumable.current.delete(u.key);
    setUploads((list) => startLeaving(list, u.key, leavingAfter(failed)));
    // The row may have been drawn before the server named the upload's file: the upload says which.
    const left = await runs.cancel(u.key, u.fileId);
    if (left) await dropFile(left, u.file);
    // Drawn now, so that focus finds the picker as the row's going leaves it (enabled again, maybe).
    flushSync(() => setUploads((list) => list.filter((x) => x.key !== u.key)));
    if (focusWentWithRow(document.activeElement, document.body)) focusAfterRowGone(inputRef.current, groupRef.current)?.focus();
    // After the move, which would otherwise cut it short.
    announce(rowGoneText(u.file.name, failed));
    router.refresh();
  }

  // A failed upload's file holds its place on the server until STOPPED_UPLOAD_MINUTES after it
  // started: the hint is worked out again at that moment (`now`, moved on by a timer).
  const [now, setNow] = useState(() => Date.now());
  const nextPlaceFreed = Math.min(
    ...uploads.filter((u) => u.startedAt !== undefined && failedUploadHoldsPlace(u, rejectedFileIds, released, now)).map((u) => u.startedAt! + STOPPED_UPLOAD_MINUTES * 60_000),
  );
  useEffect(() => {
    if (!Number.isFinite(nextPlaceFreed)) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.max(0, nextPlaceFreed - Date.now()) + 1);
    return () => window.clearTimeout(timer);
  }, [nextPlaceFreed]);

  // Uploads running here still take their place, whatever the page counted, and failed ones while
  // the server still counts them; files removed here do not.
  const room = roomLeft(remaining, uploads, countedFileIds, released, { rejectedFileIds, now });

  function onFiles(files: FileList | null) {
    if (!files) return;
    const { others, captions, notAdded: left } = pickFiles(Array.from(files), room, captionsRemaining, { allowedTypes, maxFileBytes });
    setNotAdded(left);
    // An error to act on (these files were not uploaded): said in the alert region, all at once.
    if (left.length) announce(left.join(' '), { assertive: true });
    const toUpload = (file: File) => ({ key: `${file.name}-${file.size}-${Math.random()}`, file, progress: 0, status: 'uploading' as const });
    const first = others.map(toUpload);
    const then = captions.map(toUpload);
    setUploads((list) => [...list, ...first, ...then]);
    void Promise.all(first.map((u) => run(u))).then(() => then.forEach((u) => void run(u)));
    if (inputRef.current) inputRef.current.value = '';
  }

  // The picker is disabled once the part is full: by the files just chosen with it, or by the page
  // drawn afresh after an upload finished. A browser leaves focus on a disabled control for a moment
  // and then drops it to the page: it goes on to the part's uploader instead (focusAfterRowGone).
  const pickerOff = room <= 0 && captionsRemaining <= 0;
  useLayoutEffect(() => {
    if (pickerOff && document.activeElement === inputRef.current) focusAfterRowGone(inputRef.current, groupRef.current)?.focus();
  }, [pickerOff]);

  const inputId = `file-${partId}`;
  return (
    <div ref={groupRef} tabIndex={-1} role="group" aria-label={`Uploads for “${partTitle}”`} className="mt-3">
      <label id={`${inputId}-label`} htmlFor={inputId} className="block text-sm font-semibold">
        Add files to “{partTitle}”
      </label>
      <p id={`${inputId}-hint`} className="text-sm text-slate-700">
        Accepted: {allowedTypes.filter((k) => k !== 'captions').map((k) => FILE_KIND_INFO[k].label).join('; ')}. Up to {formatBytes(maxFileBytes)} each. {room > 0 ? `You can add ${room} more.` : 'You have reached the limit for this part.'}
        {allowedTypes.includes('captions') ? ` Captions for a video (WebVTT, .vtt, up to ${formatBytes(Math.min(MAX_CAPTIONS_BYTES, maxFileBytes))}) do not count: add one per video, named like the video.` : ''}
      </p>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        disabled={pickerOff}
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
      <UploadAnnouncements said={said} />
      {uploads.length ? (
        <ul className="mt-3 space-y-2" aria-label="Uploads in progress">
          {uploads.filter((u) => u.status !== 'done').map((u) => {
            const percent = Math.round(u.progress * 100);
            const waiting = Boolean(u.waiting) && isUploadRunning(u.status) && !u.leaving;
            const errorId = `${inputId}-${u.key}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
            const cancelId = `${inputId}-${u.key}-cancel`.replace(/[^A-Za-z0-9_-]/g, '_');
            const retry = !u.leaving && offersRetry(u, rejectedFileIds, checking);
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
                    aria-valuetext={progressValueText({ status: u.status, waiting, percent, leaving: u.leaving })}
                    className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
                  >
                    {/* amber-700: a paused bar against its grey track still stands out (WCAG 1.4.11; amber-500 did not). */}
                    <div className={`h-full rounded-full ${u.status === 'failed' ? 'bg-red-600' : waiting ? 'bg-amber-700' : 'bg-brand-600'}`} style={{ width: `${percent}%` }} />
                  </div>
                </div>
                <div className="mt-2 flex items-center justify-between gap-2 text-sm">
                  <UploadRowStatus id={errorId} fileName={u.file.name} status={u.status} waiting={waiting} percent={percent} error={u.error} leaving={u.leaving} />
                  <span className="flex gap-2">
                    {retry ? (
                      <button
                        type="button"
                        onClick={() => {
                          // Retry goes once the upload starts again: focus moves to the row's Cancel, which stays.
                          document.getElementById(cancelId)?.focus();
                          void run(u);
                        }}
                        aria-describedby={errorId}
                        className="font-semibold text-brand-700 underline"
                      >
                        Retry<span className="sr-only"> {u.file.name}</span>
                      </button>
                    ) : null}
                    <RowEndButton id={cancelId} fileName={u.file.name} failed={u.status === 'failed'} leaving={u.leaving} statusId={errorId} onPress={() => void cancel(u)} />
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
