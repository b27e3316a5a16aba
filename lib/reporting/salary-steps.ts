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
 * only those of the issuers on the district's approved list (`approved`, issuer ids) and of the
 * single micro-credentials it approves on their own (`approvedCredentials`, micro-credential ids:
 * "we accept this one course from X"). Districts vet providers before paying for their credentials.
 */
export type IssuerRule = { onlyApproved: boolean; approved: ReadonlySet<string>; approvedCredentials?: ReadonlySet<string> };

export function issuerCounts(rule: IssuerRule, issuerId: string): boolean {
  return !rule.onlyApproved || rule.approved.has(issuerId);
}

/** Whether a badge of this micro-credential counts: its issuer is approved, or the credential itself is. */
export function credentialCounts(rule: IssuerRule, held: { issuerId: string; microCredentialId?: string | null }): boolean {
  return issuerCounts(rule, held.issuerId) || Boolean(held.microCredentialId && rule.approvedCredentials?.has(held.microCredentialId));
}

/**
 * Held credentials split into those that count and those set aside because the district has
 * approved neither their issuer nor the credential itself. `approvedAlone`: those of `counts` that
 * count only because the district approved the credential on its own (its issuer is not approved),
 * so a teacher can be told why they count.
 */
export function splitByIssuer<H extends { issuerId: string; microCredentialId?: string | null }>(rule: IssuerRule, held: H[]): { counts: H[]; notApproved: H[]; approvedAlone: H[] } {
  const counts: H[] = [];
  const notApproved: H[] = [];
  const approvedAlone: H[] = [];
  for (const h of held) {
    if (!credentialCounts(rule, h)) notApproved.push(h);
    else {
      counts.push(h);
      if (!issuerCounts(rule, h.issuerId)) approvedAlone.push(h);
    }
  }
  return { counts, notApproved, approvedAlone };
}

export type NamedIssuer = { id: string; name: string };
/** A micro-credential on a district's approved list, named as the audit log and the reports name it. */
export type NamedCredential = { id: string; title: string; issuer: string };

/** What changed between two lists of the same kind of item, by id; each side sorted by `order`. */
function listChanges<T extends { id: string }>(before: T[], after: T[], pick: (t: T) => T, order: (a: T, b: T) => number): { added: T[]; removed: T[] } {
  const was = new Set(before.map((i) => i.id));
  const is = new Set(after.map((i) => i.id));
  return {
    added: after.filter((i) => !was.has(i.id)).map(pick).sort(order),
    removed: before.filter((i) => !is.has(i.id)).map(pick).sort(order),
  };
}

/**
 * What a save did to a district's approved issuers, each side sorted by name: the audit entry keeps
 * the names, so it still reads after an issuer leaves the platform.
 */
export function approvedIssuerChanges(before: NamedIssuer[], after: NamedIssuer[]): { added: NamedIssuer[]; removed: NamedIssuer[] } {
  return listChanges(before, after, ({ id, name }) => ({ id, name }), (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The same for the single micro-credentials it approves, by title then issuer, each kept with its title and issuer's name. */
export function approvedCredentialChanges(before: NamedCredential[], after: NamedCredential[]): { added: NamedCredential[]; removed: NamedCredential[] } {
  return listChanges(before, after, ({ id, title, issuer }) => ({ id, title, issuer }), byTitle);
}

/** Credentials by title, then issuer (two issuers may offer one title). */
export const byTitle = (a: { id: string; title: string; issuer: string }, b: { id: string; title: string; issuer: string }) =>
  a.title.localeCompare(b.title) || a.issuer.localeCompare(b.issuer) || a.id.localeCompare(b.id);

/**
 * “3 approved issuers and 1 micro-credential approved on its own”: a district's approved lists by
 * size (the policy page's kept lists, the licence-renewal report's rule). Empty when both are.
 */
export function approvedListsInWords(issuers: number, credentials: number): string {
  const parts = [
    issuers ? `${issuers} approved issuer${issuers === 1 ? '' : 's'}` : null,
    credentials ? `${credentials} micro-credential${credentials === 1 ? '' : 's'} approved on ${credentials === 1 ? 'its' : 'their'} own` : null,
  ].filter(Boolean);
  return parts.join(' and ');
}

/** “Formative assessment in practice” from Acme Learning: one approved credential in words. */
export const credentialInWords = (c: { title: string; issuer: string }) => `“${c.title}” from ${c.issuer}`;

/**
 * What a teacher is told on a micro-credential's page when their district counts only what it has
 * approved (getIssuerSalaryStanding): whether this credential's badges count there, and why.
 */
export function salaryStandingSentence(standing: { districtName: string; salary?: boolean; renewal?: boolean; issuerApproved: boolean; credentialApproved: boolean }, issuerName: string): string {
  // What the district counts only approved badges toward: its salary steps (the default), its licence renewal, or both (ADR 024).
  const salary = standing.salary ?? !standing.renewal;
  const steps = `${standing.districtName}’s ${salary && standing.renewal ? 'salary steps and licence renewal' : salary ? 'salary steps' : 'licence renewal'}`;
  if (standing.issuerApproved) return `Badges from ${issuerName} count toward ${steps}: your district has approved this issuer.`;
  if (standing.credentialApproved) return `Badges for this micro-credential count toward ${steps}: your district has approved it, though not every micro-credential from ${issuerName}.`;
  return `Badges from ${issuerName} do not count toward ${steps}: your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential.`;
}
