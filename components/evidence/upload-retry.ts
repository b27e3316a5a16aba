// What the file uploader does when a request fails: try again (after how long), wait for the
// connection to come back, or give up and say why; and once it gave up, whether Retry can help.
// Pure (no DOM), so it can be unit tested.

import type { ErrorCode } from '@/lib/errors';

/** Why a request failed, as far as what to do next goes. */
export type TransferFailure =
  /** No answer: the connection dropped or the browser went offline. */
  | { kind: 'network' }
  /** Storage answered with an error status (403: usually an upload URL that expired). */
  | { kind: 'status'; status: number }
  /** The app's server refused with a reason for the teacher: trying again changes nothing. */
  | { kind: 'refused' }
  /** The teacher cancelled. */
  | { kind: 'cancelled' }
  | { kind: 'other' };

export class TransferError extends Error {
  constructor(readonly failure: TransferFailure) {
    super(failure.kind === 'status' ? `Storage answered ${failure.status}` : failure.kind);
  }
}

/** The server answered with a reason: shown as is; the upload cannot go on. */
export class ServerRefused extends Error {}

export function classifyFailure(e: unknown): TransferFailure {
  if (e instanceof TransferError) return e.failure;
  if (e instanceof ServerRefused) return { kind: 'refused' };
  // fetch (under a server action call) rejects with a TypeError when no answer came back.
  if (e instanceof TypeError) return { kind: 'network' };
  return { kind: 'other' };
}

/** Tries of one request while the browser is online; time spent offline does not use them up. */
export const TRANSFER_ATTEMPTS = 5;
const FIRST_DELAY_MS = 1_000;
const LONGEST_DELAY_MS = 30_000;

/**
 * How long to wait before try `attempt + 1`: doubling from a second, at most 30 s, half of it
 * random, so parts that failed together (one dropped connection) do not all come back at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Where an upload that gave up stopped, as far as pressing Retry goes. */
export type UploadStop =
  /** A request got no usable answer: the connection dropped, or storage answered with an error. */
  | { at: 'transfer'; failure: TransferFailure }
  /** The app refused to start the upload (no file was made); `code` null: an unexpected error on its side. */
  | { at: 'start'; code: ErrorCode | null }
  /** The app stopped a file it had started: `rejected` when it refused the file itself (the page says so). */
  | { at: 'file'; rejected: boolean };

/**
 * Whether Retry (sending the same file again) can succeed. Not after a refusal of the file itself:
 * its type or size (refused at the start), or its content (rejected once uploaded), come out the
 * same every time; the teacher removes it and chooses another. Nor after a refusal of the state of
 * things (INVALID_STATE: the application was sent from another tab, the part was carried over),
 * which Retry would only repeat. A dropped connection, a storage error or outage (UNAVAILABLE), a
 * rate limit or an error on the app's side pass.
 */
export function canRetryUpload(stop: UploadStop): boolean {
  switch (stop.at) {
    case 'transfer':
      return stop.failure.kind !== 'cancelled' && stop.failure.kind !== 'refused';
    case 'start':
      return stop.code === null || stop.code === 'RATE_LIMITED' || stop.code === 'UNAVAILABLE';
    case 'file':
      return !stop.rejected;
  }
}

export type NextStep = { action: 'retry'; delayMs: number; resign: boolean } | { action: 'wait-online' } | { action: 'give-up' };

/**
 * What to do after try number `attempt` failed. `online`: what the browser says now (offline, any
 * failure is the connection's: wait for it, whatever the tries used). `canResign`: whether a fresh
 * upload URL can be had for the retry (a multipart part can; the URL of a single upload cannot).
 */
export function nextStep(failure: TransferFailure, attempt: number, opts: { online: boolean; canResign: boolean; random?: () => number }): NextStep {
  if (failure.kind === 'refused' || failure.kind === 'cancelled') return { action: 'give-up' };
  if (!opts.online) return { action: 'wait-online' };
  if (failure.kind === 'other') return { action: 'give-up' };
  if (failure.kind === 'status') {
    const { status } = failure;
    // An expired (or otherwise refused) URL only works again signed anew.
    if (status === 403 && !opts.canResign) return { action: 'give-up' };
    const passing = status === 403 || status === 408 || status === 429 || status >= 500;
    if (!passing) return { action: 'give-up' };
  }
  if (attempt >= TRANSFER_ATTEMPTS) return { action: 'give-up' };
  // Signed again before every retry: the URL may have expired during the failed try and the wait.
  return { action: 'retry', delayMs: backoffDelay(attempt, opts.random), resign: opts.canResign };
}

type Events = { addEventListener(type: string, listener: () => void): void; removeEventListener(type: string, listener: () => void): void };

/**
 * Resolves when the browser is online again: at once if it is, else at its 'online' event (or at a
 * periodic look, in case the event was missed). Rejects if `signal` aborts (the upload was cancelled).
 */
export function waitForOnline(env: { isOnline: () => boolean; events: Events }, signal?: AbortSignal, recheckMs = 5_000): Promise<void> {
  if (signal?.aborted) return Promise.reject(new TransferError({ kind: 'cancelled' }));
  if (env.isOnline()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const finish = (settle: () => void) => {
      env.events.removeEventListener('online', onOnline);
      signal?.removeEventListener('abort', onAbort);
      clearInterval(timer);
      settle();
    };
    const onOnline = () => finish(resolve);
    const onAbort = () => finish(() => reject(new TransferError({ kind: 'cancelled' })));
    const timer = setInterval(() => {
      if (env.isOnline()) onOnline();
    }, recheckMs);
    env.events.addEventListener('online', onOnline);
    signal?.addEventListener('abort', onAbort);
  });
}

/** Waits `ms`, or less if `signal` aborts (the caller then sees it cancelled). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Runs `send` until it succeeds or nextStep says give up: after a pause between tries, or, offline,
 * once the connection is back (with a fresh set of tries). `send(fresh)`: `fresh` asks for a newly
 * signed URL. `onWaiting` says when waiting for the connection starts and ends. Throws the last error.
 */
export async function withRetries<T>(
  send: (fresh: boolean) => Promise<T>,
  opts: { canResign: boolean; isOnline: () => boolean; events: Events; signal: AbortSignal; stopped?: () => boolean; onWaiting?: (waiting: boolean) => void },
): Promise<T> {
  let fresh = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(fresh);
    } catch (e) {
      if (opts.signal.aborted || opts.stopped?.()) throw e;
      const step = nextStep(classifyFailure(e), attempt, { online: opts.isOnline(), canResign: opts.canResign });
      if (step.action === 'give-up') throw e;
      if (step.action === 'wait-online') {
        opts.onWaiting?.(true);
        try {
          await waitForOnline(opts, opts.signal);
        } finally {
          opts.onWaiting?.(false);
        }
        attempt = 0;
        fresh = opts.canResign;
      } else {
        await pause(step.delayMs, opts.signal);
        fresh = step.resign;
      }
      if (opts.signal.aborted || opts.stopped?.()) throw e;
    }
  }
}
