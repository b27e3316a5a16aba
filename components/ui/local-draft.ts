// A form's unsent choices kept in this browser (localStorage), so a reload or a crash does not lose
// them. Storage can be full, disabled or hold something older or hand-edited: every read is checked
// and every failure is silent, since the form still works without it.
//
// Teachers and reviewers share school computers: every copy is kept under one prefix, so signing
// out (clearAllLocalDrafts) removes them all and the next person finds nothing of the last one's.

import { useEffect, useRef } from 'react';

/** Choices in a grid of radio groups: row id -> column key -> the chosen value. */
export type GridChoices = Record<string, Record<string, number>>;

/** What every key of a copy kept in this browser starts with. */
export const LOCAL_DRAFT_PREFIX = 'microcred:';

/**
 * Keys kept before the prefix, by the answer editor (`draft:<attempt>:<part>`), the scoring form
 * (`review-draft:<review>`) and the calibration form (`calibration-draft:<reviewer>:<credential>:<version>`).
 * Exact shapes, so that another site's or tool's keys on the same origin are left alone.
 */
const LEGACY_DRAFT_KEYS = [/^draft:[^:]+:[^:]+$/, /^review-draft:[^:]+$/, /^calibration-draft:[^:]+:[^:]+:[^:]+$/];

/** The storage key of a form's copy: the form's own name for it, after the common prefix. */
export function localDraftKey(name: string) {
  return `${LOCAL_DRAFT_PREFIX}${name}`;
}

/** Whether `key` holds a copy kept by this app: prefixed, or a bare key from before the prefix. */
export function isLocalDraftKey(key: string) {
  return key.startsWith(LOCAL_DRAFT_PREFIX) || LEGACY_DRAFT_KEYS.some((shape) => shape.test(key));
}

type KeyedStorage = Pick<Storage, 'length' | 'key' | 'removeItem'>;

/**
 * Removes every copy this app kept in this browser, when someone signs out: the next person at a
 * shared computer must not find (or be offered) the last one's unsent text. `stores` is for tests.
 */
export function clearAllLocalDrafts(stores?: KeyedStorage[]) {
  let targets: KeyedStorage[] = [];
  try {
    targets = stores ?? [window.localStorage];
  } catch {
    // Disabled storage: there is nothing to clear.
  }
  for (const store of targets) {
    try {
      // Keys first, removal after: removing shifts the indexes `key(i)` reads.
      const keys: string[] = [];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key !== null && isLocalDraftKey(key)) keys.push(key);
      }
      for (const key of keys) store.removeItem(key);
    } catch {
      // Nothing more can be done here; signing out goes ahead.
    }
  }
}

/**
 * For a form whose server action signs the person out and redirects when it succeeds, and answers
 * with a result only when it fails (a new password, deleting the account): Next.js rejects a
 * redirected action (its error boundary remounts the tree), so the form unmounts with the action
 * still pending, while a failure is rendered with `pending` false. Leaving with an action under way
 * therefore means it signed out here.
 */
export function useClearLocalDraftsIfLeftPending(pending: boolean) {
  const underWay = useRef(false);
  useEffect(() => {
    underWay.current = pending;
  }, [pending]);
  useEffect(
    () => () => {
      if (underWay.current) clearAllLocalDrafts();
    },
    [],
  );
}

/**
 * Brings a copy kept under a key from before the prefix (`name` itself) to its prefixed key, once,
 * unless a prefixed copy is already there; `convert` turns the old stored text into the new value.
 */
export function adoptLegacyLocalDraft(name: string, convert: (raw: string) => unknown = (raw) => JSON.parse(raw)) {
  try {
    const store = window.localStorage;
    const raw = store.getItem(name);
    if (raw === null) return;
    store.removeItem(name);
    if (store.getItem(localDraftKey(name)) === null) store.setItem(localDraftKey(name), JSON.stringify(convert(raw)));
  } catch {
    // A broken old copy is dropped; the form works without it.
  }
}

export function readLocalDraft(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, value: unknown) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the choices stay on the page only.
  }
}

export function clearLocalDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/**
 * An answer's text kept in this browser, with the server revision it was typed on top of (null for
 * a copy from before revisions were kept: what it was based on is unknown).
 */
export type LocalAnswer = { text: string; baseRevision: number | null };

/** A stored answer copy, or null when it is missing or not one (broken, hand-edited). */
export function parseLocalAnswer(saved: unknown): LocalAnswer | null {
  if (!isRecord(saved) || typeof saved.text !== 'string') return null;
  const base = saved.baseRevision;
  return { text: saved.text, baseRevision: typeof base === 'number' && Number.isInteger(base) ? base : null };
}

/**
 * What to do with an answer copy found in this browser when the page loads:
 * - `none`: nothing to restore (no copy, or the server already has this text);
 * - `restore`: the copy was typed on top of the answer the server still has, so it is newer and is
 *   put back and saved, as if just typed;
 * - `ask`: the server's answer changed since (another window, another computer) or the copy is
 *   too old to tell; saving it would silently replace newer text, so the person decides.
 */
export function decideLocalAnswer(local: LocalAnswer | null, server: { text: string; revision: number }): 'none' | 'restore' | 'ask' {
  if (!local || local.text === server.text) return 'none';
  return local.baseRevision === server.revision ? 'restore' : 'ask';
}

/** A reviewer's scores and comments, as the scoring form holds them: criterion id -> level and feedback. */
export type ReviewDraftCopy = { scores: Record<string, { levelId: string | null; feedback: string }>; overallComment: string };

/**
 * The scores kept in this browser, with the review version they were chosen on (null for a copy from
 * before versions were kept: what it was based on is unknown).
 */
export type LocalReviewDraft = ReviewDraftCopy & { baseVersion: number | null };

