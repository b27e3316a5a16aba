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
 * Where a micro-credential stands with a teacher's district (getIssuerSalaryStanding): what its
 * salary steps ask for, whether it counts only approved issuers' and micro-credentials' badges
 * toward them (ADR 022) or toward licence renewal (ADR 024), and whether this one is approved.
 */
export type SalaryStanding = {
  districtName: string;
  /** The credential's level: a badge without one never counts toward a step (countAtOrAbove). */
  level: number | null;
  /** The levels the district's salary steps ask for at least, each once, lowest first; empty: it has no steps. */
  stepLevels: number[];
  /** Salary steps count only badges whose issuer or micro-credential the district approved. */
  salaryApprovedOnly: boolean;
  /** Licence renewal counts only those (ADR 024). */
  renewalApprovedOnly: boolean;
  /** The credential's issuer is on the district's approved list. */
  issuerApproved: boolean;
  /** The credential itself is on the district's list of micro-credentials approved on their own. */
  credentialApproved: boolean;
};

/**
 * What a district's salary steps make of a badge of this credential, by the rule the teacher's
 * record and the district's report count with (computeSalaryStep, credentialCounts): 'level' when
 * its level (or its lack of one) is below every step's, 'not-approved' when the district counts only
 * what it approved and approved neither its issuer nor it, 'all' or 'some' of the steps otherwise;
 * null when the district has no steps.
 */
export function salaryOutcome(s: SalaryStanding): 'level' | 'not-approved' | 'all' | 'some' | null {
  if (!s.stepLevels.length) return null;
  const lowest = Math.min(...s.stepLevels);
  if (s.level === null || s.level < lowest) return 'level';
  if (s.salaryApprovedOnly && !s.issuerApproved && !s.credentialApproved) return 'not-approved';
  return s.level >= Math.max(...s.stepLevels) ? 'all' : 'some';
}

/**
 * What a teacher is told on a micro-credential's page (and its proposal page) about their
 * district's salary steps and, when it counts only approved credentials toward it, licence
 * renewal: whether a badge of this credential counts, and why. A badge that does not count toward
 * the steps still brings its PD hours (`pdHours`), which every report counts whatever its level or
 * issuer. Empty when there is nothing to say (no steps, and renewal counts every credential).
 */
export function salaryStandingSentence(s: SalaryStanding, issuerName: string, opts: { pdHours?: number } = {}): string {
  const district = s.districtName;
  const approved = s.issuerApproved || s.credentialApproved;
  const whyApproved = s.issuerApproved ? 'your district has approved this issuer' : `your district has approved this micro-credential, though not every micro-credential from ${issuerName}`;
  const whyNot = 'your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential';
  const salary = salaryOutcome(s);
  const renewal = s.renewalApprovedOnly ? (approved ? 'approved' : 'not-approved') : null;
  const aBadge = `A level ${s.level} badge like this one`;
  // The approved lists decide both alike: one sentence for both.
  if (salary === 'not-approved' && renewal === 'not-approved') return `Badges from ${issuerName} do not count toward ${district}’s salary steps or licence renewal: ${whyNot}.`;
  if (salary === 'all' && s.salaryApprovedOnly && renewal === 'approved') return `${aBadge} counts toward ${district}’s salary steps and licence renewal: ${whyApproved}.`;

  const steps = `${district}’s salary steps`;
  // Hours count whatever the steps make of the badge; not said beside a renewal refusal, where it would read as renewal hours.
  const hours = opts.pdHours && renewal !== 'not-approved' ? '; their PD hours still count' : '';
  const sentences: string[] = [];
  if (salary === 'level') {
    const need = `which need level ${Math.min(...s.stepLevels)} or above`;
    sentences.push(s.level === null
      ? `This micro-credential has no level, so its badges do not count toward ${steps}, ${need}${hours}.`
      : `Level ${s.level} badges do not count toward ${steps}, ${need}${hours}.`);
  } else if (salary === 'not-approved') {
    sentences.push(`Badges from ${issuerName} do not count toward ${steps}: ${whyNot}${hours}.`);
  } else if (salary) {
    const why = s.salaryApprovedOnly ? `: ${whyApproved}` : '';
    if (salary === 'all') sentences.push(`${aBadge} counts toward ${steps}${why}.`);
    else {
      const higher = s.stepLevels.filter((l) => l > s.level!);
      const others = higher.length === 1 ? `level ${higher[0]} or above` : 'a higher level';
      sentences.push(`${aBadge} counts toward some of ${steps} (the others need ${others})${why}.`);
    }
  }
  if (renewal === 'approved') {
    sentences.push(s.issuerApproved
      ? `Badges from ${issuerName} count toward ${district}’s licence renewal: your district has approved this issuer.`
      : `Badges for this micro-credential count toward ${district}’s licence renewal: your district has approved it, though not every micro-credential from ${issuerName}.`);
  } else if (renewal === 'not-approved') {
    sentences.push(`Badges from ${issuerName} do not count toward ${district}’s licence renewal: ${whyNot}.`);
  }
  return sentences.join(' ');
}

/** A district's policy as its teachers are told it (getDistrictTerms): proposals, salary steps, licence renewal. */
export type DistrictTerms = {
  name: string;
  requiresProposal: boolean;
  /** As in SalaryStanding: the levels its steps ask for at least, lowest first; empty: no steps. */
  stepLevels: number[];
  salaryApprovedOnly: boolean;
  renewalApprovedOnly: boolean;
};

/**
 * What a district does with a teacher's badges, in a few sentences naming it, from its own policy:
 * the account page's district card. PD hours are seen whatever the policy.
 */
export function districtTermsInWords(t: DistrictTerms): string {
  const sentences = [`${t.name} sees your progress and PD hours${t.requiresProposal ? ' and decides your proposals' : ''}.`];
  if (!t.stepLevels.length) sentences.push('It has no salary steps for micro-credentials.');
  else {
    const lowest = Math.min(...t.stepLevels);
    const from = t.salaryApprovedOnly ? ' from the issuers and micro-credentials it has approved' : '';
    const higher = t.stepLevels.some((l) => l > lowest) ? '; some steps need a higher level' : '';
    sentences.push(`Your badges at level ${lowest} and above${from} count toward its salary steps${higher}.`);
  }
  sentences.push(t.renewalApprovedOnly
    ? 'Only your badges from the issuers and micro-credentials it has approved count toward licence renewal.'
    : 'Your badges count toward licence renewal.');
  return sentences.join(' ');
}

/**
 * What a teacher reads at the top of a micro-credential's proposal page: whether their district asks
 * for a proposal at all. (What the credential counts toward follows, from salaryStandingSentence.)
 */
export function proposalInWords(t: Pick<DistrictTerms, 'name' | 'requiresProposal'>): string {
  return t.requiresProposal
    ? `${t.name} asks you to say how each micro-credential will serve your students, and a district leader approves your proposal, before you send your evidence.`
    : `${t.name} does not ask for proposals, so you do not need one to send your evidence.`;
}
