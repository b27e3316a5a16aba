'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { createExemplarAction, rescoreExemplarAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { FieldError, SelectField, TextArea, TextField } from '@/components/ui/field';
import { announce } from '@/components/ui/announcer';

type Criterion = { id: string; title: string };
type Level = { rank: number; label: string };
type FieldErrors = Record<string, string[]> | undefined;

/**
 * The server's errors that no field of these forms shows: said in the form's alert, so none is
 * lost. Field errors are keyed title, responses.<part>.text, expectedRanks and expectedRanks.<n>.
 */
export function unplacedErrors(errors: FieldErrors, partCount: number, withTitle: boolean): string[] {
  if (!errors) return [];
  const placed = (key: string) =>
    (withTitle && key === 'title') ||
    key === 'expectedRanks' ||
    /^expectedRanks\.\d+$/.test(key) ||
    (/^responses\.(\d+)\.text$/.test(key) && Number(/^responses\.(\d+)/.exec(key)![1]) < partCount);
  return Object.entries(errors).filter(([key]) => !placed(key)).flatMap(([, messages]) => messages);
}

/**
 * One "expectedRank" select per criterion, in rubric order; `idPrefix` keeps ids unique per form.
 * "Choose a level" is a real (empty) choice, not a disabled one: a disabled option is not posted, so
 * a criterion left on it would shift every later level onto the wrong criterion; posted empty, the
 * server says "Choose a level." at that select.
 */
function AgreedLevelFields({ idPrefix, criteria, levels, errors }: { idPrefix: string; criteria: Criterion[]; levels: Level[]; errors: FieldErrors }) {
  return (
    <div className="mt-2 grid gap-x-3 sm:grid-cols-2">
      {criteria.map((c, i) => (
        <SelectField key={c.id} id={`${idPrefix}${c.id}`} label={c.title} name="expectedRank" defaultValue="" required errors={errors?.[`expectedRanks.${i}`]}>
          <option value="">Choose a level</option>
          {levels.map((l) => (
            <option key={l.rank} value={l.rank}>{l.label}</option>
          ))}
        </SelectField>
      ))}
    </div>
  );
}

/** The agreed levels, with an error about them as a whole (e.g. one left out) tied to the group. */
function AgreedLevels({ legend, idPrefix, criteria, levels, errors }: { legend: ReactNode; idPrefix: string; criteria: Criterion[]; levels: Level[]; errors: FieldErrors }) {
  const groupError = errors?.expectedRanks;
  const errorId = `${idPrefix}levels-error`;
  return (
    <fieldset aria-describedby={groupError?.length ? errorId : undefined}>
      <legend className="text-sm font-semibold">{legend}</legend>
      <FieldError id={errorId} errors={groupError} />
      <AgreedLevelFields idPrefix={idPrefix} criteria={criteria} levels={levels} errors={errors} />
    </fieldset>
  );
}

function OtherErrors({ messages }: { messages: string[] }) {
  return <FieldError errors={messages} className="" />;
}

/**
 * Said when adding a sample got no answer (offline, a deploy since the page loaded). Pressing again
 * is safe: createExemplar answers a sample it already has (same title, answers and agreed levels)
 * with that one, so one that did get through is not added twice and the admin is told so.
 */
export const EXEMPLAR_UNREACHABLE = couldNotReach(
  'the sample may or may not have been added',
  'What you wrote and chose is still here: check your connection and press Add calibration sample again. It is not added twice: if it did get through, you are told it was already added.',
);
const exemplarUnreachable: ActionResult = { ok: false, formError: EXEMPLAR_UNREACHABLE };

/**
 * Said when saving the agreed levels got no answer. Saving again is safe: it sets the same levels
 * on the same sample, so one that did get through is not changed a second time.
 */
export const RESCORE_UNREACHABLE = couldNotReach('the agreed levels may not have been saved', 'Your choices are still here: check your connection and press Save agreed levels again.');
const rescoreUnreachable: ActionResult = { ok: false, formError: RESCORE_UNREACHABLE };

