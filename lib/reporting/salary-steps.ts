// Salary-step eligibility under a district's SalaryStepRule rows. Pure, so it is unit-tested alone.

export type SalaryRule = { id: string; label: string; minLevel: number; credentialsRequired: number; amountCents: number; sortOrder: number };
/** One evidence-backed credential a teacher holds (not revoked, not suspended). */
export type HeldCredential = { level: number | null };

export type SalaryStepResult = {
  /** Credentials counted by the rule reached (or by the lowest rule when none is reached). */
  qualifyingCount: number;
  rule: SalaryRule | null;
  amountCents: number;
  /** The next rule up and how many more credentials it needs, to tell the teacher what is next. */
  next: { rule: SalaryRule; missing: number } | null;
};

/** How many held credentials are at or above a level (a credential with no level never counts). */
export function countAtOrAbove(held: HeldCredential[], minLevel: number): number {
  return held.filter((h) => h.level !== null && h.level >= minLevel).length;
}

/**
 * A teacher reaches a rule when they hold at least `credentialsRequired` credentials at or above
 * its `minLevel`. Steps are not cumulative: the teacher gets the amount of the highest rule reached
 * (largest amount; ties broken by sort order), as in district schedules such as "$100 for one
 * classroom credential, $600 for five". `counted` are the held credentials behind
 * `qualifyingCount` (those at or above the level of the rule reached, or of the lowest rule when
 * none is), so a report can say which badges a step rests on.
 */
export function computeSalaryStep<H extends HeldCredential>(rules: SalaryRule[], held: H[]): SalaryStepResult & { counted: H[] } {
  const ordered = [...rules].sort((a, b) => a.amountCents - b.amountCents || a.sortOrder - b.sortOrder);
  let reached: SalaryRule | null = null;
  for (const r of ordered) if (countAtOrAbove(held, r.minLevel) >= r.credentialsRequired) reached = r;
  const nextRule = ordered.find((r) => (reached ? r.amountCents > reached.amountCents : true) && countAtOrAbove(held, r.minLevel) < r.credentialsRequired) ?? null;
  const basis = reached ?? ordered[0] ?? null;
  const counted = basis ? held.filter((h) => h.level !== null && h.level >= basis.minLevel) : held;
  return {
    qualifyingCount: counted.length,
    counted,
    rule: reached,
    amountCents: reached?.amountCents ?? 0,
    next: nextRule ? { rule: nextRule, missing: nextRule.credentialsRequired - countAtOrAbove(held, nextRule.minLevel) } : null,
  };
}

export function formatCents(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100);
}
