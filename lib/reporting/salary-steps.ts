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

/**
 * Which issuers' badges count toward a district's salary steps: every issuer's, or (`onlyApproved`)
 * only those of the issuers on the district's approved list (`approved`, issuer ids). Districts vet
 * providers before paying for their credentials.
 */
export type IssuerRule = { onlyApproved: boolean; approved: ReadonlySet<string> };

export function issuerCounts(rule: IssuerRule, issuerId: string): boolean {
  return !rule.onlyApproved || rule.approved.has(issuerId);
}

/** Held credentials split into those whose issuer counts and those set aside because the district has not approved their issuer. */
export function splitByIssuer<H extends { issuerId: string }>(rule: IssuerRule, held: H[]): { counts: H[]; notApproved: H[] } {
  const counts: H[] = [];
  const notApproved: H[] = [];
  for (const h of held) (issuerCounts(rule, h.issuerId) ? counts : notApproved).push(h);
  return { counts, notApproved };
}

export type NamedIssuer = { id: string; name: string };

/**
 * What a save did to a district's approved issuers, each side sorted by name: the audit entry keeps
 * the names, so it still reads after an issuer leaves the platform.
 */
export function approvedIssuerChanges(before: NamedIssuer[], after: NamedIssuer[]): { added: NamedIssuer[]; removed: NamedIssuer[] } {
  const was = new Set(before.map((i) => i.id));
  const is = new Set(after.map((i) => i.id));
  const byName = (a: NamedIssuer, b: NamedIssuer) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return {
    added: after.filter((i) => !was.has(i.id)).map(({ id, name }) => ({ id, name })).sort(byName),
    removed: before.filter((i) => !is.has(i.id)).map(({ id, name }) => ({ id, name })).sort(byName),
  };
}

