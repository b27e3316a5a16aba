'use client';

import { saveTrackAction } from '@/app/admin/tracks/actions';
import { saveStackAction } from '@/app/admin/stacks/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { FieldError, SelectField, TextArea, TextField } from '@/components/ui/field';
import { MarkdownFieldUncontrolled } from '@/components/admin/markdown-uncontrolled';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

type Option = { slug: string; title: string; status: string };
type Status = 'DRAFT' | 'PUBLISHED' | 'RETIRED' | null;

// Retiring saves nothing from the form: said before, so changes made in it are not lost unawares.
const RETIRE_CONFIRM = {
  track: 'Retire this track? It leaves the catalogue; teachers already enrolled keep their enrolments and can finish. Retiring does not save changes made in the form: to keep them, choose Cancel and press Save first.',
  stack: 'Retire this stack? It leaves the catalogue and is no longer awarded; stack credentials already earned stay valid. Retiring does not save changes made in the form: to keep them, choose Cancel and press Save first.',
} as const;

/**
 * A press that got no answer (the connection dropped, a deploy since the page loaded): said on the
 * form, which stays with what was entered, instead of the error page. The press may have got
 * through, and then pressing again meets its own save as someone else's: said here too.
 */
export const TRACK_UNREACHABLE = couldNotReach('the track may not have been saved', 'What you entered is still here: check your connection and press the button again. If you are then told someone else saved the track, your first press got through: reload the page to see it.');
export const STACK_UNREACHABLE = couldNotReach('the stack may not have been saved', 'What you entered is still here: check your connection and press the button again. If you are then told someone else saved the stack, your first press got through: reload the page to see it.');

function Buttons({ pending, status, persisted, what }: { pending: boolean; status: Status; persisted: boolean; what: 'track' | 'stack' }) {
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" name="intent" value="save" disabled={pending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
        Save
      </button>
      {status !== 'PUBLISHED' ? (
        <button type="submit" name="intent" value="publish" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          Save and publish
        </button>
      ) : null}
      {persisted && status === 'PUBLISHED' ? (
        <button
          type="submit"
          name="intent"
          value="retire"
          disabled={pending}
          // Like retiring a micro-credential: asked first (without JavaScript the form just posts).
          onClick={(e) => {
            if (!window.confirm(RETIRE_CONFIRM[what])) e.preventDefault();
          }}
          className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        >
          Retire
        </button>
      ) : null}
      {pending ? <span role="status" className="self-center text-sm">Saving…</span> : null}
    </div>
  );
}

/**
 * What both forms start with: the record's id and when it was last saved as this page shows it
 * (`seenUpdatedAt`: a save on top of someone else's newer one is refused) when editing, the action's
 * alerts, and the issuer when creating.
 */
function FormHead({ idField, id, seenUpdatedAt, state, issuers }: { idField: 'trackId' | 'stackId'; id?: string; seenUpdatedAt?: string; state: ActionResult; issuers: { id: string; name: string }[] }) {
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <>
      {id ? <input type="hidden" name={idField} value={id} /> : null}
      {id && seenUpdatedAt ? <input type="hidden" name="seenUpdatedAt" value={seenUpdatedAt} /> : null}
      <ActionAlerts state={state} />
      {!id ? (
        <SelectField label="Issuing organisation" name="issuerId" errors={errors?.issuerId}>
          {issuers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
      ) : null}
    </>
  );
}

