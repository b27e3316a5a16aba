'use client';

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { FILE_KINDS, FILE_KIND_INFO } from '@/lib/evidence/file-types';
import { FieldError, SelectField, TextArea, TextField, inputClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { MarkdownField } from '@/components/admin/markdown-field';
import { BadgeImageField } from '@/components/admin/badge-image-field';
import { localDraftKey } from '@/components/ui/local-draft';
import { useLeaveGuard } from '@/components/ui/use-leave-guard';
import {
  addLevel, emptyAlignment, emptyCriterion, emptyPart, emptyResource, ensureItemIds, errorSummary, errorsFor, formToDefInput, issuesHeading, moveItem, movedIndex, movePart, noticeFocusClass, publishLabel, publishStep, reindexErrors, removedIndex, removeLevel, removePart,
  retiredNotice, RETIRE_CONFIRM, withTitle, type CredentialForm, type CredentialStatus, type CriterionForm, type ErrorSummaryItem, type NoticeTone, type PartForm, type ResourceForm, type AlignmentForm,
} from '@/components/admin/credential-form-state';
import { formatDayTime } from '@/lib/time-format';
import { publishGaps } from '@/lib/authoring/schemas';
import { publishCredentialAction, republishCredentialAction, retireCredentialAction, saveCredentialAction } from '@/app/admin/credentials/actions';
import {
  decideLocalDraft, editConflictNotice, parseLocalDraft, savedAllOf, savedNotice, STALE_COPY, trackLevelText, withTrackLevel, type EditBase, type EditorContent, type LocalDraft, type TrackLevel,
} from '@/components/admin/credential-edit-session';
import { shouldDropOnDiscard } from '@/components/admin/credential-discard';

type Props = {
  issuers: { id: string; name: string }[];
  issuerId: string;
  microCredentialId?: string;
  initial: CredentialForm;
  badgeImageKey: string | null;
  badgePreviewUrl: string | null;
  versionLabel: string;
  status: CredentialStatus;
  latestIsDraft: boolean;
  /** The version teachers see (or saw, before it was retired); null if never published. */
  publishedVersion?: number | null;
  /** ISO time of the last server save, to tell whether a browser copy is newer. */
  savedAt: string | null;
  /** The admin's time zone (ADR 023), for when unsaved work in this browser dates from (UTC, labelled, without one). */
  timeZone?: string | null;
  /** The newest version the form was loaded from: with savedAt, what a save expects to replace. */
  baseVersionId?: string | null;
  /** Once published, the address is fixed: issued badges link to it. */
  slugLocked?: boolean;
  /** What the saved draft still needs before it can be published (server-checked), keyed as the fields. */
  publishGaps?: Record<string, string[]>;
  /** The page was reached by saving or publishing a new credential (?saved=1, ?published=1): say how that went. */
  arrived?: 'saved' | 'published';
  /** In a track, the track page sets the level: shown here in words, and sent unchanged with every save. */
  trackLevel?: TrackLevel | null;
};

/**
 * `gaps`: the notice lists what the draft still needs before it can be published. `action`: what a
 * danger notice refused, for the heading of its list of fields to fix.
 */
type Notice = { tone: NoticeTone; text: string; gaps?: boolean; action?: 'save' | 'publish' } | null;

const NOT_READY = 'This draft is not ready to publish yet. Before you can publish:';

/** What the editor says when it opens: how a save or publish that brought it here went, else what a saved draft lacks. */
/** Opening a published (or retired) version that breaks a rule publishing has now (ADR 020): what to fix before it can be saved or published again. */
const PUBLISHED_NEEDS_FIX = 'This version was published before some of today’s rules. Before you can save changes or publish it again, fix:';

function initialNotice(arrived: Props['arrived'], hasGaps: boolean, latestIsDraft: boolean): Notice {
  if (arrived === 'published') return { tone: 'success', text: 'Version 1 is published and in the catalogue.' };
  if (arrived === 'saved') return { tone: 'success', text: savedNotice({ hasGaps, allSaved: true }), gaps: true };
  if (!hasGaps) return null;
  return latestIsDraft ? { tone: 'info', text: NOT_READY, gaps: true } : { tone: 'info', text: PUBLISHED_NEEDS_FIX, gaps: true };
}
/** The copy found in this browser when the page opened; `stale`: typed on an older version than the form shows. */
type Restorable = LocalDraft & { stale: boolean };

/** Asked before a link takes the admin away from unsaved changes; the restore offer above the form is what brings the copy back. */
const LEAVE_QUESTION = 'You have unsaved changes to this micro-credential. Leave without saving? A copy stays in this browser, and this page offers to restore it when you come back.';

/**
 * Text boxes in narrow places (the rubric's columns) grow with what is in them, so a descriptor is
 * read whole instead of scrolled inside its box; `rows` still sizes them where a browser cannot.
 */
const growingTextarea = 'field-sizing-content';

/**
 * A field that cannot change, so it does not look like one that can: a grey box and softer text
 * (slate-700 on slate-100 is 9.4:1), keeping the usual border and focus ring, as it can still be
 * focused and copied.
 */
const readOnlyInputClass = inputClass.replace('bg-white', 'bg-slate-100').replace('text-slate-900', 'text-slate-700');

const smallBtn = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-50';

export function CredentialEditor(props: Props) {
  const router = useRouter();
  // Already under the common prefix before it had a name: the same key as before, so nothing to adopt.
  const storageKey = localDraftKey(`credential-draft:${props.microCredentialId ?? `new:${props.issuerId}`}`);
  // Copies kept in the browser before list items had ids get them here.
  const [form, setForm] = useState<CredentialForm>(() => ensureItemIds(props.initial));
  const [issuerId, setIssuerId] = useState(props.issuerId);
  const [badgeKey, setBadgeKey] = useState(props.badgeImageKey);
  const [badgeUrl, setBadgeUrl] = useState(props.badgePreviewUrl);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]> | undefined>();
  const [gaps, setGaps] = useState<Record<string, string[]>>(() => props.publishGaps ?? {});
  const [notice, setNotice] = useState<Notice>(() => initialNotice(props.arrived, Object.keys(props.publishGaps ?? {}).length > 0, props.latestIsDraft));
  const [pending, setPending] = useState<null | 'save' | 'publish' | 'retire'>(null);
  const [dirty, setDirty] = useState(false);
  const [restorable, setRestorable] = useState<Restorable | null>(null);
  // What the server had when this form was loaded or last saved here; a save or publish is refused
  // if it moved. Kept across refreshes: a newer version someone else saved must not become it unseen.
  const [base, setBase] = useState<EditBase | null>(props.baseVersionId && props.savedAt ? { versionId: props.baseVersionId, updatedAt: props.savedAt } : null);
  // What is in the form now, for a save that finishes after more was typed (read after its await).
  const current = useRef<EditorContent>({ form, badgeImageKey: badgeKey });
  const dirtyNow = useRef(dirty);
  useEffect(() => {
    current.current = { form, badgeImageKey: badgeKey };
    dirtyNow.current = dirty;
  }, [form, badgeKey, dirty]);
  const noticeRef = useRef<HTMLDivElement>(null);
  // The heading of the notice's list of fields, when it has one: focus lands there, so it is read
  // first, and Tab goes on to the first field's link.
  const noticeHeadingRef = useRef<HTMLHeadingElement>(null);
  const focusNotice = () => (noticeHeadingRef.current ?? noticeRef.current)?.focus();
  const toolbarRef = useRef<HTMLDivElement>(null);
  // What a move or remove did, for screen readers; the region is always on the page so it is heard.
  const [announcement, setAnnouncement] = useState('');
  const announce = (text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u00a0` : text));

  // The toolbar is sticky: keep the page's scroll padding at least as tall as it (it wraps on small
  // screens), so a field reached with Tab or Shift+Tab is never hidden under it (WCAG 2.4.11).
  useEffect(() => {
    const bar = toolbarRef.current;
    if (!bar) return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty('--sticky-toolbar-height', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    root.classList.add('has-sticky-toolbar');
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(bar);
    return () => {
      observer?.disconnect();
      root.classList.remove('has-sticky-toolbar');
      root.style.removeProperty('--sticky-toolbar-height');
    };
  }, []);

  // Reached by a save or publish on the "new" page: the button that was pressed is gone, so the
  // outcome takes focus. The address loses its ?saved=1, so a reload does not say it again.
  useEffect(() => {
    if (!props.arrived) return;
    focusNotice();
    window.history.replaceState(window.history.state, '', window.location.pathname);
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Offer to restore unsaved work kept in this browser (after a crash, a closed tab, or a reload
  // after an edit conflict). It is compared by what it holds and the version it was typed on, never
  // by the clock: a copy is dropped without asking only when the server already has exactly it.
  useEffect(() => {
    let found: LocalDraft | null = null;
    try {
      found = parseLocalDraft(window.localStorage.getItem(storageKey));
    } catch {
      /* storage disabled: nothing to offer */
    }
    const decision = decideLocalDraft(found, { form: props.initial, badgeImageKey: props.badgeImageKey, base });
    if (decision === 'none' || !found) return;
    if (decision === 'drop') {
      window.localStorage.removeItem(storageKey);
      return;
    }
    // Browser storage is an external store: offer the copy once the page has hydrated.
    const offer: Restorable = { ...found, stale: decision === 'offer-stale' };
    const t = window.setTimeout(() => setRestorable(offer), 0);
    return () => window.clearTimeout(t);
    // Once, against what the page was opened with: a refresh after a save here must not offer back
    // what the form already holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  /** Writes the browser copy of unsaved work, with the version it was typed on. */
  const keepCopy = (content: EditorContent, on: EditBase | null, key = storageKey) => {
    try {
      window.localStorage.setItem(key, JSON.stringify({ ...content, at: new Date().toISOString(), base: on } satisfies LocalDraft));
    } catch {
      /* storage full or disabled: nothing to do */
    }
  };

  // Keep a browser copy of unsaved work.
  useEffect(() => {
    if (!dirty) return;
    const t = window.setTimeout(() => keepCopy({ form, badgeImageKey: badgeKey }, base), 400);
    return () => window.clearTimeout(t);
    // keepCopy only closes over storageKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, badgeKey, dirty, storageKey, base]);

  // Leaving with unsaved changes asks first, by a link in the app as by a reload. What was typed in
  // the last moments (the copy waits for a pause in typing) is written at once, so the page can
  // offer it back on return as the question says.
  useLeaveGuard(dirty, LEAVE_QUESTION, () => keepCopy(current.current, base));

  const update = (fn: (f: CredentialForm) => CredentialForm) => {
    setForm((f) => fn(f));
    setDirty(true);
  };
  const set = <K extends keyof CredentialForm>(key: K, value: CredentialForm[K]) => update((f) => ({ ...f, [key]: value }));
  const err = (path: string, exact = false) => errorsFor(fieldErrors, path, exact);

  function show(n: Notice) {
    setNotice(n);
    window.setTimeout(focusNotice, 0);
  }

  /**
   * Saves what is in the form as a draft, finished or not; the notice lists what it still needs
   * before it can be published. A new credential then moves to its own page, unless `stay` (Publish
   * goes on from here, then moves).
   */
  async function save(opts: { stay?: boolean } = {}): Promise<{ id: string; base: EditBase } | null> {
    setPending('save');
    // What this save sends: fields stay open while it is on its way, so more may be typed meanwhile.
    const sent: EditorContent = { form, badgeImageKey: badgeKey };
    try {
      const expected = props.microCredentialId ? base : null;
      const res = await saveCredentialAction({ issuerId, microCredentialId: props.microCredentialId, def: formToDefInput(withTrackLevel(form, props.trackLevel)), badgeImageKey: badgeKey, expected });
      if (!res.ok) {
        setFieldErrors(res.fieldErrors);
        const unsaved = dirty || dirtyNow.current;
        const conflict = editConflictNotice(res, { action: 'save', unsaved });
        // Kept now, not after the usual pause: the admin is told to reload.
        if (conflict && unsaved) keepCopy(current.current, expected);
        show({ tone: 'danger', text: conflict ?? res.formError ?? 'Some fields need attention.', action: 'save' });
        return null;
      }
      setFieldErrors(undefined);
      const { id, missing } = res.data!;
      const saved = { versionId: res.data!.versionId, updatedAt: res.data!.savedAt };
      // The version saved is what the form is now based on (also a new draft of a published one):
      // updated in place, so the notice and focus stay where they are.
      setBase(saved);
      const allSaved = savedAllOf(sent, current.current);
      if (!props.microCredentialId) {
        // The new credential's own page takes over: what was typed while it was being created goes
        // to that page's copy, which offers it back, not to this page's (restoring it here would
        // make a second credential).
        if (!allSaved) keepCopy(current.current, saved, localDraftKey(`credential-draft:${id}`));
        setDirty(false);
        window.localStorage.removeItem(storageKey);
      } else if (allSaved) {
        setDirty(false);
        window.localStorage.removeItem(storageKey);
      }
      setGaps(missing);
      show({ tone: 'success', text: savedNotice({ hasGaps: Object.keys(missing).length > 0, allSaved }), gaps: true });
      if (!props.microCredentialId) {
        if (!opts.stay) router.replace(`/admin/credentials/${id}/edit?saved=1`);
      } else router.refresh();
      return { id, base: saved };
    } catch {
      show({ tone: 'danger', text: 'The server could not be reached. Your work is kept in this browser; try again.' });
      return null;
    } finally {
      setPending(null);
    }
  }

  async function publish() {
    let id = props.microCredentialId ?? null;
    const step = publishStep({ status: props.status, persisted: Boolean(id), latestIsDraft: props.latestIsDraft, dirty });
    if (step === 'nothing-new') {
      show({ tone: 'info', text: 'There are no unpublished changes: the latest version is already published.' });
      return;
    }
    if (step === 'publish-again' && id) return publishAgain(id);
    // Publishing needs everything: say all that is missing, at its fields, before saving or sending
    // anything. The server checks the saved draft again.
    const missing = publishGaps(formToDefInput(withTrackLevel(form, props.trackLevel)));
    if (Object.keys(missing).length) {
      setFieldErrors(missing);
      show({ tone: 'danger', text: 'It cannot be published until everything listed is filled in. Nothing was published.', action: 'publish' });
      return;
    }
    const isNew = !id;
    // The version the publisher saw: the one just saved, else the one the form was loaded or last saved on.
    let expected = base;
    if (dirty || !id) {
      const saved = await save({ stay: true });
      id = saved?.id ?? null;
      expected = saved?.base ?? null;
    }
    if (!id) return;
    if (!expected) {
      show({ tone: 'danger', text: 'This page is out of date. Reload it, then choose Publish. Nothing was published.', action: 'publish' });
      return;
    }
    setPending('publish');
    let published = false;
    try {
      const res = await publishCredentialAction({ microCredentialId: id, expected });
      if (!res.ok) {
        setFieldErrors(res.fieldErrors);
        const conflict = editConflictNotice(res, { action: 'publish', unsaved: dirtyNow.current });
        if (conflict && dirtyNow.current) keepCopy(current.current, expected);
        show({ tone: 'danger', text: conflict ?? res.formError ?? 'It could not be published.', action: 'publish' });
      } else {
        published = true;
        if (res.data) {
          const now = { versionId: res.data.versionId, updatedAt: res.data.savedAt };
          setBase(now);
          // A new credential's copy of what was typed while it was being created (see save) was
          // typed on what has just been published: its page offers it as such, not as someone else's newer save.
          if (isNew) {
            const key = localDraftKey(`credential-draft:${id}`);
            let carried: LocalDraft | null = null;
            try {
              carried = parseLocalDraft(window.localStorage.getItem(key));
            } catch {
              /* storage disabled: there is no copy */
            }
            if (carried) keepCopy(carried, now, key);
          }
        }
        setGaps({});
        show({ tone: 'success', text: res.message ?? 'Published.' });
        if (!isNew) router.refresh();
      }
    } catch {
      show({ tone: 'danger', text: 'The server could not be reached. Nothing was published; try again.', action: 'publish' });
    } finally {
      setPending(null);
      // A new credential was saved: it goes on from its own page, which says how it went.
      if (isNew) router.replace(`/admin/credentials/${id}/edit?${published ? 'published' : 'saved'}=1`);
    }
  }

  /** A retired credential with nothing new goes back in the catalogue with its last published version. */
  async function publishAgain(id: string) {
    if (!base) {
      show({ tone: 'danger', text: 'This page is out of date. Reload it, then choose Publish again.' });
      return;
    }
    setPending('publish');
    try {
      const res = await republishCredentialAction({ microCredentialId: id, expected: base });
      if (!res.ok) {
        // A version from before a rule it breaks (e.g. a link that is not a web address) is listed at its fields: the form shows that version.
        setFieldErrors(res.fieldErrors);
        show({ tone: 'danger', text: res.formError ?? 'It could not be published again.', action: 'publish' });
      } else {
        show({ tone: 'success', text: res.message ?? 'Published again.' });
        router.refresh();
      }
    } catch {
      show({ tone: 'danger', text: 'The server could not be reached. Nothing was changed; try again.', action: 'publish' });
    } finally {
      setPending(null);
    }
  }

  async function retire() {
    if (!props.microCredentialId) return;
    if (!window.confirm(RETIRE_CONFIRM)) return;
    setPending('retire');
    try {
      const res = await retireCredentialAction(props.microCredentialId);
      show(res.ok ? { tone: 'success', text: res.message ?? 'Retired.' } : { tone: 'danger', text: res.formError ?? 'It could not be retired.' });
      if (res.ok) router.refresh();
    } finally {
      setPending(null);
    }
  }

  const summary = useMemo(() => errorSummary(fieldErrors), [fieldErrors]);
  const gapItems = useMemo(() => errorSummary(gaps), [gaps]);
  const errorCount = summary.length;
  // The list the notice shows, if any, and the heading over it.
  const listed = notice?.tone === 'danger' && errorCount ? summary : notice?.gaps && gapItems.length ? gapItems : [];
  const listHeading = notice?.tone === 'danger' && errorCount ? issuesHeading(notice.action ?? 'save', errorCount) : notice?.text;
  const levels = form.rubric.levels;

  /**
   * After a move in `list` ("parts", "rubric.criteria", ...): the server's errors follow their item,
   * and focus stays on the moved item's same button, or its other one if that is now disabled.
   */
  const afterMove = (list: string, label: string, uid: string, from: number, to: number) => {
    setFieldErrors((e) => reindexErrors(e, list, movedIndex(from, to)));
    setGaps((g) => reindexErrors(g, list, movedIndex(from, to)) ?? {});
    const dir = to < from ? 'up' : 'down';
    announce(`${label} moved ${dir} to position ${to + 1}.`);
    focusFirst([`${uid}-${dir}`, `${uid}-${dir === 'up' ? 'down' : 'up'}`]);
  };
  /** After an add: said for screen readers, and focus goes to the new item's first field, ready to type. */
  const afterAdd = (label: string, focusId: string, inside = false) => {
    announce(`${label} added.`);
    if (inside) focusFieldIn(focusId);
    else focusFirst([focusId]);
  };
  /** After a remove: its errors go, the others' follow them, and focus goes to what now stands in its place, else the list's add button. */
  const afterRemove = (list: string, index: number, label: string, next: string[]) => {
    setFieldErrors((e) => reindexErrors(e, list, removedIndex(index)));
    setGaps((g) => reindexErrors(g, list, removedIndex(index)) ?? {});
    announce(`${label} removed.`);
    focusFirst(next);
  };

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
      <div ref={toolbarRef} className="sticky top-0 z-10 -mx-4 mb-6 border-b border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm font-semibold text-slate-800" aria-live="polite">
            {props.versionLabel}
            {/* The space is text, so the label reads as two phrases to a screen reader too (the margin alone is only seen). */}
            {dirty ? <span className="ml-1 font-normal text-amber-800">{' · unsaved changes (kept in this browser)'}</span> : null}
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={pending !== null} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
              {pending === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" onClick={publish} disabled={pending !== null} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
              {publishLabel(props.status, pending === 'publish')}
            </button>
            {props.status === 'PUBLISHED' ? (
              <button type="button" onClick={retire} disabled={pending !== null} className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
                {pending === 'retire' ? 'Retiring…' : 'Retire'}
              </button>
            ) : null}
          </div>
        </div>
      </div>

      <p className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>

      {props.status === 'RETIRED' ? (
        // Not a live region: it changes wording as the form is edited, which would be read out on every keystroke.
        <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          {retiredNotice({ slug: form.slug, publishedVersion: props.publishedVersion ?? null, latestIsDraft: props.latestIsDraft, dirty })}
        </div>
      ) : null}

      {/*
        Focused when a notice appears, with a visible ring. A notice with a list (after a failed save
        or publish, the fields to fix; after a save of an unfinished draft, what publishing still
        needs) has a heading, which takes focus instead: it is read first, and each problem under it
        is a link to its field.
      */}
      <div ref={noticeRef} tabIndex={-1} className={noticeFocusClass(notice?.tone)}>
        {notice ? (
          <div className="mb-4">
            {/* No live role of its own: focus moves to it, which reads it (ADR 021); a role would say it twice. */}
            <Alert tone={notice.tone} live={false}>
              {listed.length ? (
                <>
                  <h2 ref={noticeHeadingRef} id="editor-notice-heading" tabIndex={-1} className={`font-semibold ${noticeFocusClass(notice.tone)}`}>
                    {listHeading}
                  </h2>
                  {listHeading !== notice.text ? <p>{notice.text}</p> : null}
                  <IssueLinks items={listed} labelledBy="editor-notice-heading" className={notice.tone === 'danger' ? 'text-red-950' : undefined} />
                </>
              ) : (
                notice.text
              )}
            </Alert>
          </div>
        ) : null}
      </div>
      {/* Always on the page, so the offer is read out when it appears a moment after load (ADR 021): the Alert has no role of its own. */}
      <div role="status">
        {restorable ? (
          <div className="mb-4">
            <Alert tone="warning" title="Unsaved work found in this browser" live={false}>
              <p>You have changes from {formatDayTime(new Date(restorable.at), props.timeZone ?? null)} that were not saved to the server.</p>
              {restorable.stale ? <p className="mt-1">{STALE_COPY}</p> : null}
              <div className="mt-2 flex gap-2">
                {/* Either choice takes the notice (and the focused button) away: focus goes to the form's first field, and the outcome is read out. */}
                <button
                  type="button"
                  className={smallBtn}
                  onClick={() => {
                    setForm(ensureItemIds(restorable.form));
                    setBadgeKey(restorable.badgeImageKey);
                    setDirty(true);
                    setRestorable(null);
                    announce('Your unsaved changes are back in the form. Save the draft to keep them.');
                    focusFirst(FIRST_FIELDS);
                  }}
                >
                  Restore my changes
                </button>
                <button
                  type="button"
                  className={smallBtn}
                  onClick={() => {
                    // Only the copy that was offered goes. Anything typed while the offer showed is
                    // the copy now (or about to be, 400 ms after the last change): it is kept, and
                    // written at once, as the toolbar says it is kept in this browser.
                    try {
                      if (shouldDropOnDiscard(parseLocalDraft(window.localStorage.getItem(storageKey)), restorable)) window.localStorage.removeItem(storageKey);
                    } catch {
                      /* storage disabled: nothing was kept */
                    }
                    if (dirty) keepCopy({ form, badgeImageKey: badgeKey }, base);
                    setRestorable(null);
                    announce(dirty ? 'The earlier unsaved changes were discarded. What you typed since is kept.' : 'The unsaved changes were discarded. The form shows what was last saved.');
                    focusFirst(FIRST_FIELDS);
                  }}
                >
                  Discard them
                </button>
              </div>
            </Alert>
          </div>
        ) : null}
      </div>

      <p className="mb-4 text-sm text-slate-700">
        Every field is required unless it is marked (optional). You can save a draft at any point once it has a title, a web address and its PD hours; the rest is needed to publish.
      </p>

      <Section title="Basics">
        {!props.microCredentialId && props.issuers.length > 1 ? (
          <SelectField label="Issuing organisation" name="issuerId" value={issuerId} onChange={(e) => setIssuerId(e.target.value)} errors={err('issuerId')}>
            {props.issuers.map((i) => (
              <option key={i.id} value={i.id}>{i.name}</option>
            ))}
          </SelectField>
        ) : null}
        <TextField label="Title" name="title" value={form.title} onChange={(e) => { const title = e.target.value; update((f) => withTitle(f, title, { saved: Boolean(props.microCredentialId) })); }} errors={err('title')} required />
        <TextField
          label="Web address"
          name="slug"
          value={form.slug}
          onChange={(e) => set('slug', e.target.value)}
          readOnly={props.slugLocked}
          className={props.slugLocked ? readOnlyInputClass : inputClass}
          hint={
            props.slugLocked ? (
              <>The page is /micro-credentials/<strong>{form.slug}</strong>. It cannot change now that it is published: issued badges link to it.</>
            ) : (
              <>The page will be /micro-credentials/<strong>{form.slug || 'your-address'}</strong>. Lowercase letters, numbers and hyphens.</>
            )
          }
          errors={err('slug')}
          required
        />
        <TextArea label="Summary" name="summary" rows={2} className={`${inputClass} ${growingTextarea} min-h-20`} value={form.summary} onChange={(e) => set('summary', e.target.value)} hint="One or two sentences for the catalogue card." errors={err('summary')} required />
        <MarkdownField label="Competency" name="competency" value={form.competency} onChange={(v) => set('competency', v)} rows={3} hint="What the educator can do once they earn it." errors={err('competency')} required />
        <MarkdownField label="Key method" name="keyMethod" value={form.keyMethod} onChange={(v) => set('keyMethod', v)} errors={err('keyMethod')} required />
        <MarkdownField label="Method components (optional)" name="methodComponents" value={form.methodComponents} onChange={(v) => set('methodComponents', v)} errors={err('methodComponents')} />
        <MarkdownField label="Research and rationale (optional)" name="researchRationale" value={form.researchRationale} onChange={(v) => set('researchRationale', v)} errors={err('researchRationale')} />
      </Section>

      <Section title="Classification and credit" description={props.slugLocked ? 'Changes here reach the catalogue and new badges when you publish.' : undefined}>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label="Topic" name="topic" value={form.topic} onChange={(e) => set('topic', e.target.value)} errors={err('topic')} required />
          {props.trackLevel ? (
            // Not a field: the track page sets it (a published level never moves). The error summary
            // links here (id "level") if the server still refuses the level.
            <div className="mb-4">
              <p className="block text-sm font-semibold">Level</p>
              <p id="level" tabIndex={-1} className="mt-1 text-sm text-slate-800 focus:outline-2 focus:outline-offset-2 focus:outline-brand-600" aria-describedby={err('level') ? 'level-error' : undefined}>
                {trackLevelText(props.trackLevel)} Levels are set on{' '}
                {/* A plain link: leaving with unsaved changes asks first, as a reload does. */}
                <a href={`/admin/tracks/${props.trackLevel.trackId}`}>the track page</a>.
              </p>
              <FieldError id="level-error" errors={err('level')} />
            </div>
          ) : (
            <SelectField label="Level (optional)" name="level" value={form.level} onChange={(e) => set('level', e.target.value)} hint="1 shows understanding; 2 shows the skill in the teacher’s own classroom." errors={err('level')}>
              <option value="">No level</option>
              {[1, 2, 3, 4, 5].map((l) => (
                <option key={l} value={String(l)}>Level {l}</option>
              ))}
            </SelectField>
          )}
          <TextField label="Subjects (optional)" name="subjects" value={form.subjects} onChange={(e) => set('subjects', e.target.value)} hint="Separate with commas." errors={err('subjects')} />
          <TextField label="Grade bands (optional)" name="gradeBands" value={form.gradeBands} onChange={(e) => set('gradeBands', e.target.value)} hint="Separate with commas, e.g. K-2, 3-5." errors={err('gradeBands')} />
          <TextField label="PD hours" name="pdHours" inputMode="decimal" value={form.pdHours} onChange={(e) => set('pdHours', e.target.value)} hint="Counted in teachers’ and districts’ PD-hour reports. Use at most one decimal place, e.g. 7.5; enter 0 if it carries none." errors={err('pdHours')} required />
          <TextField label="Expires after, in months (optional)" name="expiryMonths" inputMode="numeric" value={form.expiryMonths} onChange={(e) => set('expiryMonths', e.target.value)} hint="Leave empty if the credential does not expire. Holders are reminded 90 days before it ends and can renew it with fresh evidence." errors={err('expiryMonths')} />
        </div>
      </Section>

      <Section title="Badge">
        <div className="mb-4">
          <label htmlFor="badgeColor" className="block text-sm font-semibold">Badge colour</label>
          <div className="mt-1 flex items-center gap-3">
            <input id="badgeColor-picker" type="color" aria-label="Pick the badge colour" value={/^#[0-9a-f]{6}$/i.test(form.badgeColor) ? form.badgeColor : '#1d4ed8'} onChange={(e) => set('badgeColor', e.target.value)} className="h-10 w-14 rounded border border-slate-500" />
            <input id="badgeColor" name="badgeColor" value={form.badgeColor} onChange={(e) => set('badgeColor', e.target.value)} className={`${inputClass} mt-0 max-w-40`} aria-invalid={err('badgeColor') ? true : undefined} aria-describedby={err('badgeColor') ? 'badgeColor-error' : undefined} />
          </div>
          <FieldError id="badgeColor-error" errors={err('badgeColor')} />
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
          name="resources"
          noun="resource"
          onChange={(resources) => set('resources', resources)}
          make={emptyResource}
          errors={err('resources', true)}
          afterMove={afterMove}
          afterRemove={afterRemove}
          afterAdd={afterAdd}
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
                <MarkdownField label="Notes (optional)" name={`resources.${i}.body`} rows={3} value={r.body} onChange={(v) => patch({ body: v })} errors={err(`resources.${i}.body`)} />
              </div>
            </div>
          )}
        />
      </Section>

      <Section title="Submission parts" description="What the teacher submits. Each part is one section of the application.">
        <FieldError id="parts-error" errors={err('parts', true)} />
        <ol className="space-y-4">
          {form.parts.map((p, i) => {
            const patch = (v: Partial<PartForm>) => update((f) => ({ ...f, parts: f.parts.map((x, j) => (j === i ? { ...x, ...v } : x)) }));
            const takesFiles = p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES';
            return (
              <li key={p.uid} className="rounded-md border border-slate-200 bg-slate-50 p-3">
                <ItemToolbar
                  uid={p.uid}
                  label={`Part ${i + 1}${p.title ? `: ${p.title}` : ''}`}
                  onUp={i > 0 ? () => { update((f) => movePart(f, i, i - 1)); afterMove('parts', `Part ${i + 1}`, p.uid, i, i - 1); } : undefined}
                  onDown={i < form.parts.length - 1 ? () => { update((f) => movePart(f, i, i + 1)); afterMove('parts', `Part ${i + 1}`, p.uid, i, i + 1); } : undefined}
                  onRemove={() => {
                    const next = form.parts[i + 1];
                    update((f) => removePart(f, i));
                    afterRemove('parts', i, `Part ${i + 1}`, next ? toolbarIds(next.uid) : ['add-part']);
                  }}
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
                      <input id={`parts.${i}.required`} type="checkbox" checked={p.required} onChange={(e) => patch({ required: e.target.checked })} className="h-4 w-4" /> Required
                    </label>
                  </div>
                </div>
                {takesFiles ? (
                  <>
                    <fieldset className="mb-3" aria-describedby={err(`parts.${i}.allowedTypes`) ? `parts.${i}.allowedTypes-error` : undefined}>
                      <legend className="text-sm font-semibold">Allowed file types</legend>
                      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                        {FILE_KINDS.map((k, n) => (
                          <label key={k} className="flex items-center gap-1.5 text-sm">
                            <input
                              // The first box carries the field's id, so the error summary can link to it.
                              id={n === 0 ? `parts.${i}.allowedTypes` : undefined}
                              type="checkbox"
                              className="h-4 w-4"
                              checked={p.allowedTypes.includes(k)}
                              onChange={(e) => patch({ allowedTypes: e.target.checked ? [...p.allowedTypes, k] : p.allowedTypes.filter((t) => t !== k) })}
                            />
                            {FILE_KIND_INFO[k].label}
                          </label>
                        ))}
                      </div>
                      <FieldError id={`parts.${i}.allowedTypes-error`} errors={err(`parts.${i}.allowedTypes`)} />
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
        <button id="add-part" type="button" className={`${smallBtn} mt-3`} onClick={() => { update((f) => ({ ...f, parts: [...f.parts, emptyPart()] })); afterAdd(`Part ${form.parts.length + 1}`, `parts.${form.parts.length}.title`); }}>
          + Add a part
        </button>
      </Section>

      <Section title="Rubric" description="Criteria down the side, proficiency levels across the top (lowest first). Describe what each criterion looks like at each level.">
        {err('rubric', true) || err('rubric.levels', true) || err('rubric.criteria', true) ? <FieldError id="rubric-error" errors={[...(err('rubric', true) ?? []), ...(err('rubric.levels', true) ?? []), ...(err('rubric.criteria', true) ?? [])]} /> : null}
        <div className="relative overflow-x-auto">
          {/*
            Below md the grid is stacked (CSS only, same fields in the same order): the level names,
            then each criterion with its descriptions one under another, each labelled by its level,
            instead of a 48rem table scrolled sideways on a phone. The level columns share the width
            equally (fixed layout): the descriptor boxes grow with their text, and would otherwise
            widen the column with the longest one and squeeze the others.
          */}
          <table className="w-full border-collapse text-sm max-md:block md:min-w-[48rem] md:table-fixed">
            <caption className="sr-only">Rubric builder</caption>
            <thead className="max-md:mb-4 max-md:block">
              <tr className="max-md:block">
                <th scope="col" className="w-64 border border-slate-300 bg-slate-100 p-2 text-left max-md:hidden">Criterion</th>
                {levels.map((l, rank) => (
                  <th key={form.rubric.levelIds[rank] ?? rank} scope="col" className="border border-slate-300 bg-slate-100 p-2 text-left align-top max-md:block">
                    {/* A visible name: the placeholder alone is no label, and disappears once there is text. */}
                    <label className="block text-xs font-semibold" htmlFor={`rubric.levels.${rank}`}>Name of level {rank + 1}</label>
                    <input id={`rubric.levels.${rank}`} value={l} onChange={(e) => update((f) => ({ ...f, rubric: { ...f.rubric, levels: f.rubric.levels.map((x, j) => (j === rank ? e.target.value : x)) } }))} className={`${inputClass} mt-0`} placeholder={`Level ${rank + 1}`} {...invalid(err(`rubric.levels.${rank}`), `rubric.levels.${rank}-error`)} />
                    <FieldError id={`rubric.levels.${rank}-error`} errors={err(`rubric.levels.${rank}`)} />
                    {levels.length > 2 ? (
                      <button
                        type="button"
                        className="mt-1 inline-flex min-h-6 items-center py-1 text-xs font-semibold text-red-700 underline"
                        onClick={() => {
                          update((f) => removeLevel(f, rank));
                          afterRemove('rubric.levels', rank, `Level ${rank + 1}${l ? ` (${l})` : ''}`, rank < levels.length - 1 ? [`rubric.levels.${rank}`, 'add-level'] : ['add-level']);
                        }}
                      >
                        Remove level<span className="sr-only"> {l || rank + 1}</span>
                      </button>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="max-md:block">
              {form.rubric.criteria.map((c, i) => {
                const patch = (v: Partial<CriterionForm>) => update((f) => ({ ...f, rubric: { ...f.rubric, criteria: f.rubric.criteria.map((x, j) => (j === i ? { ...x, ...v } : x)) } }));
                return (
                  <tr key={c.uid} className="max-md:mb-4 max-md:block">
                    <th scope="row" className="border border-slate-300 p-2 text-left align-top font-normal max-md:block">
                      <label className="block text-xs font-semibold" htmlFor={`rubric.criteria.${i}.title`}>Criterion {i + 1}</label>
                      <input id={`rubric.criteria.${i}.title`} value={c.title} onChange={(e) => patch({ title: e.target.value })} className={`${inputClass} mt-0`} {...invalid(err(`rubric.criteria.${i}.title`), `rubric.criteria.${i}.title-error`)} />
                      <FieldError id={`rubric.criteria.${i}.title-error`} errors={err(`rubric.criteria.${i}.title`)} />
                      <label className="mt-2 block text-xs font-semibold" htmlFor={`rubric.criteria.${i}.description`}>Description (optional)</label>
                      <textarea id={`rubric.criteria.${i}.description`} rows={2} value={c.description} onChange={(e) => patch({ description: e.target.value })} className={`${inputClass} ${growingTextarea} mt-0 min-h-16`} {...invalid(err(`rubric.criteria.${i}.description`), `rubric.criteria.${i}.description-error`)} />
                      <FieldError id={`rubric.criteria.${i}.description-error`} errors={err(`rubric.criteria.${i}.description`)} />
                      <label className="mt-2 block text-xs font-semibold" htmlFor={`rubric.criteria.${i}.partIndex`}>Judges part (optional)</label>
                      <select id={`rubric.criteria.${i}.partIndex`} value={c.partIndex} onChange={(e) => patch({ partIndex: e.target.value })} className={`${inputClass} mt-0`} {...invalid(err(`rubric.criteria.${i}.partIndex`), `rubric.criteria.${i}.partIndex-error`)}>
                        <option value="">The whole application</option>
                        {form.parts.map((p, j) => (
                          <option key={p.uid} value={String(j)}>Part {j + 1}{p.title ? `: ${p.title}` : ''}</option>
                        ))}
                      </select>
                      <FieldError id={`rubric.criteria.${i}.partIndex-error`} errors={err(`rubric.criteria.${i}.partIndex`)} />
                      <div className="mt-2 flex gap-1">
                        <button
                          id={`${c.uid}-up`}
                          type="button"
                          className={smallBtn}
                          disabled={i === 0}
                          onClick={() => {
                            update((f) => ({ ...f, rubric: { ...f.rubric, criteria: moveItem(f.rubric.criteria, i, i - 1) } }));
                            afterMove('rubric.criteria', `Criterion ${i + 1}`, c.uid, i, i - 1);
                          }}
                        >
                          ↑<span className="sr-only"> Move criterion {i + 1} up</span>
                        </button>
                        <button
                          id={`${c.uid}-down`}
                          type="button"
                          className={smallBtn}
                          disabled={i === form.rubric.criteria.length - 1}
                          onClick={() => {
                            update((f) => ({ ...f, rubric: { ...f.rubric, criteria: moveItem(f.rubric.criteria, i, i + 1) } }));
                            afterMove('rubric.criteria', `Criterion ${i + 1}`, c.uid, i, i + 1);
                          }}
                        >
                          ↓<span className="sr-only"> Move criterion {i + 1} down</span>
                        </button>
                        <button
                          type="button"
                          className={`${smallBtn} text-red-700`}
                          onClick={() => {
                            const hasNext = i < form.rubric.criteria.length - 1;
                            update((f) => ({ ...f, rubric: { ...f.rubric, criteria: f.rubric.criteria.filter((_, j) => j !== i) } }));
                            afterRemove('rubric.criteria', i, `Criterion ${i + 1}`, hasNext ? [`rubric.criteria.${i}.title`] : ['add-criterion']);
                          }}
                        >
                          Remove<span className="sr-only"> criterion {i + 1}</span>
                        </button>
                      </div>
                    </th>
                    {levels.map((l, rank) => (
                      <td key={form.rubric.levelIds[rank] ?? rank} className="border border-slate-300 p-2 align-top max-md:block">
                        {/* Stacked on a phone there is no column heading above it: the label shows there. */}
                        <label className="sr-only max-md:not-sr-only max-md:mb-1 max-md:block max-md:text-xs max-md:font-semibold" htmlFor={`rubric.criteria.${i}.descriptors.${rank}`}>{`${c.title || `Criterion ${i + 1}`} at ${l || `level ${rank + 1}`}`}</label>
                        <textarea
                          id={`rubric.criteria.${i}.descriptors.${rank}`}
                          rows={4}
                          value={c.descriptors[rank] ?? ''}
                          onChange={(e) => patch({ descriptors: levels.map((_, k) => (k === rank ? e.target.value : c.descriptors[k] ?? '')) })}
                          className={`${inputClass} ${growingTextarea} mt-0 min-h-24`}
                          aria-invalid={err(`rubric.criteria.${i}.descriptors.${rank}`) ? true : undefined}
                          aria-describedby={
                            [
                              err(`rubric.criteria.${i}.descriptors.${rank}`) ? `rubric.criteria.${i}.descriptors.${rank}-error` : null,
                              err(`rubric.criteria.${i}.descriptors`, true) ? `rubric.criteria.${i}.descriptors-error` : null,
                            ].filter(Boolean).join(' ') || undefined
                          }
                        />
                        <FieldError id={`rubric.criteria.${i}.descriptors.${rank}-error`} errors={err(`rubric.criteria.${i}.descriptors.${rank}`)} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {form.rubric.criteria.map((c, i) => (err(`rubric.criteria.${i}.descriptors`, true) ? <FieldError key={c.uid} id={`rubric.criteria.${i}.descriptors-error`} errors={[`Criterion ${i + 1}:`, ...(err(`rubric.criteria.${i}.descriptors`, true) ?? [])]} /> : null))}
        <div className="mt-3 flex flex-wrap gap-2">
          <button id="add-criterion" type="button" className={smallBtn} onClick={() => { update((f) => ({ ...f, rubric: { ...f.rubric, criteria: [...f.rubric.criteria, emptyCriterion(f.rubric.levels.length)] } })); afterAdd(`Criterion ${form.rubric.criteria.length + 1}`, `rubric.criteria.${form.rubric.criteria.length}.title`); }}>
            + Add a criterion
          </button>
          {/* Focus goes to the new level's name, as after the other Add buttons: at six levels this button is disabled, and would drop it. */}
          <button id="add-level" type="button" className={smallBtn} disabled={levels.length >= 6} onClick={() => { update(addLevel); afterAdd(`Level ${levels.length + 1}`, `rubric.levels.${levels.length}`); }}>
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
              {/* Cleared when the level it named was removed (credential-form-state's removeLevel): asked for again. */}
              {form.rubric.levelRank === '' ? <option value="">Choose the passing level</option> : null}
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
          <FieldError id="rubric.passingRule-error" errors={err('rubric.passingRule', true)} />
        </fieldset>
      </Section>

      <Section title="Standards alignment">
        <ListEditor<AlignmentForm>
          items={form.alignments}
          name="alignments"
          noun="alignment"
          onChange={(alignments) => set('alignments', alignments)}
          make={emptyAlignment}
          errors={err('alignments', true)}
          afterMove={afterMove}
          afterRemove={afterRemove}
          afterAdd={afterAdd}
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
          {publishLabel(props.status, false)}
        </button>
      </div>
    </form>
  );
}

/** Focuses the first of `ids` that is on the page, shown and enabled, once React has rendered the change. */
/** Focus the first field (input, select, textarea) inside the element with this id, once it has rendered. */
function focusFieldIn(containerId: string) {
  window.setTimeout(() => {
    document.getElementById(containerId)?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, 0);
}

function focusFirst(ids: string[]) {
  window.setTimeout(() => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el && el.getClientRects().length > 0 && !(el instanceof HTMLButtonElement && el.disabled)) {
        el.focus();
        return;
      }
    }
  }, 0);
}

/**
 * Moves to a field from the error summary: the first of `ids` on the page (the field, else what
 * stands in for it). False if none is (the link then works as a plain link).
 */
function focusField(ids: string[]): boolean {
  const id = ids.find((candidate) => document.getElementById(candidate) !== null);
  const el = id ? document.getElementById(id) : null;
  if (!id || !el) return false;
  // A Markdown field showing its preview hides the textarea: switch back to writing first.
  const panel = el.closest<HTMLElement>('[role="tabpanel"][hidden]');
  if (panel) document.querySelector<HTMLElement>(`[aria-controls="${panel.id}"]`)?.click();
  window.setTimeout(() => {
    el.focus({ preventScroll: true });
    // Show the field's label too, not just the field.
    const label = document.querySelector<HTMLElement>(`label[for="${CSS.escape(id)}"]`);
    if (label && !label.classList.contains('sr-only')) label.scrollIntoView({ block: 'start' });
    else el.scrollIntoView({ block: 'center' });
  }, 0);
  return true;
}

/** Problems listed in the notice, each a link that moves to its field. */
function IssueLinks({ items, className, labelledBy }: { items: ErrorSummaryItem[]; className?: string; labelledBy?: string }) {
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5" aria-labelledby={labelledBy}>
      {items.map((item) => (
        <li key={item.key}>
          <a
            href={`#${item.targetId}`}
            className={className}
            onClick={(e) => {
              if (focusField(item.targetIds)) e.preventDefault();
            }}
          >
            {item.label}: {item.messages.join(' ')}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** aria-invalid and aria-describedby for a field whose error message has id `errorId`. */
function invalid(errors: string[] | undefined, errorId: string) {
  return errors?.length ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
}

/** The form's first field: the issuer when there is a choice of them, else the title. */
const FIRST_FIELDS = ['issuerId', 'title'];

const toolbarIds = (uid: string) => [`${uid}-up`, `${uid}-down`, `${uid}-remove`];

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  // An id cannot hold spaces: "sec-Learning resources" would point aria-labelledby at two ids.
  const headingId = `sec-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="mb-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">{title}</h2>
      {description ? <p className="mb-3 text-sm text-slate-700">{description}</p> : <div className="mb-3" />}
      {children}
    </section>
  );
}

function ItemToolbar({ uid, label, onUp, onDown, onRemove }: { uid: string; label: string; onUp?: () => void; onDown?: () => void; onRemove: () => void }) {
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
      <h3 className="font-semibold">{label}</h3>
      <div className="flex gap-1">
        <button id={`${uid}-up`} type="button" className={smallBtn} disabled={!onUp} onClick={onUp}>↑<span className="sr-only"> Move {label} up</span></button>
        <button id={`${uid}-down`} type="button" className={smallBtn} disabled={!onDown} onClick={onDown}>↓<span className="sr-only"> Move {label} down</span></button>
        <button id={`${uid}-remove`} type="button" className={`${smallBtn} text-red-700`} onClick={onRemove}>Remove<span className="sr-only"> {label}</span></button>
      </div>
    </div>
  );
}

function ListEditor<T extends { uid: string }>({
  items, name, noun, onChange, make, render, errors, afterMove, afterRemove, afterAdd,
}: {
  items: T[];
  /** The list's field name, e.g. "resources": ids of its error and add button. */
  name: string;
  noun: string;
  onChange: (items: T[]) => void;
  make: () => T;
  render: (item: T, index: number, patch: (v: Partial<T>) => void) => ReactNode;
  errors?: string[];
  afterMove: (list: string, label: string, uid: string, from: number, to: number) => void;
  afterRemove: (list: string, index: number, label: string, focusIds: string[]) => void;
  afterAdd: (label: string, focusId: string, inside?: boolean) => void;
}) {
  const Noun = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  return (
    <div>
      <FieldError id={`${name}-error`} errors={errors} />
      {items.length === 0 ? <p className="text-sm text-slate-700">No {noun}s yet.</p> : null}
      <ol className="space-y-4">
        {items.map((item, i) => (
          <li key={item.uid} id={`${name}-item-${item.uid}`} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <ItemToolbar
              uid={item.uid}
              label={`${Noun} ${i + 1}`}
              onUp={i > 0 ? () => { onChange(moveItem(items, i, i - 1)); afterMove(name, `${Noun} ${i + 1}`, item.uid, i, i - 1); } : undefined}
              onDown={i < items.length - 1 ? () => { onChange(moveItem(items, i, i + 1)); afterMove(name, `${Noun} ${i + 1}`, item.uid, i, i + 1); } : undefined}
              onRemove={() => {
                const next = items[i + 1];
                onChange(items.filter((_, j) => j !== i));
                afterRemove(name, i, `${Noun} ${i + 1}`, next ? toolbarIds(next.uid) : [`add-${name}`]);
              }}
            />
            {render(item, i, (v) => onChange(items.map((x, j) => (j === i ? { ...x, ...v } : x))))}
          </li>
        ))}
      </ol>
      <button id={`add-${name}`} type="button" className={`${smallBtn} mt-3`} onClick={() => { const item = make(); onChange([...items, item]); afterAdd(`${Noun} ${items.length + 1}`, `${name}-item-${item.uid}`, true); }}>
        + Add {/^[aeiou]/i.test(noun) ? 'an' : 'a'} {noun}
      </button>
    </div>
  );
}
