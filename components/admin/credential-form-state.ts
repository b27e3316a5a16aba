// The editor keeps every field as typed (numbers as strings), so a half-typed value is never lost
// or coerced; it becomes a definition input only when sent to the server, which saves it as a draft
// (MicroCredentialDraft: it may be unfinished) and publishes it only when complete (MicroCredentialDef).
import type { z } from 'zod';
import type { MicroCredentialDraft } from '@/lib/authoring/schemas';
import type { FileKind } from '@/lib/evidence/file-types';

/**
 * `uid` identifies a list item in the browser only (React keys, focus after a move or remove); it is
 * made when the item is created or loaded and never sent to the server (formToDefInput drops it).
 */
export type ResourceForm = { uid: string; kind: 'READING' | 'VIDEO' | 'LINK' | 'ACTIVITY'; title: string; url: string; body: string; minutes: string };
export type PartForm = {
  uid: string;
  title: string;
  prompt: string;
  responseType: 'TEXT' | 'FILES' | 'TEXT_AND_FILES' | 'LINKS';
  required: boolean;
  wordLimit: string;
  allowedTypes: FileKind[];
  maxFileMb: string;
  maxFiles: string;
};
export type CriterionForm = { uid: string; title: string; description: string; partIndex: string; descriptors: string[] };
export type AlignmentForm = { uid: string; targetName: string; targetUrl: string; targetDescription: string; targetFramework: string; targetCode: string };
export type CredentialForm = {
  slug: string;
  title: string;
  summary: string;
  competency: string;
  keyMethod: string;
  methodComponents: string;
  researchRationale: string;
  topic: string;
  subjects: string;
  gradeBands: string;
  level: string;
  pdHours: string;
  expiryMonths: string;
  badgeColor: string;
  resources: ResourceForm[];
  parts: PartForm[];
  /** `levelIds[i]` is the browser-only id of `levels[i]`, kept in step with it. */
  rubric: { levels: string[]; levelIds: string[]; criteria: CriterionForm[]; passingKind: 'ALL_AT_LEAST' | 'TOTAL_AT_LEAST'; levelRank: string; total: string };
  alignments: AlignmentForm[];
};

const MB = 1024 * 1024;