type Props = {
  microCredentialId: string;
  /** The version whose rubric the agreed levels are chosen on: the server refuses them on another rubric. */
  versionId: string;
  parts: { id: string; title: string; responseType: string }[];
  criteria: Criterion[];
  levels: Level[];
};

/**
 * A new calibration sample. Each field shows its own error (an answer's says which part it is
 * for, through its label); after a failed save focus goes to the first of them (ActionAlerts). A
 * request with no answer is said in the same alert, and what was typed stays.
 */
export function ExemplarForm({ microCredentialId, versionId, parts, criteria, levels }: Props) {
  const { state, pending, formProps } = useReachableActionState(createExemplarAction, initialActionState, exemplarUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate className="space-y-4">
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="versionId" value={versionId} />
      {/* Always on the page, so the outcome is read out when it appears. */}
      <ActionAlerts state={state} className="" />
      <OtherErrors messages={unplacedErrors(errors, parts.length, true)} />
      <TextField label="Title shown to reviewers" name="title" required placeholder="Sample C: grade 5 team" errors={errors?.title} />
      {parts.map((p, i) => (
        <div key={p.id}>
          <input type="hidden" name="partTitle" value={p.title} />
          <TextArea id={`text-${p.id}`} label={`Answer to “${p.title}”`} name="text" rows={5} errors={errors?.[`responses.${i}.text`]} />
        </div>
      ))}
      <AgreedLevels legend="Agreed level for each criterion" idPrefix="rank-" criteria={criteria} levels={levels} errors={errors} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add calibration sample'}
      </button>
    </form>
  );
}

type RescoreProps = {
  microCredentialId: string;
  versionId: string;
  exemplar: { id: string; title: string };
  criteria: Criterion[];
  levels: Level[];
  /** The id of the sample's heading (focusable: tabIndex -1), where focus goes once it is scored. */
  headingId?: string;
};

/**
 * Agreed levels for a sample scored on an earlier rubric, given again on the current one. Once
 * saved, the page shows the sample up to date and this form goes, with its button and its message:
 * the page's announcer says it instead, and focus goes to the sample's heading. Only a save can take
 * the form away while the admin is on the page (a refusal keeps it, with the error), so going within
 * moments of a submit means it was saved, as for InlineActionForm's `removedMessage`.
 */
export function RescoreExemplarForm({ microCredentialId, versionId, exemplar, criteria, levels, headingId = `sample-${exemplar.id}` }: RescoreProps) {
  const { state, pending, formProps } = useReachableActionState(rescoreExemplarAction, initialActionState, rescoreUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const idPrefix = `rescore-${exemplar.id}-`;
  const submittedAt = useRef(0);
  const said = `“${exemplar.title}” is scored on the current rubric. Reviewers who have not calibrated yet will score it.`;
  const gone = useRef({ said, headingId });
  useEffect(() => {
    gone.current = { said, headingId };
  }, [said, headingId]);
  useEffect(() => {
    const at = submittedAt;
    const what = gone;
    return () => {
      if (!at.current || Date.now() - at.current > 10_000) return;
      const { said: text, headingId: id } = what.current;
      requestAnimationFrame(() => document.getElementById(id)?.focus());
      announce(text);
    };
  }, []);
  return (
    <form
      action={formProps.action}
      onSubmit={(e) => {
        submittedAt.current = Date.now();
        formProps.onSubmit(e);
      }}
      noValidate
      className="space-y-3"
    >
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="exemplarId" value={exemplar.id} />
      <input type="hidden" name="versionId" value={versionId} />
      <ActionAlerts state={state} className="" />
      <OtherErrors messages={unplacedErrors(errors, 0, false)} />
      <AgreedLevels legend={<>Agreed level on the current rubric<span className="sr-only"> for {exemplar.title}</span></>} idPrefix={idPrefix} criteria={criteria} levels={levels} errors={errors} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save agreed levels'}<span className="sr-only"> for {exemplar.title}</span>
      </button>
    </form>
  );
}
