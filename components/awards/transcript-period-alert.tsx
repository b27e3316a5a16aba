import { Alert } from '@/components/ui/card';

type PeriodErrors = Partial<Record<'period' | 'from' | 'to', string[]>>;

/**
 * Why the transcript's period could not be used, said once: the title says that it could not, the
 * text what to do. A wrong date's own message is under its field (TranscriptPeriodForm), so this
 * links to the field rather than repeating it; a wrong quick period has no field, so its message
 * is given here.
 */
export function TranscriptPeriodAlert({ fieldErrors }: { fieldErrors: PeriodErrors }) {
  const dates = [fieldErrors.from?.length ? { id: 'from', label: 'start date' } : null, fieldErrors.to?.length ? { id: 'to', label: 'end date' } : null].filter((d) => d !== null);
  const period = fieldErrors.period?.[0];
  return (
    <Alert tone="danger" title="That period could not be used">
      {period ? <>{period} </> : null}
      {dates.length ? (
        <>
          Correct the{' '}
          {dates.map((d, i) => (
            <span key={d.id}>
              {i ? ' and the ' : null}
              <a href={`#${d.id}`}>{d.label}</a>
            </span>
          ))}{' '}
          below.
        </>
      ) : null}
      {!period && !dates.length ? 'Choose the period again below.' : null}
    </Alert>
  );
}