export function TrackForm(props: {
  trackId?: string;
  /** The track's updatedAt as this page was loaded (ISO), when editing. */
  seenUpdatedAt?: string;
  issuers: { id: string; name: string }[];
  status: Status;
  options: Option[];
  initial: { slug: string; kind: string; title: string; summary: string; description: string; topic: string; subjects: string; gradeBands: string; levels: string[] };
}) {
  const { state, pending, formProps } = useReachableActionState(saveTrackAction, initialActionState, { ok: false, formError: TRACK_UNREACHABLE });
  const errors = state.ok ? undefined : state.fieldErrors;
  const i = props.initial;
  return (
    <form {...formProps} noValidate className="rounded-lg border border-slate-200 bg-white p-5">
      <FormHead idField="trackId" id={props.trackId} seenUpdatedAt={props.seenUpdatedAt} state={state} issuers={props.issuers} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="Title" name="title" defaultValue={i.title} errors={errors?.title} required />
        <TextField label="Web address" name="slug" defaultValue={i.slug} errors={errors?.slug} hint="Lowercase letters, numbers and hyphens." required />
        <SelectField label="Kind" name="kind" defaultValue={i.kind} errors={errors?.kind}>
          <option value="TRACK">Badge track</option>
          <option value="COURSE">Course</option>
        </SelectField>
        <TextField label="Topic" name="topic" defaultValue={i.topic} errors={errors?.topic} required />
        <TextField label="Subjects (optional)" name="subjects" defaultValue={i.subjects} hint="Separate with commas." errors={errors?.subjects} />
        <TextField label="Grade bands (optional)" name="gradeBands" defaultValue={i.gradeBands} hint="Separate with commas." errors={errors?.gradeBands} />
      </div>
      <TextArea label="Summary" name="summary" rows={2} defaultValue={i.summary} errors={errors?.summary} required />
      <MarkdownFieldUncontrolled label="Description (optional)" name="description" defaultValue={i.description} errors={errors?.description} />
      <fieldset className="mb-4">
        <legend className="text-sm font-semibold">Levels, in order</legend>
        <p className="text-sm text-slate-600">Each level is earned through one of your micro-credentials. Leave later levels empty if the track is shorter. A published credential keeps its level: teachers enrolled in it rely on it. You can add levels after it, and move or remove credentials that were never published.</p>
        {[0, 1, 2, 3, 4].map((n) => (
          <SelectField key={n} label={`Level ${n + 1}`} name="levels" id={`levels-${n}`} defaultValue={i.levels[n] ?? ''} errors={levelErrors(errors, n)}>
            <option value="">—</option>
            {props.options.map((o) => <option key={o.slug} value={o.slug}>{o.title} ({o.slug}{o.status !== 'PUBLISHED' ? `, ${o.status.toLowerCase()}` : ''})</option>)}
          </SelectField>
        ))}
      </fieldset>
      <Buttons pending={pending} status={props.status} persisted={Boolean(props.trackId)} what="track" />
    </form>
  );
}

export function StackForm(props: {
  stackId?: string;
  /** The stack's updatedAt as this page was loaded (ISO), when editing. */
  seenUpdatedAt?: string;
  issuers: { id: string; name: string }[];
  status: Status;
  options: Option[];
  initial: { slug: string; title: string; summary: string; description: string; badgeColor: string; microCredentials: string[] };
}) {
  const { state, pending, formProps } = useReachableActionState(saveStackAction, initialActionState, { ok: false, formError: STACK_UNREACHABLE });
  const errors = state.ok ? undefined : state.fieldErrors;
  const i = props.initial;
  const ordered = [...props.options].sort((a, b) => {
    const ia = i.microCredentials.indexOf(a.slug);
    const ib = i.microCredentials.indexOf(b.slug);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
  });
  return (
    <form {...formProps} noValidate className="rounded-lg border border-slate-200 bg-white p-5">
      <FormHead idField="stackId" id={props.stackId} seenUpdatedAt={props.seenUpdatedAt} state={state} issuers={props.issuers} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="Title" name="title" defaultValue={i.title} errors={errors?.title} required />
        <TextField label="Web address" name="slug" defaultValue={i.slug} errors={errors?.slug} required />
        <TextField label="Badge colour (optional)" name="badgeColor" type="color" defaultValue={i.badgeColor} errors={errors?.badgeColor} />
      </div>
      <TextArea label="Summary" name="summary" rows={2} defaultValue={i.summary} errors={errors?.summary} required />
      <MarkdownFieldUncontrolled label="Description (optional)" name="description" defaultValue={i.description} errors={errors?.description} />
      <fieldset className="mb-4" aria-describedby={errors?.microCredentials ? 'mcs-error' : undefined}>
        <legend className="text-sm font-semibold">Micro-credentials in the stack</legend>
        <p className="text-sm text-slate-600">A teacher earns the stack by holding every one of them. Choose at least two.</p>
        <ul className="mt-2 space-y-1">
          {ordered.map((o) => (
            <li key={o.slug}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="microCredentials" value={o.slug} defaultChecked={i.microCredentials.includes(o.slug)} className="h-4 w-4" />
                {o.title} <span className="text-slate-600">({o.slug}{o.status !== 'PUBLISHED' ? `, ${o.status.toLowerCase()}` : ''})</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError id="mcs-error" errors={errors?.microCredentials} />
      </fieldset>
      <Buttons pending={pending} status={props.status} persisted={Boolean(props.stackId)} what="stack" />
    </form>
  );
}

/**
 * A level's errors: the list's own (e.g. too many levels) go on Level 1, where the list starts; one
 * level's (`levels.N`: left empty before a later level, a repeat, another track's credential, a
 * published credential moved) on it.
 */
export function levelErrors(errors: Record<string, string[] | undefined> | undefined, n: number): string[] | undefined {
  const own = errors?.[`levels.${n}`] ?? [];
  const all = n === 0 ? [...(errors?.levels ?? []), ...own] : own;
  return all.length ? all : undefined;
}
