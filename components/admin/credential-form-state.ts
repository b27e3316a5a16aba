// The editor keeps every field as typed (numbers as strings), so a half-typed value is never lost
// or coerced; it becomes a MicroCredentialDef input only when sent to the server.
import type { z } from 'zod';
import type { MicroCredentialDef } from '@/lib/authoring/schemas';
import type { FileKind } from '@/lib/evidence/file-types';

export type ResourceForm = { kind: 'READING' | 'VIDEO' | 'LINK' | 'ACTIVITY'; title: string; url: string; body: string; minutes: string };
export type PartForm = {
  title: string;
  prompt: string;
  responseType: 'TEXT' | 'FILES' | 'TEXT_AND_FILES' | 'LINKS';
  required: boolean;
  wordLimit: string;
  allowedTypes: FileKind[];
  maxFileMb: string;
  maxFiles: string;
};
export type CriterionForm = { title: string; description: string; partIndex: string; descriptors: string[] };
export type AlignmentForm = { targetName: string; targetUrl: string; targetDescription: string; targetFramework: string; targetCode: string };
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
  rubric: { levels: string[]; criteria: CriterionForm[]; passingKind: 'ALL_AT_LEAST' | 'TOTAL_AT_LEAST'; levelRank: string; total: string };
  alignments: AlignmentForm[];
};

const MB = 1024 * 1024;

export function emptyPart(): PartForm {
  return { title: '', prompt: '', responseType: 'TEXT', required: true, wordLimit: '', allowedTypes: [], maxFileMb: '100', maxFiles: '5' };
}

export function emptyForm(): CredentialForm {
  return {
    slug: '', title: '', summary: '', competency: '', keyMethod: '', methodComponents: '', researchRationale: '', topic: '', subjects: '', gradeBands: '',
    level: '1', pdHours: '', expiryMonths: '', badgeColor: '#1d4ed8', resources: [], parts: [emptyPart()],
    rubric: {
      levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
      criteria: [{ title: '', description: '', partIndex: '0', descriptors: ['', '', '', ''] }],
      passingKind: 'ALL_AT_LEAST', levelRank: '2', total: '',
    },
    alignments: [],
  };
}

const str = (v: number | undefined | null) => (v === undefined || v === null ? '' : String(v));

export function defToForm(def: MicroCredentialDef): CredentialForm {
  return {
    slug: def.slug, title: def.title, summary: def.summary, competency: def.competency, keyMethod: def.keyMethod, methodComponents: def.methodComponents,
    researchRationale: def.researchRationale, topic: def.topic, subjects: def.subjects.join(', '), gradeBands: def.gradeBands.join(', '),
    level: str(def.level), pdHours: str(def.pdHours), expiryMonths: str(def.expiryMonths), badgeColor: def.badgeColor,
    resources: def.resources.map((r) => ({ kind: r.kind, title: r.title, url: r.url ?? '', body: r.body, minutes: str(r.minutes) })),
    parts: def.parts.map((p) => ({
      title: p.title, prompt: p.prompt, responseType: p.responseType, required: p.required, wordLimit: str(p.wordLimit), allowedTypes: [...p.allowedTypes],
      maxFileMb: String(Math.round((p.maxFileBytes / MB) * 100) / 100), maxFiles: String(p.maxFiles),
    })),
    rubric: {
      levels: [...def.rubric.levels],
      criteria: def.rubric.criteria.map((c) => ({ title: c.title, description: c.description, partIndex: str(c.partIndex), descriptors: [...c.descriptors] })),
      passingKind: def.rubric.passingRule.kind,
      levelRank: String(def.rubric.passingRule.levelRank),
      total: def.rubric.passingRule.kind === 'TOTAL_AT_LEAST' ? String(def.rubric.passingRule.total) : '',
    },
    alignments: def.alignments.map((a) => ({ targetName: a.targetName, targetUrl: a.targetUrl, targetDescription: a.targetDescription ?? '', targetFramework: a.targetFramework ?? '', targetCode: a.targetCode ?? '' })),
  };
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** The form as a definition input; the server validates it with MicroCredentialDef. */
export function formToDefInput(f: CredentialForm): z.input<typeof MicroCredentialDef> {
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
  } as z.input<typeof MicroCredentialDef>;
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
  return { ...f, rubric: { ...f.rubric, levels: [...f.rubric.levels, ''], criteria: f.rubric.criteria.map((c) => ({ ...c, descriptors: [...c.descriptors, ''] })) } };
}

export function removeLevel(f: CredentialForm, rank: number): CredentialForm {
  const lr = Number(f.rubric.levelRank);
  return {
    ...f,
    rubric: {
      ...f.rubric,
      levels: f.rubric.levels.filter((_, i) => i !== rank),
      criteria: f.rubric.criteria.map((c) => ({ ...c, descriptors: c.descriptors.filter((_, i) => i !== rank) })),
      levelRank: Number.isNaN(lr) ? f.rubric.levelRank : String(lr > rank ? lr - 1 : Math.min(lr, f.rubric.levels.length - 2)),
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
