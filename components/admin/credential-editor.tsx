'use client';

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { FILE_KINDS, FILE_KIND_INFO } from '@/lib/evidence/file-types';
import { SelectField, TextArea, TextField, inputClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { MarkdownField } from '@/components/admin/markdown-field';
import { BadgeImageField } from '@/components/admin/badge-image-field';
import {
  addLevel, emptyPart, errorsFor, formToDefInput, movePart, removeLevel, removePart,
  type CredentialForm, type CriterionForm, type PartForm, type ResourceForm, type AlignmentForm,
} from '@/components/admin/credential-form-state';
import { publishCredentialAction, retireCredentialAction, saveCredentialAction } from '@/app/admin/credentials/actions';

type Props = {
  issuers: { id: string; name: string }[];
  issuerId: string;
  microCredentialId?: string;
  initial: CredentialForm;
  badgeImageKey: string | null;
  badgePreviewUrl: string | null;
  versionLabel: string;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED' | null;
  latestIsDraft: boolean;
  /** ISO time of the last server save, to tell whether a browser copy is newer. */
  savedAt: string | null;
};

type Notice = { tone: 'success' | 'danger' | 'info'; text: string } | null;
type LocalDraft = { form: CredentialForm; badgeImageKey: string | null; at: string };

const smallBtn = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-50';

export function CredentialEditor(props: Props) {
  const router = useRouter();
  const storageKey = `microcred:credential-draft:${props.microCredentialId ?? `new:${props.issuerId}`}`;
  const [form, setForm] = useState<CredentialForm>(props.initial);
  const [issuerId, setIssuerId] = useState(props.issuerId);
  const [badgeKey, setBadgeKey] = useState(props.badgeImageKey);
  const [badgeUrl, setBadgeUrl] = useState(props.badgePreviewUrl);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]> | undefined>();
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<null | 'save' | 'publish' | 'retire'>(null);
  const [dirty, setDirty] = useState(false);
  const [restorable, setRestorable] = useState<LocalDraft | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // Offer to restore a browser copy newer than the last server save (e.g. after a crash).
  useEffect(() => {
    let saved: LocalDraft | null = null;
    try {
      const raw = window.localStorage.getItem(storageKey);
      saved = raw ? (JSON.parse(raw) as LocalDraft) : null;
    } catch {
      /* a corrupt copy is ignored */
    }
    if (!saved) return;
    if (props.savedAt && saved.at <= props.savedAt) {
      window.localStorage.removeItem(storageKey);
      return;
    }
    // Browser storage is an external store: offer the copy once the page has hydrated.
    const found = saved;
    const t = window.setTimeout(() => setRestorable(found), 0);
    return () => window.clearTimeout(t);
  }, [storageKey, props.savedAt]);

  // Keep a browser copy of unsaved work.
  useEffect(() => {
    if (!dirty) return;
    const t = window.setTimeout(() => {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ form, badgeImageKey: badgeKey, at: new Date().toISOString() } satisfies LocalDraft));
      } catch {
        /* storage full or disabled: nothing to do */
      }
    }, 400);
    return () => window.clearTimeout(t);
  }, [form, badgeKey, dirty, storageKey]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = (fn: (f: CredentialForm) => CredentialForm) => {
    setForm((f) => fn(f));
    setDirty(true);
  };
  const set = <K extends keyof CredentialForm>(key: K, value: CredentialForm[K]) => update((f) => ({ ...f, [key]: value }));
  const err = (path: string, exact = false) => errorsFor(fieldErrors, path, exact);

  function show(n: Notice) {
    setNotice(n);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  async function save(): Promise<string | null> {
    setPending('save');
    try {
      const res = await saveCredentialAction({ issuerId, microCredentialId: props.microCredentialId, def: formToDefInput(form), badgeImageKey: badgeKey });
      if (!res.ok) {
        setFieldErrors(res.fieldErrors);
        show({ tone: 'danger', text: res.formError ?? 'Some fields need attention.' });
        return null;
      }
      setFieldErrors(undefined);
      setDirty(false);
      window.localStorage.removeItem(storageKey);
      const id = res.data!.id;
      show({ tone: 'success', text: 'Draft saved.' });
      if (!props.microCredentialId) router.replace(`/admin/credentials/${id}/edit?saved=1`);
      else router.refresh();
      return id;
    } catch {
      show({ tone: 'danger', text: 'The server could not be reached. Your work is kept in this browser; try again.' });
      return null;
    } finally {
      setPending(null);
    }
  }

  async function publish() {
    let id = props.microCredentialId ?? null;
    if (id && !dirty && !props.latestIsDraft) {
      show({ tone: 'info', text: 'There are no unpublished changes: the latest version is already published.' });
      return;
    }
    if (dirty || !id) id = await save();
    if (!id) return;
    setPending('publish');
    try {
      const res = await publishCredentialAction(id);
      if (!res.ok) show({ tone: 'danger', text: res.formError ?? 'It could not be published.' });
      else {
        show({ tone: 'success', text: res.message ?? 'Published.' });
        router.refresh();
      }
    } finally {
      setPending(null);
    }
  }

  async function retire() {
    if (!props.microCredentialId) return;
    if (!window.confirm('Retire this credential? It leaves the catalogue; teachers already working on it can still finish.')) return;
    setPending('retire');
    try {
      const res = await retireCredentialAction(props.microCredentialId);
      show(res.ok ? { tone: 'success', text: res.message ?? 'Retired.' } : { tone: 'danger', text: res.formError ?? 'It could not be retired.' });
      if (res.ok) router.refresh();
    } finally {
      setPending(null);
    }
  }

  const errorCount = useMemo(() => Object.keys(fieldErrors ?? {}).length, [fieldErrors]);
  const levels = form.rubric.levels;

  return (
    <form
      // Before hydration a click posts (nothing lands in the URL); after it, onSubmit handles it.
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <div className="sticky top-0 z-10 -mx-4 mb-6 border-b border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm font-semibold text-slate-800" aria-live="polite">
            {props.versionLabel}
            {dirty ? <span className="ml-2 font-normal text-amber-800">· unsaved changes (kept in this browser)</span> : null}
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={pending !== null} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
              {pending === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" onClick={publish} disabled={pending !== null} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
              {pending === 'publish' ? 'Publishing…' : 'Publish'}
            </button>
            {props.status === 'PUBLISHED' ? (
              <button type="button" onClick={retire} disabled={pending !== null} className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
                {pending === 'retire' ? 'Retiring…' : 'Retire'}
              </button>
            ) : null}
          </div>
        </div>
      </div>

      <div ref={noticeRef} tabIndex={-1} className="outline-none">
        {notice ? (
          <div className="mb-4">
            <Alert tone={notice.tone} title={notice.tone === 'danger' && errorCount ? `${errorCount} field${errorCount === 1 ? '' : 's'} need attention` : undefined}>
              {notice.text}
            </Alert>
          </div>
        ) : null}
      </div>
      {restorable ? (
        <div className="mb-4">
          <Alert tone="warning" title="Unsaved work found in this browser">
            <p>You have changes from {new Date(restorable.at).toLocaleString()} that were not saved to the server.</p>
            <div className="mt-2 flex gap-2">
              <button type="button" className={smallBtn} onClick={() => { setForm(restorable.form); setBadgeKey(restorable.badgeImageKey); setDirty(true); setRestorable(null); }}>
                Restore my changes
              </button>
              <button type="button" className={smallBtn} onClick={() => { window.localStorage.removeItem(storageKey); setRestorable(null); }}>
                Discard them
              </button>
            </div>
          </Alert>
        </div>
      ) : null}

      <Section title="Basics">
        {!props.microCredentialId && props.issuers.length > 1 ? (
          <SelectField label="Issuing organisation" name="issuerId" value={issuerId} onChange={(e) => setIssuerId(e.target.value)} errors={err('issuerId')}>
            {props.issuers.map((i) => (
              <option key={i.id} value={i.id}>{i.name}</option>
            ))}
          </SelectField>
        ) : null}
        <TextField label="Title" name="title" value={form.title} onChange={(e) => set('title', e.target.value)} errors={err('title')} required />
        <TextField
          label="Web address"
          name="slug"
          value={form.slug}
          onChange={(e) => set('slug', e.target.value)}
          hint={<>The page will be /micro-credentials/<strong>{form.slug || 'your-address'}</strong>. Lowercase letters, numbers and hyphens.</>}
          errors={err('slug')}
          required
        />
        <TextArea label="Summary" name="summary" rows={2} value={form.summary} onChange={(e) => set('summary', e.target.value)} hint="One or two sentences for the catalogue card." errors={err('summary')} required />
        <MarkdownField label="Competency" name="competency" value={form.competency} onChange={(v) => set('competency', v)} rows={3} hint="What the educator can do once they earn it." errors={err('competency')} required />
        <MarkdownField label="Key method" name="keyMethod" value={form.keyMethod} onChange={(v) => set('keyMethod', v)} errors={err('keyMethod')} required />
        <MarkdownField label="Method components" name="methodComponents" value={form.methodComponents} onChange={(v) => set('methodComponents', v)} errors={err('methodComponents')} />
        <MarkdownField label="Research and rationale" name="researchRationale" value={form.researchRationale} onChange={(v) => set('researchRationale', v)} errors={err('researchRationale')} />
      </Section>

      <Section title="Classification and credit">
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label="Topic" name="topic" value={form.topic} onChange={(e) => set('topic', e.target.value)} errors={err('topic')} required />
          <SelectField label="Level" name="level" value={form.level} onChange={(e) => set('level', e.target.value)} hint="1 shows understanding; 2 shows the skill in the teacher’s own classroom." errors={err('level')}>
            <option value="">No level</option>
            {[1, 2, 3, 4, 5].map((l) => (
              <option key={l} value={String(l)}>Level {l}</option>
            ))}
          </SelectField>
          <TextField label="Subjects" name="subjects" value={form.subjects} onChange={(e) => set('subjects', e.target.value)} hint="Separate with commas." errors={err('subjects')} />
          <TextField label="Grade bands" name="gradeBands" value={form.gradeBands} onChange={(e) => set('gradeBands', e.target.value)} hint="Separate with commas, e.g. K-2, 3-5." errors={err('gradeBands')} />
          <TextField label="PD hours" name="pdHours" inputMode="decimal" value={form.pdHours} onChange={(e) => set('pdHours', e.target.value)} errors={err('pdHours')} required />
          <TextField label="Expires after (months)" name="expiryMonths" inputMode="numeric" value={form.expiryMonths} onChange={(e) => set('expiryMonths', e.target.value)} hint="Leave empty if the credential does not expire. Holders are reminded 90 days before it ends and can renew it with fresh evidence." errors={err('expiryMonths')} />
        </div>
      </Section>

      <Section title="Badge">
        <div className="mb-4">
          <label htmlFor="badgeColor" className="block text-sm font-semibold">Badge colour</label>
          <div className="mt-1 flex items-center gap-3">
            <input id="badgeColor-picker" type="color" aria-label="Pick the badge colour" value={/^#[0-9a-f]{6}$/i.test(form.badgeColor) ? form.badgeColor : '#1d4ed8'} onChange={(e) => set('badgeColor', e.target.value)} className="h-10 w-14 rounded border border-slate-300" />
            <input id="badgeColor" name="badgeColor" value={form.badgeColor} onChange={(e) => set('badgeColor', e.target.value)} className={`${inputClass} mt-0 max-w-40`} aria-invalid={err('badgeColor') ? true : undefined} aria-describedby={err('badgeColor') ? 'badgeColor-error' : undefined} />
          </div>
          {err('badgeColor') ? <p id="badgeColor-error" className="mt-1 text-sm font-medium text-red-700">{err('badgeColor')!.join(' ')}</p> : null}
        </div>
        <BadgeImageField
          issuerId={issuerId}
          imageKey={badgeKey}
          previewUrl={badgeUrl}
          color={form.badgeColor}
          onChange={(key, url) => {
            setBadgeKey(key);
            setBadgeUrl(url);
            setDirty(true);
          }}
        />
      </Section>

      <Section title="Learning resources">
        <ListEditor<ResourceForm>
          items={form.resources}
          noun="resource"
          onChange={(resources) => set('resources', resources)}
          make={() => ({ kind: 'READING', title: '', url: '', body: '', minutes: '' })}
          errors={err('resources', true)}
          render={(r, i, patch) => (
            <div className="grid gap-x-4 sm:grid-cols-2">
              <SelectField label="Kind" name={`resources.${i}.kind`} value={r.kind} onChange={(e) => patch({ kind: e.target.value as ResourceForm['kind'] })}>
                <option value="READING">Reading</option>
                <option value="VIDEO">Video</option>
                <option value="LINK">Link</option>
                <option value="ACTIVITY">Activity</option>
              </SelectField>
              <TextField label="Title" name={`resources.${i}.title`} value={r.title} onChange={(e) => patch({ title: e.target.value })} errors={err(`resources.${i}.title`)} />
              <TextField label="Web address (optional)" name={`resources.${i}.url`} type="url" value={r.url} onChange={(e) => patch({ url: e.target.value })} errors={err(`resources.${i}.url`)} />
              <TextField label="Minutes (optional)" name={`resources.${i}.minutes`} inputMode="numeric" value={r.minutes} onChange={(e) => patch({ minutes: e.target.value })} errors={err(`resources.${i}.minutes`)} />
              <div className="sm:col-span-2">
                <MarkdownField label="Notes" name={`resources.${i}.body`} rows={3} value={r.body} onChange={(v) => patch({ body: v })} errors={err(`resources.${i}.body`)} />
              </div>
            </div>
          )}
        />
      </Section>

      <Section title="Submission parts" description="What the teacher submits. Each part is one section of the application.">
        {err('parts', true) ? <FieldError errors={err('parts', true)} /> : null}
        <ol className="space-y-4">
          {form.parts.map((p, i) => {
            const patch = (v: Partial<PartForm>) => update((f) => ({ ...f, parts: f.parts.map((x, j) => (j === i ? { ...x, ...v } : x)) }));
            const takesFiles = p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES';
            return (
              <li key={i} className="rounded-md border border-slate-200 bg-slate-50 p-3">
                <ItemToolbar
                  label={`Part ${i + 1}${p.title ? `: ${p.title}` : ''}`}
                  onUp={i > 0 ? () => update((f) => movePart(f, i, i - 1)) : undefined}
                  onDown={i < form.parts.length - 1 ? () => update((f) => movePart(f, i, i + 1)) : undefined}
                  onRemove={() => update((f) => removePart(f, i))}
                />
                <TextField label="Part title" name={`parts.${i}.title`} value={p.title} onChange={(e) => patch({ title: e.target.value })} errors={err(`parts.${i}.title`)} />
                <MarkdownField label="Prompt" name={`parts.${i}.prompt`} rows={4} value={p.prompt} onChange={(v) => patch({ prompt: v })} errors={err(`parts.${i}.prompt`)} />
                <div className="grid gap-x-4 sm:grid-cols-3">
                  <SelectField label="Response type" name={`parts.${i}.responseType`} value={p.responseType} onChange={(e) => patch({ responseType: e.target.value as PartForm['responseType'] })} errors={err(`parts.${i}.responseType`)}>
                    <option value="TEXT">Written answer</option>
                    <option value="FILES">Files</option>
                    <option value="TEXT_AND_FILES">Written answer and files</option>
                    <option value="LINKS">Links</option>
                  </SelectField>
                  <TextField label="Word limit (optional)" name={`parts.${i}.wordLimit`} inputMode="numeric" value={p.wordLimit} onChange={(e) => patch({ wordLimit: e.target.value })} errors={err(`parts.${i}.wordLimit`)} />
                  <div className="mb-4 flex items-end pb-2">
                    <label className="flex items-center gap-2 text-sm font-semibold">
                      <input type="checkbox" checked={p.required} onChange={(e) => patch({ required: e.target.checked })} className="h-4 w-4" /> Required
                    </label>
                  </div>
                </div>
                {takesFiles ? (
                  <>
                    <fieldset className="mb-3" aria-describedby={err(`parts.${i}.allowedTypes`) ? `parts.${i}.allowedTypes-error` : undefined}>
                      <legend className="text-sm font-semibold">Allowed file types</legend>
                      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                        {FILE_KINDS.map((k) => (
                          <label key={k} className="flex items-center gap-1.5 text-sm">
                            <input
                              type="checkbox"
                              className="h-4 w-4"
                              checked={p.allowedTypes.includes(k)}
                              onChange={(e) => patch({ allowedTypes: e.target.checked ? [...p.allowedTypes, k] : p.allowedTypes.filter((t) => t !== k) })}
                            />
                            {FILE_KIND_INFO[k].label}
                          </label>
                        ))}
                      </div>
                      {err(`parts.${i}.allowedTypes`) ? <p id={`parts.${i}.allowedTypes-error`} className="mt-1 text-sm font-medium text-red-700">{err(`parts.${i}.allowedTypes`)!.join(' ')}</p> : null}
                    </fieldset>
                    <div className="grid gap-x-4 sm:grid-cols-2">
                      <TextField label="Largest file (MB)" name={`parts.${i}.maxFileBytes`} inputMode="decimal" value={p.maxFileMb} onChange={(e) => patch({ maxFileMb: e.target.value })} errors={err(`parts.${i}.maxFileBytes`)} />
                      <TextField label="Most files" name={`parts.${i}.maxFiles`} inputMode="numeric" value={p.maxFiles} onChange={(e) => patch({ maxFiles: e.target.value })} errors={err(`parts.${i}.maxFiles`)} />
                    </div>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button type="button" className={`${smallBtn} mt-3`} onClick={() => update((f) => ({ ...f, parts: [...f.parts, emptyPart()] }))}>
          + Add a part
        </button>
      </Section>

      <Section title="Rubric" description="Criteria down the side, proficiency levels across the top (lowest first). Describe what each criterion looks like at each level.">
        {err('rubric', true) || err('rubric.levels', true) || err('rubric.criteria', true) ? <FieldError errors={[...(err('rubric', true) ?? []), ...(err('rubric.levels', true) ?? []), ...(err('rubric.criteria', true) ?? [])]} /> : null}
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[48rem] border-collapse text-sm">
            <caption className="sr-only">Rubric builder</caption>
            <thead>
              <tr>
                <th scope="col" className="w-64 border border-slate-300 bg-slate-100 p-2 text-left">Criterion</th>
                {levels.map((l, rank) => (
                  <th key={rank} scope="col" className="border border-slate-300 bg-slate-100 p-2 text-left align-top">
                    <label className="sr-only" htmlFor={`rubric.levels.${rank}`}>Name of level {rank + 1}</label>
                    <input id={`rubric.levels.${rank}`} value={l} onChange={(e) => update((f) => ({ ...f, rubric: { ...f.rubric, levels: f.rubric.levels.map((x, j) => (j === rank ? e.target.value : x)) } }))} className={`${inputClass} mt-0`} placeholder={`Level ${rank + 1}`} aria-invalid={err(`rubric.levels.${rank}`) ? true : undefined} />
                    <FieldError errors={err(`rubric.levels.${rank}`)} />
                    {levels.length > 2 ? (
                      <button type="button" className="mt-1 text-xs font-semibold text-red-700 underline" onClick={() => update((f) => removeLevel(f, rank))}>
                        Remove level<span className="sr-only"> {l || rank + 1}</span>
                      </button>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {form.rubric.criteria.map((c, i) => {
                const patch = (v: Partial<CriterionForm>) => update((f) => ({ ...f, rubric: { ...f.rubric, criteria: f.rubric.criteria.map((x, j) => (j === i ? { ...x, ...v } : x)) } }));
                return (
                  <tr key={i}>
                    <th scope="row" className="border border-slate-300 p-2 text-left align-top font-normal">
                      <label className="block text-xs font-semibold" htmlFor={`rubric.criteria.${i}.title`}>Criterion {i + 1}</label>
                      <input id={`rubric.criteria.${i}.title`} value={c.title} onChange={(e) => patch({ title: e.target.value })} className={`${inputClass} mt-0`} aria-invalid={err(`rubric.criteria.${i}.title`) ? true : undefined} />
                      <FieldError errors={err(`rubric.criteria.${i}.title`)} />
                      <label className="mt-2 block text-xs font-semibold" htmlFor={`rubric.criteria.${i}.description`}>Description</label>
                      <textarea id={`rubric.criteria.${i}.description`} rows={2} value={c.description} onChange={(e) => patch({ description: e.target.value })} className={`${inputClass} mt-0`} />
                      <label className="mt-2 block text-xs font-semibold" htmlFor={`rubric.criteria.${i}.partIndex`}>Judges part</label>
                      <select id={`rubric.criteria.${i}.partIndex`} value={c.partIndex} onChange={(e) => patch({ partIndex: e.target.value })} className={`${inputClass} mt-0`}>
                        <option value="">The whole application</option>
                        {form.parts.map((p, j) => (
                          <option key={j} value={String(j)}>Part {j + 1}{p.title ? `: ${p.title}` : ''}</option>
                        ))}
                      </select>
                      <FieldError errors={err(`rubric.criteria.${i}.partIndex`)} />
                      <div className="mt-2 flex gap-1">
                        <button type="button" className={smallBtn} disabled={i === 0} onClick={() => update((f) => ({ ...f, rubric: { ...f.rubric, criteria: swap(f.rubric.criteria, i, i - 1) } }))}>
                          ↑<span className="sr-only"> Move criterion {i + 1} up</span>
                        </button>
                        <button type="button" className={smallBtn} disabled={i === form.rubric.criteria.length - 1} onClick={() => update((f) => ({ ...f, rubric: { ...f.rubric, criteria: swap(f.rubric.criteria, i, i + 1) } }))}>
                          ↓<span className="sr-only"> Move criterion {i + 1} down</span>
                        </button>
                        <button type="button" className={`${smallBtn} text-red-700`} onClick={() => update((f) => ({ ...f, rubric: { ...f.rubric, criteria: f.rubric.criteria.filter((_, j) => j !== i) } }))}>
                          Remove<span className="sr-only"> criterion {i + 1}</span>
                        </button>
                      </div>
                    </th>
                    {levels.map((l, rank) => (
                      <td key={rank} className="border border-slate-300 p-2 align-top">
                        <label className="sr-only" htmlFor={`rubric.criteria.${i}.descriptors.${rank}`}>{`${c.title || `Criterion ${i + 1}`} at ${l || `level ${rank + 1}`}`}</label>
                        <textarea
                          id={`rubric.criteria.${i}.descriptors.${rank}`}
                          rows={4}
                          value={c.descriptors[rank] ?? ''}
                          onChange={(e) => patch({ descriptors: levels.map((_, k) => (k === rank ? e.target.value : c.descriptors[k] ?? '')) })}
                          className={`${inputClass} mt-0`}
                          aria-invalid={err(`rubric.criteria.${i}.descriptors.${rank}`) ? true : undefined}
                        />
                        <FieldError errors={err(`rubric.criteria.${i}.descriptors.${rank}`)} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {form.rubric.criteria.map((_, i) => (err(`rubric.criteria.${i}.descriptors`, true) ? <FieldError key={i} errors={err(`rubric.criteria.${i}.descriptors`, true)} /> : null))}
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className={smallBtn} onClick={() => update((f) => ({ ...f, rubric: { ...f.rubric, criteria: [...f.rubric.criteria, { title: '', description: '', partIndex: '', descriptors: f.rubric.levels.map(() => '') }] } }))}>
            + Add a criterion
          </button>
          <button type="button" className={smallBtn} disabled={levels.length >= 6} onClick={() => update(addLevel)}>
            + Add a level
          </button>
        </div>
        <fieldset className="mt-6">
          <legend className="text-sm font-semibold">Passing rule</legend>
          <div className="mt-2 grid gap-x-4 sm:grid-cols-3">
            <SelectField label="Rule" name="rubric.passingRule.kind" value={form.rubric.passingKind} onChange={(e) => update((f) => ({ ...f, rubric: { ...f.rubric, passingKind: e.target.value as CredentialForm['rubric']['passingKind'] } }))}>
              <option value="ALL_AT_LEAST">Every criterion at or above a level</option>
              <option value="TOTAL_AT_LEAST">A total score, with a floor for each criterion</option>
            </SelectField>
            <SelectField
              label={form.rubric.passingKind === 'ALL_AT_LEAST' ? 'Passing level' : 'No criterion below'}
              name="rubric.passingRule.levelRank"
              value={form.rubric.levelRank}
              onChange={(e) => update((f) => ({ ...f, rubric: { ...f.rubric, levelRank: e.target.value } }))}
              errors={err('rubric.passingRule.levelRank')}
            >
              {levels.map((l, rank) => (
                <option key={rank} value={String(rank)}>{l || `Level ${rank + 1}`}</option>
              ))}
            </SelectField>
            {form.rubric.passingKind === 'TOTAL_AT_LEAST' ? (
              <TextField
                label="Total needed"
                name="rubric.passingRule.total"
                inputMode="numeric"
                value={form.rubric.total}
                onChange={(e) => update((f) => ({ ...f, rubric: { ...f.rubric, total: e.target.value } }))}
                hint={`Levels score 0 to ${levels.length - 1}; best possible is ${(levels.length - 1) * form.rubric.criteria.length}.`}
                errors={err('rubric.passingRule.total')}
              />
            ) : null}
          </div>
          <FieldError errors={err('rubric.passingRule', true)} />
        </fieldset>
      </Section>

      <Section title="Standards alignment">
        <ListEditor<AlignmentForm>
          items={form.alignments}
          noun="alignment"
          onChange={(alignments) => set('alignments', alignments)}
          make={() => ({ targetName: '', targetUrl: '', targetDescription: '', targetFramework: '', targetCode: '' })}
          errors={err('alignments', true)}
          render={(a, i, patch) => (
            <div className="grid gap-x-4 sm:grid-cols-2">
              <TextField label="Standard name" name={`alignments.${i}.targetName`} value={a.targetName} onChange={(e) => patch({ targetName: e.target.value })} errors={err(`alignments.${i}.targetName`)} />
              <TextField label="Web address" name={`alignments.${i}.targetUrl`} type="url" value={a.targetUrl} onChange={(e) => patch({ targetUrl: e.target.value })} errors={err(`alignments.${i}.targetUrl`)} />
              <TextField label="Framework (optional)" name={`alignments.${i}.targetFramework`} value={a.targetFramework} onChange={(e) => patch({ targetFramework: e.target.value })} errors={err(`alignments.${i}.targetFramework`)} />
              <TextField label="Code (optional)" name={`alignments.${i}.targetCode`} value={a.targetCode} onChange={(e) => patch({ targetCode: e.target.value })} errors={err(`alignments.${i}.targetCode`)} />
              <div className="sm:col-span-2">
                <TextField label="Description (optional)" name={`alignments.${i}.targetDescription`} value={a.targetDescription} onChange={(e) => patch({ targetDescription: e.target.value })} errors={err(`alignments.${i}.targetDescription`)} />
              </div>
            </div>
          )}
        />
      </Section>

      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4">
        <button type="submit" disabled={pending !== null} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
          {pending === 'save' ? 'Saving…' : 'Save draft'}
        </button>
        <button type="button" onClick={publish} disabled={pending !== null} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          Publish
        </button>
      </div>
    </form>
  );
}

function swap<T>(arr: T[], i: number, j: number): T[] {
  const out = [...arr];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="mb-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={`sec-${title}`}>
      <h2 id={`sec-${title}`} className="text-lg font-semibold">{title}</h2>
      {description ? <p className="mb-3 text-sm text-slate-700">{description}</p> : <div className="mb-3" />}
      {children}
    </section>
  );
}

function FieldError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return <p className="mt-1 text-sm font-medium text-red-700">{errors.join(' ')}</p>;
}

function ItemToolbar({ label, onUp, onDown, onRemove }: { label: string; onUp?: () => void; onDown?: () => void; onRemove: () => void }) {
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
      <h3 className="font-semibold">{label}</h3>
      <div className="flex gap-1">
        <button type="button" className={smallBtn} disabled={!onUp} onClick={onUp}>↑<span className="sr-only"> Move {label} up</span></button>
        <button type="button" className={smallBtn} disabled={!onDown} onClick={onDown}>↓<span className="sr-only"> Move {label} down</span></button>
        <button type="button" className={`${smallBtn} text-red-700`} onClick={onRemove}>Remove<span className="sr-only"> {label}</span></button>
      </div>
    </div>
  );
}

function ListEditor<T>({ items, noun, onChange, make, render, errors }: { items: T[]; noun: string; onChange: (items: T[]) => void; make: () => T; render: (item: T, index: number, patch: (v: Partial<T>) => void) => ReactNode; errors?: string[] }) {
  return (
    <div>
      <FieldError errors={errors} />
      {items.length === 0 ? <p className="text-sm text-slate-700">No {noun}s yet.</p> : null}
      <ol className="space-y-4">
        {items.map((item, i) => (
          <li key={i} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <ItemToolbar
              label={`${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${i + 1}`}
              onUp={i > 0 ? () => onChange(swap(items, i, i - 1)) : undefined}
              onDown={i < items.length - 1 ? () => onChange(swap(items, i, i + 1)) : undefined}
              onRemove={() => onChange(items.filter((_, j) => j !== i))}
            />
            {render(item, i, (v) => onChange(items.map((x, j) => (j === i ? { ...x, ...v } : x))))}
          </li>
        ))}
      </ol>
      <button type="button" className={`${smallBtn} mt-3`} onClick={() => onChange([...items, make()])}>
        + Add a {noun}
      </button>
    </div>
  );
}
