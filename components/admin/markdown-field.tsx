'use client';

import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { renderMarkdown } from '@/lib/markdown';
import { FieldError, inputClass } from '@/components/ui/field';

const TABS = ['write', 'preview'] as const;
type Tab = (typeof TABS)[number];

/**
 * The tab a key moves to in the Write / Preview tab list (the ARIA tabs pattern): Left and Right
 * go round, Home and End go to the ends; null for any other key.
 */
export function tabAfterKey(current: Tab, key: string): Tab | null {
  const i = TABS.indexOf(current);
  if (key === 'ArrowRight') return TABS[(i + 1) % TABS.length];
  if (key === 'ArrowLeft') return TABS[(i - 1 + TABS.length) % TABS.length];
  if (key === 'Home') return TABS[0];
  if (key === 'End') return TABS[TABS.length - 1];
  return null;
}

/**
 * A Markdown textarea with a Write / Preview switch; the preview uses the same renderer as the
 * public pages. The switch is a tab list: one tab stop (the selected tab), arrow keys, Home and End
 * move between the tabs and show their panel.
 */
export function MarkdownField({
  label, name, value, onChange, hint, errors, rows = 6, required,
}: { label: string; name: string; value: string; onChange: (v: string) => void; hint?: ReactNode; errors?: string[]; rows?: number; required?: boolean }) {
  const [tab, setTab] = useState<Tab>('write');
  const uid = useId();
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const next = tabAfterKey(tab, e.key);
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`${uid}-${next}`)?.focus();
  };
  const describedBy = [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mb-4">
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={name} className="block text-sm font-semibold text-slate-900">
          {label}
          {required ? <span className="sr-only"> (required)</span> : null}
        </label>
        <div role="tablist" aria-label={`${label}: write or preview`} className="flex gap-1 text-xs">
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`${uid}-${t}`}
              aria-selected={tab === t}
              aria-controls={`${uid}-${t}-panel`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => setTab(t)}
              onKeyDown={onTabKey}
              className={`rounded px-2 py-1 font-semibold ${tab === t ? 'bg-slate-800 text-white' : 'bg-slate-100 text-slate-800 hover:bg-slate-200'}`}
            >
              {t === 'write' ? 'Write' : 'Preview'}
            </button>
          ))}
        </div>
      </div>
      {hint ? (
        <p id={`${name}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint} Markdown is supported.
        </p>
      ) : null}
      <div id={`${uid}-write-panel`} role="tabpanel" aria-labelledby={`${uid}-write`} hidden={tab !== 'write'}>
        <textarea
          id={name}
          name={name}
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          // Grows with its text (rows is the start, and the size where field-sizing is not supported), up to a scroll.
          className={`${inputClass} field-sizing-content min-h-20 max-h-[36rem]`}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
      <div id={`${uid}-preview-panel`} role="tabpanel" aria-labelledby={`${uid}-preview`} hidden={tab !== 'preview'} tabIndex={0} className="mt-1 min-h-24 rounded-md border border-slate-300 bg-slate-50 px-3 py-2">
        {value.trim() ? <div className="prose-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(value) }} /> : <p className="text-sm text-slate-600">Nothing to preview yet.</p>}
      </div>
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}