/**
 * A stored scoring copy, or null when it is missing or not one (broken, hand-edited). Entries that
 * are not a level and feedback are dropped, built with Object.fromEntries so that a "__proto__"
 * criterion id stays a plain key.
 */
export function parseLocalReviewDraft(saved: unknown): LocalReviewDraft | null {
  if (!isRecord(saved) || typeof saved.overallComment !== 'string' || !isRecord(saved.scores)) return null;
  const entries: [string, { levelId: string | null; feedback: string }][] = [];
  for (const [criterionId, entry] of Object.entries(saved.scores)) {
    if (!isRecord(entry) || typeof entry.feedback !== 'string') continue;
    if (entry.levelId !== null && typeof entry.levelId !== 'string') continue;
    entries.push([criterionId, { levelId: entry.levelId, feedback: entry.feedback }]);
  }
  const base = saved.baseVersion;
  return { scores: Object.fromEntries(entries), overallComment: saved.overallComment, baseVersion: typeof base === 'number' && Number.isInteger(base) ? base : null };
}

/**
 * Whether two sets of scores say the same to the teacher: the same comment and, for every criterion,
 * the same level and feedback. A criterion with no entry is one with no level and no feedback, and
 * the order entries were added in does not matter (the server lists them its own way).
 */
export function sameReviewDraft(a: ReviewDraftCopy, b: ReviewDraftCopy) {
  if (a.overallComment !== b.overallComment) return false;
  const ids = new Set([...Object.keys(a.scores), ...Object.keys(b.scores)]);
  const entryOf = (d: ReviewDraftCopy, id: string) => (Object.hasOwn(d.scores, id) ? d.scores[id] : undefined);
  for (const id of ids) {
    const x = entryOf(a, id);
    const y = entryOf(b, id);
    if ((x?.levelId ?? null) !== (y?.levelId ?? null) || (x?.feedback ?? '') !== (y?.feedback ?? '')) return false;
  }
  return true;
}

/**
 * What to do with a scoring copy found in this browser when the review page loads, as
 * decideLocalAnswer does for an answer:
 * - `none`: nothing to restore (no copy, or the saved review already has these scores);
 * - `restore`: the copy was chosen on the review version the server still has, so it is newer and
 *   is put back as if just chosen;
 * - `ask`: the saved review changed since (another window, another computer) or the copy is too old
 *   to tell; saving it would silently replace newer scores, so the reviewer decides.
 */
export function decideLocalReviewDraft(local: LocalReviewDraft | null, server: { draft: ReviewDraftCopy; version: number }): 'none' | 'restore' | 'ask' {
  if (!local || sameReviewDraft(local, server.draft)) return 'none';
  return local.baseVersion === server.version ? 'restore' : 'ask';
}

/** A district proposal's two boxes, as the proposal form holds them. */
export type ProposalText = { studentGoals: string; plan: string };

/**
 * The proposal text kept in this browser, with the proposal version it was typed on (null: there
 * was no saved proposal yet).
 */
export type LocalProposal = ProposalText & { baseVersion: number | null };

/**
 * A stored proposal copy, or null when it is missing or not one (broken, hand-edited). There are no
 * copies from before versions were kept, so one without a version it was typed on is not one.
 */
export function parseLocalProposal(saved: unknown): LocalProposal | null {
  if (!isRecord(saved) || typeof saved.studentGoals !== 'string' || typeof saved.plan !== 'string') return null;
  const base = saved.baseVersion;
  if (base !== null && !(typeof base === 'number' && Number.isInteger(base) && base >= 0)) return null;
  return { studentGoals: saved.studentGoals, plan: saved.plan, baseVersion: base };
}

/**
 * Whether two proposal texts say the same: the server keeps text trimmed, so spaces at either end
 * of a box are not a difference worth asking about.
 */
export function sameProposalText(a: ProposalText, b: ProposalText) {
  return a.studentGoals.trim() === b.studentGoals.trim() && a.plan.trim() === b.plan.trim();
}

/**
 * What to do with a proposal copy found in this browser when the page loads, as decideLocalAnswer
 * does for an answer:
 * - `none`: nothing to restore (no copy, or the saved proposal already says this);
 * - `restore`: the copy was typed on the proposal the server still has (the same version, or none
 *   on either side), so it is newer and is put back and saved, as if just typed;
 * - `ask`: the saved proposal changed since (another window or device, or a leader's decision);
 *   saving the copy would silently replace newer text, so the teacher decides.
 */
export function decideLocalProposal(local: LocalProposal | null, server: ProposalText & { version: number | null }): 'none' | 'restore' | 'ask' {
  if (!local || sameProposalText(local, server)) return 'none';
  return local.baseVersion === server.version ? 'restore' : 'ask';
}

/**
 * The choices in `saved` that still fit the form: rows and columns it shows and values it offers.
 * Anything else (a sample since removed, a level since renumbered, a hand-edited value) is dropped.
 */
export function pickGridChoices(saved: unknown, fits: { rows: string[]; columns: string[]; values: number[] }): GridChoices {
  if (!isRecord(saved)) return {};
  const columns = new Set(fits.columns);
  const values = new Set(fits.values);
  // Built with Object.fromEntries, which defines own properties: a key such as "__proto__" in a
  // hand-edited copy can never reach Object.prototype.
  const rows: [string, Record<string, number>][] = [];
  for (const row of fits.rows) {
    const chosen = Object.hasOwn(saved, row) ? saved[row] : undefined;
    if (!isRecord(chosen)) continue;
    const kept = Object.entries(chosen).filter((e): e is [string, number] => columns.has(e[0]) && typeof e[1] === 'number' && values.has(e[1]));
    if (kept.length) rows.push([row, Object.fromEntries(kept)]);
  }
  return Object.fromEntries(rows);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
