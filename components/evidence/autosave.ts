// The save loop of an autosaving answer, without React or the DOM, so it can be unit tested.

/**
 * What the save action answers (see saveResponseAction). `conflict`: saving again cannot succeed
 * (the text changed in another window, or the server refuses it for good: sent, gone, not theirs),
 * so saving stops instead of trying again. `waitForEdit`: the server refuses this text itself (a
 * link it cannot take, too many words): the same text is not sent again, the next edit is.
 */
export type SaveOutcome = { ok: true; revision: number; savedAt: string } | { ok: false; formError: string; conflict?: boolean; waitForEdit?: boolean };

export type AutosaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string };

type Ref<T> = { current: T };

export type Autosaver = {
  /**
   * Saves now (after any save under way), if the text changed since the last save. Answers whether
   * the server has all of the text now: false after a failed save, once saving has stopped with text
   * unsaved, or when more was typed meanwhile.
   */
  save: () => Promise<boolean>;
  /** Saves `delayMs` from now, unless called again first. */
  schedule: () => void;
  /**
   * The server took a save made outside this loop (a form's own Save draft), and `revision` and
   * `lastSaved` already say what it took: saving goes on, also after it had stopped (a refusal the
   * server has since let through), and whatever was typed since is saved.
   */
  resume: () => void;
};

/**
 * Saves are sent one after another: a caller arriving during a save waits for it, then saves
 * whatever is still unsaved (often nothing). While text is unsaved after a dropped connection or a
 * server error, it tries again after `delayMs`, without going back to "Saving…" on each try, so a
 * screen reader is not read the same two messages every second. A conflict (the answer was saved
 * from another window since) or a final refusal (the attempt was sent meanwhile) would fail the
 * same way on every try: saving stops for good (`stopped`), and the status says so until the page
 * is reloaded, or until a save the form makes itself gets through (`resume`).
 */
export function createAutosaver(o: {
  send: (text: string, revision: number) => Promise<SaveOutcome>;
  text: () => string;
  revision: Ref<number>;
  lastSaved: Ref<string>;
  stopped: Ref<boolean>;
  onStatus: (status: AutosaveStatus) => void;
  onSaved?: (text: string) => void;
  delayMs?: number;
}): Autosaver {
  const delay = o.delayMs ?? 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: Promise<boolean> | null = null;
  let failing = false;
  // The text the server refused as it stands (waitForEdit): not sent again until it changes.
  let refused: string | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const schedule = () => {
    clear();
    if (o.stopped.current) return;
    timer = setTimeout(() => void save(), delay);
  };
  const saveOnce = async () => {
    if (o.stopped.current) return;
    const value = o.text();
    if (value === o.lastSaved.current || value === refused) return;
    if (!failing) o.onStatus({ kind: 'saving' });
    try {
      const r = await o.send(value, o.revision.current);
      if (r.ok) {
        failing = false;
        o.revision.current = r.revision;
        o.lastSaved.current = value;
        o.onSaved?.(value);
        o.onStatus({ kind: 'saved', at: new Date(r.savedAt) });
      } else if (r.conflict) {
        o.stopped.current = true;
        o.onStatus({ kind: 'conflict', message: r.formError });
      } else {
        failing = true;
        if (r.waitForEdit) refused = value;
        o.onStatus({ kind: 'error', message: r.formError });
      }
    } catch {
      failing = true;
      o.onStatus({ kind: 'offline' });
    }
    if (o.text() !== o.lastSaved.current && o.text() !== refused) schedule();
  };
  const save = () => {
    clear();
    const previous = current;
    const next = (async () => {
      if (previous) await previous.catch(() => false);
      await saveOnce();
      return o.text() === o.lastSaved.current;
    })();
    current = next;
    return next;
  };
  const resume = () => {
    clear();
    o.stopped.current = false;
    failing = false;
    refused = null;
    if (o.text() !== o.lastSaved.current) schedule();
  };
  return { save, schedule, resume };
}

/**
 * Saves what is unsaved when the page is hidden (the tab closed or switched, the laptop shut) and
 * when the connection comes back. Returns the function that stops listening.
 */
export function saveOnHideAndReconnect(s: { save: () => Promise<unknown> }): () => void {
  const flush = () => {
    if (document.visibilityState === 'hidden') void s.save();
  };
  const online = () => void s.save();
  document.addEventListener('visibilitychange', flush);
  window.addEventListener('online', online);
  return () => {
    document.removeEventListener('visibilitychange', flush);
    window.removeEventListener('online', online);
  };
}