let idCounter = 0;
/** A browser-only id for a list item; unique enough for keys in one page (ids made on the server and in the browser never collide). */
export function newItemId(): string {
  idCounter += 1;
  return `i${idCounter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyPart(): PartForm {
  return { uid: newItemId(), title: '', prompt: '', responseType: 'TEXT', required: true, wordLimit: '', allowedTypes: [], maxFileMb: '100', maxFiles: '5' };
}

export function emptyForm(): CredentialForm {
  return {
    slug: '', title: '', summary: '', competency: '', keyMethod: '', methodComponents: '', researchRationale: '', topic: '', subjects: '', gradeBands: '',
    level: '1', pdHours: '', expiryMonths: '', badgeColor: '#1d4ed8', resources: [], parts: [emptyPart()],
    rubric: {
      levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
      levelIds: [newItemId(), newItemId(), newItemId(), newItemId()],
      criteria: [{ uid: newItemId(), title: '', description: '', partIndex: '0', descriptors: ['', '', '', ''] }],
      passingKind: 'ALL_AT_LEAST', levelRank: '2', total: '',
    },
    alignments: [],
  };
}

const str = (v: number | undefined | null) => (v === undefined || v === null ? '' : String(v));

/** A stored definition (a draft may be unfinished) as the form shows it: what is missing stays empty. */
export function defToForm(def: MicroCredentialDraft): CredentialForm {
  return {
    slug: def.slug, title: def.title, summary: def.summary, competency: def.competency, keyMethod: def.keyMethod, methodComponents: def.methodComponents,
    researchRationale: def.researchRationale, topic: def.topic, subjects: def.subjects.join(', '), gradeBands: def.gradeBands.join(', '),
    level: str(def.level), pdHours: str(def.pdHours), expiryMonths: str(def.expiryMonths), badgeColor: def.badgeColor,
    resources: def.resources.map((r) => ({ uid: newItemId(), kind: r.kind, title: r.title, url: r.url ?? '', body: r.body, minutes: str(r.minutes) })),
    parts: def.parts.map((p) => ({
      uid: newItemId(), title: p.title, prompt: p.prompt, responseType: p.responseType, required: p.required, wordLimit: str(p.wordLimit), allowedTypes: [...p.allowedTypes],
      maxFileMb: String(Math.round((p.maxFileBytes / MB) * 100) / 100), maxFiles: String(p.maxFiles),
    })),
    rubric: {
      levels: [...def.rubric.levels],
      levelIds: def.rubric.levels.map(() => newItemId()),
      criteria: def.rubric.criteria.map((c) => ({ uid: newItemId(), title: c.title, description: c.description, partIndex: str(c.partIndex), descriptors: [...c.descriptors] })),
      passingKind: def.rubric.passingRule.kind,
      levelRank: str(def.rubric.passingRule.levelRank),
      total: def.rubric.passingRule.kind === 'TOTAL_AT_LEAST' ? str(def.rubric.passingRule.total) : '',
    },
    alignments: def.alignments.map((a) => ({ uid: newItemId(), targetName: a.targetName, targetUrl: a.targetUrl, targetDescription: a.targetDescription ?? '', targetFramework: a.targetFramework ?? '', targetCode: a.targetCode ?? '' })),
  };
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** The form as a definition input; the server saves it as a draft and checks it in full before publishing. */
export function formToDefInput(f: CredentialForm): z.input<typeof MicroCredentialDraft> {
  return {
    slug: f.slug, title: f.title, summary: f.summary, competency: f.competency, keyMethod: f.keyMethod, methodComponents: f.methodComponents,
    researchRationale: f.researchRationale, topic: f.topic, subjects: list(f.subjects), gradeBands: list(f.gradeBands),
    level: opt(f.level), pdHours: f.pdHours.trim(), expiryMonths: opt(f.expiryMonths), badgeColor: f.badgeColor,
    resources: f.resources.map((r) => ({ kind: r.kind, title: r.title, url: opt(r.url), body: r.body, minutes: opt(r.minutes) })),
    parts: f.parts.map((p) => {
      const takesFiles = p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES';
      const mb = Number(p.maxFileMb);
      return {
        title: p.title, prompt: p.prompt, responseType: p.responseType, required: p.required, wordLimit: opt(p.wordLimit),
        allowedTypes: takesFiles ? p.allowedTypes : [],
        maxFileBytes: p.maxFileMb.trim() === '' || Number.isNaN(mb) ? p.maxFileMb : Math.round(mb * MB),
        maxFiles: opt(p.maxFiles),
      };
    }),
    rubric: {
      levels: f.rubric.levels,
      criteria: f.rubric.criteria.map((c) => ({ title: c.title, description: c.description, partIndex: opt(c.partIndex), descriptors: c.descriptors })),
      passingRule:
        f.rubric.passingKind === 'TOTAL_AT_LEAST'
          ? { kind: 'TOTAL_AT_LEAST', levelRank: f.rubric.levelRank, total: f.rubric.total }
          : { kind: 'ALL_AT_LEAST', levelRank: f.rubric.levelRank },
    },
    alignments: f.alignments.map((a) => ({
      targetName: a.targetName, targetUrl: a.targetUrl, targetDescription: opt(a.targetDescription), targetFramework: opt(a.targetFramework), targetCode: opt(a.targetCode),
    })),
  };
}

export function emptyResource(): ResourceForm {
  return { uid: newItemId(), kind: 'READING', title: '', url: '', body: '', minutes: '' };
}

export function emptyCriterion(levelCount: number): CriterionForm {
  return { uid: newItemId(), title: '', description: '', partIndex: '', descriptors: Array.from({ length: levelCount }, () => '') };
}

export function emptyAlignment(): AlignmentForm {
  return { uid: newItemId(), targetName: '', targetUrl: '', targetDescription: '', targetFramework: '', targetCode: '' };
}

/**
 * Gives ids to list items that lack them, e.g. in a copy kept in the browser before items had ids.
 * Items that have one keep it, so this is safe to run on any form.
 */
export function ensureItemIds(f: CredentialForm): CredentialForm {
  const withId = <T extends { uid?: string }>(x: T): T & { uid: string } => (x.uid ? (x as T & { uid: string }) : { ...x, uid: newItemId() });
  const levelIds = f.rubric.levels.map((_, i) => f.rubric.levelIds?.[i] || newItemId());
  return {
    ...f,
    resources: f.resources.map(withId),
    parts: f.parts.map(withId),
    rubric: { ...f.rubric, levelIds, criteria: f.rubric.criteria.map(withId) },
    alignments: f.alignments.map(withId),
  };
}

/** Moves item `from` to `to` (any list), returning a new array. */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return items;
  const out = [...items];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved);
  return out;
}

/** Moves item `from` to `to` and keeps criteria pointing at the same parts. */
export function movePart(f: CredentialForm, from: number, to: number): CredentialForm {
  if (to < 0 || to >= f.parts.length) return f;
  const parts = [...f.parts];
  const [moved] = parts.splice(from, 1);
  parts.splice(to, 0, moved);
  const order = f.parts.map((_, i) => i);
  const [o] = order.splice(from, 1);
  order.splice(to, 0, o);
  const remap = (idx: string) => (idx === '' ? '' : String(order.indexOf(Number(idx))));
  return { ...f, parts, rubric: { ...f.rubric, criteria: f.rubric.criteria.map((c) => ({ ...c, partIndex: remap(c.partIndex) })) } };
}

export function removePart(f: CredentialForm, index: number): CredentialForm {
  const remap = (idx: string) => {
    if (idx === '') return '';
    const n = Number(idx);
    return n === index ? '' : String(n > index ? n - 1 : n);
  };
  return { ...f, parts: f.parts.filter((_, i) => i !== index), rubric: { ...f.rubric, criteria: f.rubric.criteria.map((c) => ({ ...c, partIndex: remap(c.partIndex) })) } };
}

export function addLevel(f: CredentialForm): CredentialForm {
  return { ...f, rubric: { ...f.rubric, levels: [...f.rubric.levels, ''], levelIds: [...f.rubric.levelIds, newItemId()], criteria: f.rubric.criteria.map((c) => ({ ...c, descriptors: [...c.descriptors, ''] })) } };
}

/**
 * Takes level `rank` out of the rubric. The passing level keeps pointing at the same level (its rank
 * moves down when a lower level goes); when the passing level itself goes it is cleared, so
 * publishing asks for one instead of silently passing at the level that slid into its place.
 */
export function removeLevel(f: CredentialForm, rank: number): CredentialForm {
  const chosen = f.rubric.levelRank.trim();
  const lr = Number(chosen);
  const levelRank = chosen === '' || !Number.isInteger(lr) ? f.rubric.levelRank : lr === rank ? '' : String(lr > rank ? lr - 1 : lr);
  return {
    ...f,
    rubric: {
      ...f.rubric,
      levels: f.rubric.levels.filter((_, i) => i !== rank),
      levelIds: f.rubric.levelIds.filter((_, i) => i !== rank),
      criteria: f.rubric.criteria.map((c) => ({ ...c, descriptors: c.descriptors.filter((_, i) => i !== rank) })),
      levelRank,
    },
  };
}

/** Errors for a field and anything under it, e.g. "subjects" collects "subjects.0". */
export function errorsFor(fieldErrors: Record<string, string[]> | undefined, path: string, exact = false): string[] | undefined {
  if (!fieldErrors) return undefined;
  const out: string[] = [];
  for (const [k, v] of Object.entries(fieldErrors)) if (k === path || (!exact && k.startsWith(`${path}.`))) out.push(...v);
  return out.length ? [...new Set(out)] : undefined;
}

const FIELD_LABELS: Record<string, string> = {
  issuerId: 'Issuing organisation', title: 'Title', slug: 'Web address', summary: 'Summary', competency: 'Competency', keyMethod: 'Key method',
  methodComponents: 'Method components', researchRationale: 'Research and rationale', topic: 'Topic', subjects: 'Subjects', gradeBands: 'Grade bands',
  level: 'Level', pdHours: 'PD hours', expiryMonths: 'Expires after (months)', badgeColor: 'Badge colour', badgeImageKey: 'Badge image',
  resources: 'Learning resources', parts: 'Submission parts', alignments: 'Standards alignment', rubric: 'Rubric', 'rubric.levels': 'Rubric levels',
  'rubric.criteria': 'Rubric criteria', 'rubric.passingRule': 'Passing rule', 'rubric.passingRule.kind': 'Passing rule',
  'rubric.passingRule.levelRank': 'Passing level', 'rubric.passingRule.total': 'Total needed',
};
const ITEM_FIELD_LABELS: Record<string, Record<string, string>> = {
  resources: { kind: 'Kind', title: 'Title', url: 'Web address', minutes: 'Minutes', body: 'Notes' },
  parts: { title: 'Part title', prompt: 'Prompt', responseType: 'Response type', wordLimit: 'Word limit', allowedTypes: 'Allowed file types', maxFileBytes: 'Largest file (MB)', maxFiles: 'Most files', required: 'Required' },
  'rubric.criteria': { title: 'Title', description: 'Description', partIndex: 'Judges part', descriptors: 'Level descriptions' },
  alignments: { targetName: 'Standard name', targetUrl: 'Web address', targetFramework: 'Framework', targetCode: 'Code', targetDescription: 'Description' },
};
const ITEM_NOUNS: Record<string, string> = { resources: 'Resource', parts: 'Part', 'rubric.criteria': 'Criterion', alignments: 'Alignment' };
/**
 * Where an error about a whole list or group sends the reader: a list's add button (the usual error is
 * "add at least one"), else its first field; then what stands in when that is not on the page (a
 * rubric without levels has no first level, a passing rule without a total has no total field).
 */
const GROUP_TARGETS: Record<string, string[]> = {
  // "Make at least one part required" is fixed at a part's Required box; "add at least one part" at the add button.
  resources: ['add-resources'], parts: ['parts.0.required', 'add-part'], alignments: ['add-alignments'], 'rubric.criteria': ['add-criterion'], rubric: ['rubric.levels.0', 'add-level'],
  'rubric.levels': ['rubric.levels.0', 'add-level'], 'rubric.passingRule': ['rubric.passingRule.levelRank'],
  'rubric.passingRule.total': ['rubric.passingRule.total', 'rubric.passingRule.kind'], badgeImageKey: ['badge-file'],
};

/**
 * `targetId` is the control the entry links to; `targetIds` it and, in order, where to go instead when
 * that control is not on the page (the form changed since the list was made: fewer levels, a part
 * that no longer takes files, an item removed), ending at something always there.
 */
export type ErrorSummaryItem = { key: string; targetId: string; targetIds: string[]; label: string; messages: string[] };

/**
 * One entry per server field error, with a readable field name and the id of the control to move to.
 * Control ids in the editor are the error paths themselves (e.g. "parts.1.title"), with a few exceptions
 * handled here: list entries ("subjects.0") point at their text field, whole-list errors at the first item.
 */
export function errorSummary(fieldErrors: Record<string, string[]> | undefined): ErrorSummaryItem[] {
  if (!fieldErrors) return [];
  return Object.entries(fieldErrors)
    .filter(([, messages]) => messages.length > 0)
    .map(([key, messages]) => {
      const { targetIds, label } = describeErrorKey(key);
      return { key, messages: [...new Set(messages)], targetId: targetIds[0], targetIds: [...new Set(targetIds)], label };
    });
}

/** The add button of each list, on the page whatever the list holds. */
const ADD_BUTTONS: Record<string, string> = { resources: 'add-resources', parts: 'add-part', 'rubric.criteria': 'add-criterion', alignments: 'add-alignments' };
/** A field shown only with some choices: where to go when it is hidden (the choice that shows it). */
const SHOWN_BY: Record<string, string> = { allowedTypes: 'responseType', maxFileBytes: 'responseType', maxFiles: 'responseType' };

function describeErrorKey(key: string): { targetIds: string[]; label: string } {
  if (key === '_form') return { targetIds: ['title'], label: 'The form' };
  const list = /^(subjects|gradeBands)\.\d+$/.exec(key);
  if (list) return { targetIds: [list[1]], label: FIELD_LABELS[list[1]] };
  const level = /^rubric\.levels\.(\d+)$/.exec(key);
  if (level) return { targetIds: [key, 'add-level'], label: `Name of level ${Number(level[1]) + 1}` };
  const item = /^(resources|parts|rubric\.criteria|alignments)\.(\d+)(?:\.([^.]+))?(?:\.(\d+))?/.exec(key);
  if (item) {
    const [, listKey, index, field, sub] = item;
    const noun = `${ITEM_NOUNS[listKey]} ${Number(index) + 1}`;
    const first = `${listKey}.${index}.${listKey === 'rubric.criteria' || listKey === 'parts' ? 'title' : listKey === 'resources' ? 'kind' : 'targetName'}`;
    // Then the item's first field, then the list's add button (the item was removed).
    const rest = [first, ADD_BUTTONS[listKey]];
    if (!field) return { targetIds: rest, label: noun };
    if (listKey === 'rubric.criteria' && field === 'descriptors') {
      return sub === undefined
        ? { targetIds: [`${listKey}.${index}.descriptors.0`, ...rest], label: `${noun}: level descriptions` }
        : { targetIds: [`${listKey}.${index}.descriptors.${sub}`, ...rest], label: `${noun} at level ${Number(sub) + 1}` };
    }
    const shownBy = listKey === 'parts' && SHOWN_BY[field] ? [`${listKey}.${index}.${SHOWN_BY[field]}`] : [];
    return { targetIds: [`${listKey}.${index}.${field}`, ...shownBy, ...rest], label: `${noun}: ${ITEM_FIELD_LABELS[listKey][field] ?? field}` };
  }
  return { targetIds: GROUP_TARGETS[key] ?? [key], label: FIELD_LABELS[key] ?? key };
}

/**
 * Server errors are keyed by position ("parts.1.title"). After a move or a remove in the form, they
 * follow their item: `newIndexOf` gives each old position's new one, or null for the removed item
 * (whose errors go with it). Keys outside `list` are kept as they are.
 */
export function reindexErrors(errors: Record<string, string[]> | undefined, list: string, newIndexOf: (i: number) => number | null): Record<string, string[]> | undefined {
  if (!errors) return errors;
  const prefix = `${list}.`;
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const m = key.startsWith(prefix) ? /^(\d+)(.*)$/.exec(key.slice(prefix.length)) : null;
    if (!m) {
      out[key] = messages;
      continue;
    }
    const n = newIndexOf(Number(m[1]));
    if (n !== null) out[`${prefix}${n}${m[2]}`] = messages;
  }
  return out;
}

/** Where each position goes when the item at `from` moves to `to` (moveItem). */
export const movedIndex = (from: number, to: number) => (i: number): number =>
  i === from ? to : from < to && i > from && i <= to ? i - 1 : from > to && i >= to && i < from ? i + 1 : i;

/** Where each position goes when the item at `removed` is taken out. */
export const removedIndex = (removed: number) => (i: number): number | null => (i === removed ? null : i > removed ? i - 1 : i);

// ── The web address ──

const SLUG_MAX = 80;

/** A web address made from a title: "Exit Tickets: Grades 6–8" becomes "exit-tickets-grades-6-8". */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > SLUG_MAX) break;
    out = next;
  }
  return out || words[0]?.slice(0, SLUG_MAX) || '';
}

/**
 * A new title, and the web address with it: on a credential that was never saved, the address
 * follows the title until the admin types one of their own (then it is theirs). A saved one keeps
 * its address: links to it may already be shared.
 */
export function withTitle(f: CredentialForm, title: string, opts: { saved: boolean }): CredentialForm {
  const follows = !opts.saved && (f.slug === '' || f.slug === slugFromTitle(f.title));
  return { ...f, title, ...(follows ? { slug: slugFromTitle(title) } : {}) };
}

// ── The notice at the top of the editor ──

export type NoticeTone = 'success' | 'danger' | 'info';

/**
 * The notice's container takes focus after each save or publish: its ring shows where focus went
 * (WCAG 2.4.7), in the colour the app's other summaries use for the same outcome.
 */
export function noticeFocusClass(tone: NoticeTone | undefined): string {
  const ring = tone === 'danger' ? 'focus:outline-red-700' : tone === 'success' ? 'focus:outline-green-700' : 'focus:outline-brand-600';
  return `focus:outline-2 focus:outline-offset-2 ${ring}`;
}

/**
 * The heading of the list of fields to fix after a refused save or publish. Focus lands on it, so it
 * says first what became of the action, then how many fields the list under it names.
 */
export function issuesHeading(action: 'save' | 'publish', count: number): string {
  return `${action === 'publish' ? 'Not published' : 'Not saved'}: ${count} field${count === 1 ? ' needs' : 's need'} attention`;
}

// ── What the Publish button does ──

export type CredentialStatus = 'DRAFT' | 'PUBLISHED' | 'RETIRED' | null;

/**
 * - `publish`: save what is in the form if needed, then publish the draft as a new version (which
 *   also puts a retired credential back in the catalogue);
 * - `publish-again`: a retired credential with nothing new goes back with its last published version;
 * - `nothing-new`: the latest version is already published and live.
 */
export type PublishStep = 'publish' | 'publish-again' | 'nothing-new';

export function publishStep(opts: { status: CredentialStatus; persisted: boolean; latestIsDraft: boolean; dirty: boolean }): PublishStep {
  if (!opts.persisted || opts.dirty || opts.latestIsDraft) return 'publish';
  return opts.status === 'RETIRED' ? 'publish-again' : 'nothing-new';
}

/** The Publish button's label: a retired credential is published "again", whichever version goes out. */
export function publishLabel(status: CredentialStatus, pending: boolean): string {
  if (pending) return 'Publishing…';
  return status === 'RETIRED' ? 'Publish again' : 'Publish';
}

/** What "Publish again" will do, shown beside the buttons of a retired credential. */
export function retiredNotice(opts: { slug: string; publishedVersion: number | null; latestIsDraft: boolean; dirty: boolean }): string {
  const address = `/micro-credentials/${opts.slug}`;
  const start = 'Retired: it is not in the catalogue and takes no new enrolments. Teachers already working on it can finish.';
  if (opts.latestIsDraft || opts.dirty || opts.publishedVersion === null) {
    return `${start} Publish again publishes your changes as a new version and puts it back in the catalogue at ${address}.`;
  }
  return `${start} Publish again puts version ${opts.publishedVersion} back in the catalogue at ${address}, unchanged, and teachers can enrol again.`;
}

/** Asked before retiring; says what stays and that it can be undone. */
export const RETIRE_CONFIRM =
  'Retire this credential? It leaves the catalogue and takes no new enrolments; teachers already working on it can still finish. You can publish it again later, at the same address.';
