/**
 * A progress bar with its count in words. Screen readers would otherwise read the percentage
 * (aria-valuenow is 0–100), so `valueText` says what it counts ("3 of 5 resources studied");
 * by default "3 of 5".
 */
export function ProgressBar({ value, max = 100, label, valueText }: { value: number; max?: number; label: string; valueText?: string }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, Math.round((value / max) * 100))) : 0;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={valueText ?? `${value} of ${max}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
