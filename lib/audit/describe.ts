import { ROLE_LABELS } from '@/lib/people/schemas';
import { credentialInWords, formatCents } from '@/lib/reporting/salary-steps';
import { listInWords } from '@/lib/plural';
import { withdrawnBecause } from '@/lib/review/conflict-words';
import type { ReviewDenial } from '@/lib/review/policy';
import { plural } from '@/lib/plural';
import { CONCERN_REASON_LABELS } from '@/lib/evidence/schemas';

// Plain-language wording for audit log entries. The log stores terse action names ("award.revoke")
// and the ids involved; people reading it need "Revoked the badge “…” held by Ann Avery. Reason: …".
// Pure, so the wording is unit-tested against every action the code records
// (tests/unit/audit-describe.test.ts scans lib/ for them).

/** The filter groups a person picks from on the audit log pages. */
export const AUDIT_GROUPS = ['awards', 'reviews', 'credentials', 'applications', 'proposals', 'people', 'settings'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const AUDIT_GROUP_LABELS: Record<AuditGroup, string> = {
  awards: 'Badges',
  reviews: 'Reviews and calibration',
  credentials: 'Micro-credentials, tracks and stacks',
  applications: 'Enrolments and submissions',
  proposals: 'Proposals',
  people: 'People and accounts',
  settings: 'Settings and organisations',
};

/** Where an entry's record opens, as the viewer of that log may open it. */
export type AuditView = 'issuer' | 'district' | 'platform';

/**
 * What the entry is about, loaded beside the entry: `title` is the credential, track, stack, badge or
 * organisation's name; `person` is the badge holder, proposal author or account concerned.
 */
export type AuditSubject = { title?: string | null; person?: string | null };

export type AuditEntryInput = {
  action: string;
  entityType: string;
  entityId: string;
  data?: unknown;
  subject?: AuditSubject | null;
};

type Data = Record<string, unknown>;
type Ctx = { d: Data; s: AuditSubject; entityType: string };
type ActionInfo = {
  group: AuditGroup;
  describe: (c: Ctx) => string;
  /** Who did it when no person is recorded by design (a job, the command line, a deleted account's owner). */
  noActor?: string;
};

const text = (d: Data, key: string): string | null => {
  const v = d[key];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};
const num = (d: Data, key: string): number | null => (typeof d[key] === 'number' && Number.isFinite(d[key]) ? (d[key] as number) : null);
const quote = (s: string) => `“${s}”`;
const role = (d: Data) => {
  const r = text(d, 'role');
  return r && r in ROLE_LABELS ? ROLE_LABELS[r as keyof typeof ROLE_LABELS].toLowerCase() : 'member';
};
const withReason = (base: string, label: string, reason: string | null) => (reason ? `${base}. ${label}: ${reason}` : base);

const badge = ({ s }: Ctx, fallback = 'a badge') => (s.title ? `the badge ${quote(s.title)}${s.person ? ` held by ${s.person}` : ''}` : fallback);
/** "the micro-credential “Title”", or "a micro-credential" when the record is gone. */
const named = ({ s }: Ctx, noun: string) => (s.title ? `the ${noun} ${quote(s.title)}` : `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`);
const mcOrTrack = (c: Ctx) => named(c, c.entityType === 'Track' ? 'track' : 'micro-credential');
const person = ({ s }: Ctx, fallback: string) => s.person ?? fallback;
const RECOMMENDED_NOUN: Record<string, string> = { MicroCredential: 'micro-credential', Track: 'track', Stack: 'stack' };
/** A recommended catalogue item: its current title, or the one kept in the entry once it is gone. */
const recommended = (c: Ctx) => {
  const noun = RECOMMENDED_NOUN[c.entityType] ?? 'item';
  const title = c.s.title ?? text(c.d, 'title');
  return title ? `the ${noun} ${quote(title)}` : `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
};
const audience = (school: string | null) => (school ? `teachers at ${quote(school)}` : 'the whole district');
const decision = (d: Data) => (text(d, 'decision') === 'PASS' ? 'passed' : text(d, 'decision') === 'REVISE' ? 'revision needed' : null);
const reviewKind = (d: Data) => (text(d, 'kind') === 'SECOND' ? 'a second scoring' : text(d, 'kind') === 'ADJUDICATION' ? 'an adjudication' : text(d, 'kind') === 'SECOND_LOOK' ? 'a second look' : 'a review');

const SETTING_LABELS: Record<string, string> = {
  name: 'name', description: 'about', url: 'website', email: 'contact email', linkedinOrganizationId: 'LinkedIn page',
  slaBusinessDays: 'turnaround target', doubleScoreRate: 'second scoring', claimMinutes: 'claim length',
  // blockSameSchool was a setting until 26 Nov 2026 (the same school is now always refused); older entries still name it.
  blockSameSchool: 'same-school check', blockSameDistrict: 'same-district check', blindReview: 'blind review', calibrationRequired: 'calibration',
};
const settingList = (keys: string[]) => keys.map((k) => SETTING_LABELS[k]).filter(Boolean).join(', ');

/** `{ from, to }` as settings entries keep a changed value, or null. */
const fromTo = (d: Data, key: string): { from: unknown; to: unknown } | null => {
  const v = d[key];
  return v && typeof v === 'object' && !Array.isArray(v) && 'from' in v && 'to' in v ? (v as { from: unknown; to: unknown }) : null;
};

type SalaryStep = { label: string; description: string; minLevel: number; credentialsRequired: number; amountCents: number };

/** The salary steps a district.policy entry kept, or null when they are not all readable. */
function salarySteps(v: unknown): SalaryStep[] | null {
  if (!Array.isArray(v)) return null;
  const steps = v.flatMap((r): SalaryStep[] => {
    if (!r || typeof r !== 'object') return [];
    const { label, description, minLevel, credentialsRequired, amountCents } = r as Record<string, unknown>;
    if (typeof label !== 'string' || typeof minLevel !== 'number' || typeof credentialsRequired !== 'number' || typeof amountCents !== 'number') return [];
    return [{ label, description: typeof description === 'string' ? description : '', minLevel, credentialsRequired, amountCents }];
  });
  return steps.length === v.length ? steps : null;
}

const STEP_CHANGES_SHOWN = 4;

/** "added “A”: $300 for 3 credentials at level 2 or above", "changed “B”: $100 → $150", "removed “C”", matched by name. */
function salaryStepChanges(from: SalaryStep[], to: SalaryStep[]): string[] {
  const before = new Map(from.map((r) => [r.label, r]));
  const after = new Map(to.map((r) => [r.label, r]));
  // Two steps with one name cannot be told apart: the counts alone are said.
  if (before.size !== from.length || after.size !== to.length) return [];
  const changes: string[] = [];
  for (const r of to) {
    const old = before.get(r.label);
    if (!old) {
      changes.push(`added ${quote(r.label)}: ${formatCents(r.amountCents)} for ${plural(r.credentialsRequired, 'credential')} at level ${r.minLevel} or above`);
      continue;
    }
    const what = [
      old.amountCents !== r.amountCents ? `${formatCents(old.amountCents)} → ${formatCents(r.amountCents)}` : null,
      old.credentialsRequired !== r.credentialsRequired ? `${old.credentialsRequired} → ${plural(r.credentialsRequired, 'credential')}` : null,
      old.minLevel !== r.minLevel ? `level ${old.minLevel} → ${r.minLevel}` : null,
      old.description !== r.description ? 'new description' : null,
    ].filter(Boolean);
    if (what.length) changes.push(`changed ${quote(r.label)}: ${what.join(', ')}`);
  }
  for (const r of from) if (!after.has(r.label)) changes.push(`removed ${quote(r.label)}`);
  return changes.length > STEP_CHANGES_SHOWN ? [...changes.slice(0, STEP_CHANGES_SHOWN - 1), `${changes.length - STEP_CHANGES_SHOWN + 1} more changes`] : changes;
}

const ISSUERS_NAMED = 4;

/** “A”, “B” and 3 more: at most ISSUERS_NAMED names, the last place saying how many more. */
function fewNamed(names: string[]): string | null {
  if (!names.length) return null;
  return names.length > ISSUERS_NAMED ? `${names.slice(0, ISSUERS_NAMED - 1).join(', ')} and ${names.length - ISSUERS_NAMED + 1} more` : listInWords(names);
}

/** “A”, “B” and 3 more: the issuers a district.policy entry names as approved or no longer approved. */
function issuerList(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  return fewNamed(v.flatMap((i) => (i && typeof i === 'object' && typeof (i as Data).name === 'string' ? [quote((i as { name: string }).name)] : [])));
}

/** “Formative assessment” from Acme Learning, …: the single micro-credentials an entry names as approved or no longer approved. */
function credentialList(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  return fewNamed(v.flatMap((c) => {
    if (!c || typeof c !== 'object' || typeof (c as Data).title !== 'string') return [];
    const { title, issuer } = c as { title: string; issuer?: unknown };
    return [typeof issuer === 'string' && issuer ? credentialInWords({ title, issuer }) : quote(title)];
  }));
}

/** A district.policy entry that kept the settings before and after (earlier entries kept the new flags and a count). */
function describePolicyChange(d: Data): string | null {
  const rules = fromTo(d, 'rules');
  if (!rules) return null;
  const sentences: string[] = [];
  const from = salarySteps(rules.from);
  const to = salarySteps(rules.to);
  if (from && to) {
    const changes = salaryStepChanges(from, to);
    if (changes.length || from.length !== to.length) sentences.push(`Salary steps: ${plural(from.length, 'rule')} → ${plural(to.length, 'rule')}${changes.length ? ` (${changes.join('; ')})` : ''}`);
  }
  const proposals = fromTo(d, 'requiresProposal');
  if (proposals && typeof proposals.to === 'boolean' && proposals.from !== proposals.to) sentences.push(proposals.to ? 'Teachers now need an approved proposal before they submit evidence' : 'Teachers no longer need an approved proposal');
  const expired = fromTo(d, 'salaryCountsExpired');
  if (expired && typeof expired.to === 'boolean' && expired.from !== expired.to) sentences.push(expired.to ? 'Expired badges now count toward salary steps' : 'Expired badges no longer count toward salary steps');
  const onlyApproved = fromTo(d, 'salaryApprovedIssuersOnly');
  const credentials = d.approvedCredentials && typeof d.approvedCredentials === 'object' ? (d.approvedCredentials as Data) : null;
  const credentialCount = credentials?.count && typeof credentials.count === 'object' ? (credentials.count as Data).to : null;
  if (onlyApproved && typeof onlyApproved.to === 'boolean' && onlyApproved.from !== onlyApproved.to) {
    sentences.push(!onlyApproved.to ? 'Badges from every issuer now count toward salary steps'
      : typeof credentialCount === 'number' && credentialCount > 0 ? 'Only badges from approved issuers, and of micro-credentials approved one by one, now count toward salary steps'
        : 'Only badges from approved issuers now count toward salary steps');
  }
  const renewal = fromTo(d, 'renewalApprovedOnly');
  if (renewal && typeof renewal.to === 'boolean' && renewal.from !== renewal.to) {
    sentences.push(renewal.to ? 'Only credentials from approved issuers, and micro-credentials approved one by one, now count toward licence renewal' : 'Every credential teachers earn now counts toward licence renewal');
  }
  const hours = fromTo(d, 'renewalHoursRequired');
  if (hours && hours.from !== hours.to) sentences.push(typeof hours.to === 'number' ? `Licence renewal now needs ${plural(hours.to, 'PD hour')} per cycle` : 'Licence renewal no longer counts PD hours');
  const years = fromTo(d, 'renewalCycleYears');
  if (years && years.from !== years.to) sentences.push(typeof years.to === 'number' ? `A licence renewal cycle is now ${plural(years.to, 'year')}` : 'A licence renewal cycle is now 5 years (not set)');
  const issuers = d.approvedIssuers && typeof d.approvedIssuers === 'object' ? (d.approvedIssuers as Data) : null;
  const added = issuerList(issuers?.added);
  const removed = issuerList(issuers?.removed);
  if (added) sentences.push(`Approved issuers added: ${added}`);
  if (removed) sentences.push(`Approved issuers removed: ${removed}`);
  const addedCredentials = credentialList(credentials?.added);
  const removedCredentials = credentialList(credentials?.removed);
  if (addedCredentials) sentences.push(`Micro-credentials approved on their own: ${addedCredentials}`);
  if (removedCredentials) sentences.push(`Micro-credentials no longer approved on their own: ${removedCredentials}`);
  if (sentences.length) return `Changed the district policy. ${sentences.join('. ')}`;
  return from && to ? 'Saved the district policy without changes' : 'Changed the district policy';
}

const ACTIONS: Record<string, ActionInfo> = {
  // ── Badges ──
  'award.issue': { group: 'awards', noActor: 'Automatic', describe: (c) => `Issued ${badge(c)}` },
  'award.issue_stack': { group: 'awards', noActor: 'Automatic', describe: (c) => `Issued ${badge(c, 'a stack badge')} for completing a stack` },
  'award.revoke': { group: 'awards', describe: (c) => withReason(`Revoked ${badge(c)}`, 'Reason', text(c.d, 'reason')) },
  'award.suspend': { group: 'awards', describe: (c) => withReason(`Suspended ${badge(c)}`, 'Reason', text(c.d, 'reason')) },
  // Without an actor: a stack badge's hold lifted once every badge it is built from is held again.
  'award.reinstate': { group: 'awards', noActor: 'Automatic', describe: (c) => withReason(`Reinstated ${badge(c, 'a suspended badge')}`, 'Note', text(c.d, 'note')) },

  // ── Reviews and calibration ──
  'review.claim': { group: 'reviews', describe: (c) => `Claimed a submission to review${text(c.d, 'kind') === 'SECOND' ? ' (second scoring)' : text(c.d, 'kind') === 'ADJUDICATION' ? ' (adjudication)' : text(c.d, 'kind') === 'SECOND_LOOK' ? ' (second look)' : ''}` },
  'review.release': {
    group: 'reviews', noActor: 'Automatic',
    // `denial`: the rule, recorded when the reviewer's own words left it unsaid (blind review).
    describe: (c) => {
      const denial = text(c.d, 'denial');
      const reason = denial && denial in withdrawnBecause ? withdrawnBecause[denial as ReviewDenial] : text(c.d, 'reason');
      return reason ? `Returned a reviewer’s claimed submission to the queue (${reason})` : 'Gave back a submission they had claimed';
    },
  },
  'review.claim-expire': { group: 'reviews', noActor: 'Automatic', describe: () => 'A reviewer’s claim ran out, so the submission went back to the queue' },
  'review.assign': { group: 'reviews', describe: () => 'Assigned a submission to a reviewer' },
  'review.reassign': { group: 'reviews', describe: () => 'Reassigned a submission to another reviewer' },
  'review.submit': { group: 'reviews', describe: (c) => `Submitted ${reviewKind(c.d)}${decision(c.d) ? `: ${decision(c.d)}` : ''}` },
  'review.disagreement': { group: 'reviews', describe: () => 'Second scoring disagreed with the first review, so the submission needs adjudication' },
  'review.adjudicate': { group: 'reviews', describe: (c) => `Settled a disagreement between reviewers${decision(c.d) ? `: ${decision(c.d)}` : ''}` },
  'review.second-look-request': {
    group: 'reviews',
    // The reason stays on the application record (and in the entry's data): this text is read on
    // /admin/audit and the admin home by co-admins who may yet take the second look themselves.
    describe: (c) => `Asked for a second look at attempt ${num(c.d, 'number') ?? 1}: its decision was set aside for one independent review, with a reason (on the application record)`,
  },
  'review.second-look-withdraw': { group: 'reviews', describe: (c) => `Withdrew the second look at attempt ${num(c.d, 'number') ?? 1} before anyone took it: its earlier decision stands` },
  'review.second-look-decide': { group: 'reviews', describe: (c) => `Decided attempt ${num(c.d, 'number') ?? 1} on a second look${decision(c.d) ? `: ${decision(c.d)}` : ''}` },
  'review.decide': { group: 'reviews', describe: (c) => `Decided a submission${decision(c.d) ? `: ${decision(c.d)}` : ''}` },
  'review.qualify': { group: 'reviews', describe: (c) => `Qualified ${person(c, 'a reviewer')} to score a micro-credential` },
  'review.calibrate': {
    group: 'reviews',
    describe: (c) => {
      const matches = num(c.d, 'matches');
      const total = num(c.d, 'total');
      const score = matches !== null && total ? ` (${matches} of ${total} scores matched)` : '';
      return `${c.d.passed === true ? 'Passed' : 'Did not yet pass'} calibration for ${named(c, 'micro-credential')}${score}`;
    },
  },
  'calibration.exemplar_create': { group: 'reviews', describe: () => 'Added a calibration example' },
  'calibration.exemplar_rescore': { group: 'reviews', describe: () => 'Re-scored a calibration example for a new version of its micro-credential' },
  'calibration.exemplar_delete': { group: 'reviews', describe: () => 'Removed a calibration example' },

  // ── Micro-credentials, tracks and stacks ──
  'credential.create': { group: 'credentials', describe: (c) => `Created ${named(c, 'micro-credential')}` },
  'credential.edit': { group: 'credentials', describe: (c) => `Saved a draft of ${named(c, 'micro-credential')}` },
  'credential.badge_image': { group: 'credentials', describe: (c) => `${c.d.key === null ? 'Removed' : 'Changed'} the badge image of ${named(c, 'micro-credential')}` },
  'credential.publish': {
    group: 'credentials',
    describe: (c) =>
      `Published ${named(c, 'micro-credential')}${num(c.d, 'version') ? ` (version ${num(c.d, 'version')})` : ''}${
        c.d.rubricChanged === true ? `, with a changed rubric: ${plural(num(c.d, 'calibrationsReset') ?? 0, 'reviewer')} to calibrate again` : ''
      }`,
  },
  'credential.publish_again': { group: 'credentials', describe: (c) => `Put ${named(c, 'micro-credential')} back in the catalogue after it was retired${num(c.d, 'version') ? ` (version ${num(c.d, 'version')})` : ''}` },
  'credential.retire': { group: 'credentials', describe: (c) => `Retired ${named(c, 'micro-credential')}` },
  // The record is gone: its title is kept in the entry.
  'credential.delete_draft': { group: 'credentials', describe: (c) => `Deleted the never-published draft ${text(c.d, 'title') ? quote(text(c.d, 'title')!) : 'of a micro-credential'}` },
  'track.create': { group: 'credentials', describe: (c) => `Created ${named(c, 'track')}` },
  'track.edit': { group: 'credentials', describe: (c) => `Edited ${named(c, 'track')}` },
  'track.publish': { group: 'credentials', describe: (c) => `Published ${named(c, 'track')}` },
  'track.retire': { group: 'credentials', describe: (c) => `Retired ${named(c, 'track')}` },
  'stack.create': { group: 'credentials', describe: (c) => `Created ${named(c, 'stack')}` },
  'stack.edit': { group: 'credentials', describe: (c) => `Edited ${named(c, 'stack')}` },
  'stack.publish': { group: 'credentials', describe: (c) => `Published ${named(c, 'stack')}` },
  'stack.retire': { group: 'credentials', describe: (c) => `Retired ${named(c, 'stack')}` },

  // ── Enrolments and submissions ──
  'enrollment.create': { group: 'applications', describe: (c) => (c.entityType === 'Stack' ? `Enrolled in ${num(c.d, 'parts') !== null ? plural(num(c.d, 'parts')!, 'part') : 'the parts'} of ${named(c, 'stack')}` : `Enrolled in ${mcOrTrack(c)}`) },
  'enrollment.withdraw': { group: 'applications', describe: (c) => `Withdrew from ${named(c, 'micro-credential')}` },
  'submission.submit': { group: 'applications', describe: (c) => ((num(c.d, 'number') ?? 1) > 1 ? `Sent revised evidence for review (attempt ${num(c.d, 'number')})` : 'Sent evidence for review') },
  'submission.revise': { group: 'applications', describe: () => 'Started revising their evidence' },
  'submission.withdraw': { group: 'applications', describe: (c) => `Took back evidence sent for review, before any reviewer opened it, to edit it${(num(c.d, 'number') ?? 1) > 1 ? ` (attempt ${num(c.d, 'number')})` : ''}` },
  'submission.renew': { group: 'applications', describe: () => 'Started renewing a badge that is due to expire' },
  // The question's text is not in the log: teachers may name students in it.
  'feedback.ask': { group: 'applications', describe: (c) => `Asked about the feedback on attempt ${num(c.d, 'number') ?? 1}` },
  // Safeguarding (lib/evidence/concerns.ts). The reviewer's note and the closing note are not in the log: they may describe students.
  'evidence.concern-report': {
    group: 'applications',
    describe: (c) => {
      const reason = text(c.d, 'reason');
      const label = reason && reason in CONCERN_REASON_LABELS ? CONCERN_REASON_LABELS[reason as keyof typeof CONCERN_REASON_LABELS].toLowerCase() : null;
      return `Reported a concern about ${text(c.d, 'fileId') ? 'a file' : 'the evidence'} in attempt ${num(c.d, 'number') ?? 1}${label ? `: ${label}` : ''}`;
    },
  },
  'evidence.file-remove': { group: 'applications', describe: (c) => withReason(`Removed a file from attempt ${num(c.d, 'number') ?? 1} after a concern (deleted from storage; the teacher was told why)`, 'Reason', text(c.d, 'reason')) },
  'evidence.concern-close': { group: 'applications', describe: (c) => `Closed a concern about ${text(c.d, 'fileId') ? 'a file' : 'the evidence'} in attempt ${num(c.d, 'number') ?? 1} without removing anything` },
  'feedback.answer': { group: 'applications', describe: (c) => `Replied to a teacher’s question about the feedback on attempt ${num(c.d, 'number') ?? 1}` },
  // Teachers' questions to the issuer about a micro-credential (lib/credential-questions). The words are not in the log: teachers may name students.
  // Asked and withdrawn by the teacher: recorded without an organisation (only the platform log), so the issuer never learns who asked.
  'credential.question-ask': { group: 'applications', describe: (c) => `Asked the issuer a question about ${named(c, 'micro-credential')}` },
  'credential.question-withdraw': { group: 'applications', describe: (c) => `Withdrew an unanswered question about ${named(c, 'micro-credential')}` },
  'credential.question-answer': { group: 'applications', describe: (c) => `Answered a teacher’s question about ${named(c, 'micro-credential')}${c.d.shared === true ? ', and shared it on its public page' : ''}` },
  'credential.question-share': { group: 'credentials', describe: (c) => `Shared a teacher’s question and its answer, without any name, on the public page of ${named(c, 'micro-credential')}` },
  'credential.question-unshare': { group: 'credentials', describe: (c) => `Stopped sharing a teacher’s question on the public page of ${named(c, 'micro-credential')}` },

  // ── Proposals ──
  'proposal.submit': { group: 'proposals', describe: (c) => `Sent a proposal${c.s.title ? ` for ${quote(c.s.title)}` : ''} to the district` },
  'proposal.approved': { group: 'proposals', describe: (c) => `Approved ${c.s.person ? `the proposal of ${c.s.person}` : 'a proposal'}${c.s.title ? ` for ${quote(c.s.title)}` : ''}` },
  'proposal.returned': {
    group: 'proposals',
    describe: (c) => withReason(`Returned ${c.s.person ? `the proposal of ${c.s.person}` : 'a proposal'}${c.s.title ? ` for ${quote(c.s.title)}` : ''}`, 'Comment', text(c.d, 'comment')),
  },

  // ── People and accounts ──
  'people.invite': { group: 'people', describe: (c) => `Invited ${text(c.d, 'email') ?? 'someone'} to join as ${role(c.d)}` },
  'people.invitation_resend': { group: 'people', describe: (c) => `Sent the invitation to ${text(c.d, 'email') ?? 'someone'} again, with a new link` },
  'people.invitation_cancel': { group: 'people', describe: (c) => `Cancelled the invitation to ${text(c.d, 'email') ?? 'someone'} to join as ${role(c.d)}` },
  'people.accept_invitation': { group: 'people', describe: (c) => `Accepted an invitation to join as ${role(c.d)}` },
  'people.role_add': { group: 'people', describe: (c) => `Gave ${person(c, 'someone')} the ${role(c.d)} role` },
  // No actor: ended by the platform itself (the one-off cleanup of principals who had left their district, whose reason it gives).
  'people.role_remove': { group: 'people', noActor: 'Automatic', describe: (c) => withReason(`Removed the ${role(c.d)} role from ${person(c, 'someone')}`, 'Reason', text(c.d, 'reason')) },
  'people.qualify': { group: 'people', describe: (c) => `Qualified ${person(c, 'a reviewer')} to score a micro-credential` },
  'people.unqualify': { group: 'people', describe: (c) => `Withdrew the qualification of ${person(c, 'a reviewer')} to score a micro-credential` },
  'people.bulk_enrol': {
    group: 'people',
    describe: (c) => `Enrolled teachers from a CSV file in ${mcOrTrack(c)}${num(c.d, 'rows') !== null ? ` (${plural(num(c.d, 'rows')!, 'row')})` : ''}`,
  },
  'people.bulk_request_district': {
    group: 'people',
    describe: (c) => {
      const n = Array.isArray(c.d.userIds) ? c.d.userIds.length : null;
      return `Enrolled ${n === null ? 'teachers' : plural(n, 'teacher')} from a CSV file and asked the district to confirm they work here`;
    },
  },
  'people.set_school': { group: 'people', describe: (c) => (c.d.to ? `Moved ${person(c, 'a teacher')} to another school` : `Took ${person(c, 'a teacher')} out of their school (they stay in the district)`) },
  'people.remove_from_district': {
    group: 'people',
    describe: (c) => {
      const n = num(c.d, 'proposalsReturned') ?? 0;
      return `Removed ${person(c, 'a teacher')} from the district${n ? `; ${plural(n, 'waiting proposal')} went back to them` : ''}`;
    },
  },
  'people.request_district': { group: 'people', describe: () => 'Asked to join the district' },
  'people.leave_district': { group: 'people', describe: () => 'Left the district' },
  'people.move_out': {
    group: 'people',
    describe: (c) => {
      const n = num(c.d, 'proposalsReturned') ?? 0;
      // Recorded in the district left; the actor is the teacher (an invitation) or the leader who confirmed them there.
      const who = person(c, 'a teacher');
      return `${who.charAt(0).toUpperCase()}${who.slice(1)} moved to another district${n ? `; ${plural(n, 'waiting proposal')} went back to them` : ''}`;
    },
  },
  'people.confirm_district_request': { group: 'people', describe: (c) => `Confirmed that ${person(c, 'a teacher')} works in the district` },
  'people.decline_district_request': { group: 'people', describe: (c) => `Declined the request of ${person(c, 'a teacher')} to join the district` },
  'user.sign_up': { group: 'people', describe: () => 'Created an account' },
  'user.email_verified': { group: 'people', describe: () => 'Confirmed their email address' },
  // The addresses are not kept: a deleted account's entries must not say who it was.
  'user.email_change': {
    group: 'people',
    describe: (c) => `Changed their email address before confirming it${c.d.linkSent === true ? ', and were sent a confirmation link at the new one' : c.d.linkSent === false ? ' (too many links sent that hour, so the new one waits until they ask again)' : ''}`,
  },
  'user.password_reset': { group: 'people', describe: () => 'Set a new password with an emailed reset link' },
  'user.password_change': { group: 'people', describe: () => 'Changed their password' },
  'user.sign_in_link': { group: 'people', describe: (c) => `Added ${text(c.d, 'provider') ?? 'a school'} sign-in to their account${c.d.passwordRemoved === true ? '; the password set before the address was confirmed was removed' : ''}` },
  'user.sign_out_everywhere': { group: 'people', describe: () => 'Signed out on every device' },
  // Through an emailed notice's unsubscribe link (lib/email/unsubscribe.ts), without signing in.
  'user.unsubscribe': {
    group: 'people',
    describe: (c) => `Turned off emails about their work ${c.d.via === 'one-click' ? 'with their email program’s unsubscribe button' : 'with the unsubscribe link in an email'}`,
  },
  'user.disable': { group: 'people', describe: (c) => withReason(`Disabled the account of ${person(c, 'someone')}`, 'Reason', text(c.d, 'reason')) },
  'user.enable': { group: 'people', noActor: 'Command line', describe: (c) => withReason(`Enabled the account of ${person(c, 'someone')} again`, 'Note', text(c.d, 'note')) },
  'user.delete': { group: 'people', noActor: 'The account holder', describe: () => 'Deleted their own account' },

  // ── Settings and organisations ──
  'issuer.profile': {
    group: 'settings',
    describe: (c) => {
      const list = Array.isArray(c.d.changed) ? settingList(c.d.changed.filter((k): k is string => typeof k === 'string')) : '';
      const renamed = text(c.d, 'from') && text(c.d, 'to') ? `; renamed from ${quote(text(c.d, 'from')!)} to ${quote(text(c.d, 'to')!)}` : '';
      return `Changed the public profile${list ? ` (${list})` : ''}${renamed}`;
    },
  },
  'issuer.review_settings': { group: 'settings', describe: (c) => `Changed the review settings${settingList(Object.keys(c.d)) ? ` (${settingList(Object.keys(c.d))})` : ''}` },
  'issuer.key_rotate': { group: 'settings', describe: (c) => `Replaced the key that signs new badges${text(c.d, 'reason') ? `: ${quote(text(c.d, 'reason')!)}` : ''}` },
  'district.rename': { group: 'settings', describe: (c) => (text(c.d, 'from') && text(c.d, 'to') ? `Renamed the district from ${quote(text(c.d, 'from')!)} to ${quote(text(c.d, 'to')!)}` : 'Renamed the district') },
  'district.school_add': { group: 'settings', describe: (c) => (text(c.d, 'name') ? `Added the school ${quote(text(c.d, 'name')!)}` : 'Added a school') },
  'district.school_rename': { group: 'settings', describe: (c) => (text(c.d, 'from') && text(c.d, 'to') ? `Renamed the school ${quote(text(c.d, 'from')!)} to ${quote(text(c.d, 'to')!)}` : 'Renamed a school') },
  'district.recommendation_add': {
    group: 'credentials',
    describe: (c) => `Recommended ${recommended(c)} to ${audience(text(c.d, 'school'))}${text(c.d, 'note') ? `. Note: ${text(c.d, 'note')}` : ''}`,
  },
  'district.recommendation_edit': {
    group: 'credentials',
    describe: (c) => {
      const school = fromTo(c.d, 'school');
      const note = fromTo(c.d, 'note');
      const changes = [
        school ? `its audience from ${audience(typeof school.from === 'string' ? school.from : null)} to ${audience(typeof school.to === 'string' ? school.to : null)}` : null,
        note ? (typeof note.to === 'string' && note.to.trim() ? `its note to: ${note.to.trim()}` : 'its note (now none)') : null,
      ].filter(Boolean);
      return `Changed the recommendation of ${recommended(c)}${changes.length ? `: ${changes.join('; ')}` : ''}`;
    },
  },
  'district.recommendation_remove': { group: 'credentials', describe: (c) => `Stopped recommending ${recommended(c)} to ${audience(text(c.d, 'school'))}` },
  'district.policy': {
    group: 'settings',
    describe: (c) => {
      const changed = describePolicyChange(c.d);
      if (changed) return changed;
      const proposals = c.d.requiresProposal === true ? 'proposals required' : c.d.requiresProposal === false ? 'no proposals needed' : null;
      const rules = num(c.d, 'rules');
      const parts = [proposals, rules !== null ? plural(rules, 'salary step rule') : null].filter(Boolean);
      return `Changed the district policy${parts.length ? ` (${parts.join(', ')})` : ''}`;
    },
  },
  'org.create': {
    group: 'settings',
    describe: (c) => {
      const kind = text(c.d, 'kind') === 'ISSUER' ? 'issuing organisation' : text(c.d, 'kind') === 'DISTRICT' ? 'district' : 'organisation';
      const name = text(c.d, 'name') ?? c.s.title ?? null;
      return `Brought the ${kind}${name ? ` ${quote(name)}` : ''} onto the platform`;
    },
  },
  'platform.admin_grant': { group: 'settings', noActor: 'Command line', describe: (c) => `Made ${c.s.person ?? text(c.d, 'email') ?? 'someone'} a platform admin` },
};

/** Every action name the wording above covers. */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = Object.keys(ACTIONS);

/** The action names in a group, for the `action IN (…)` filter. */
export function actionsInGroup(group: AuditGroup): string[] {
  return KNOWN_AUDIT_ACTIONS.filter((a) => ACTIONS[a].group === group);
}

export function auditGroupOf(action: string): AuditGroup | null {
  return ACTIONS[action]?.group ?? null;
}

/** "people.role_add" → "Role add (people)": an action added without wording still reads as words. */
function fallback(action: string) {
  const [area, ...rest] = action.split('.');
  const what = rest.join(' ').replace(/[_-]+/g, ' ').trim();
  return what ? `${what.charAt(0).toUpperCase()}${what.slice(1)} (${area})` : action;
}

/** One sentence, in the past tense and without its subject, saying what the entry records. */
export function describeAuditEntry(entry: AuditEntryInput): string {
  const info = ACTIONS[entry.action];
  if (!info) return fallback(entry.action);
  const d = entry.data && typeof entry.data === 'object' && !Array.isArray(entry.data) ? (entry.data as Data) : {};
  return info.describe({ d, s: entry.subject ?? {}, entityType: entry.entityType });
}

/**
 * Who acted. No actor means either a job or the command line did it (the action says which), or
 * the account was deleted since: deletion keeps the entries but forgets who acted.
 */
export function auditActorLabel(action: string, actorName: string | null | undefined): string {
  if (actorName) return actorName;
  return ACTIONS[action]?.noActor ?? 'A deleted account';
}

/**
 * Who acted, in place of the name, when it is a teacher whose work the viewer is scoring under blind
 * review (lib/audit/queries.ts): the entry still says what happened, not who did it.
 */
export const HIDDEN_TEACHER_LABEL = 'A teacher (hidden while you score their work)';

/**
 * The same teacher within a sentence, where someone else's entry names them: "Revoked the badge “…”
 * held by a teacher (hidden while you score their work)", and in place of their email address.
 */
export const HIDDEN_TEACHER_NAME = 'a teacher (hidden while you score their work)';

/** A link to the record the entry is about, where the viewer of that log can open one. */
export function auditEntryLink(entry: Pick<AuditEntryInput, 'action' | 'entityType' | 'entityId'>, view: AuditView): { href: string; label: string } | null {
  if (entry.entityType === 'Award') return { href: `/credentials/${entry.entityId}`, label: 'Open the badge' };
  if (view === 'district') return null;
  // Issuer and platform admins both reach the issuer pages (a platform admin administers every issuer).
  if (entry.entityType === 'MicroCredential') return { href: `/admin/credentials/${entry.entityId}/edit`, label: 'Open the micro-credential' };
  if (entry.entityType === 'Track') return { href: `/admin/tracks/${entry.entityId}`, label: 'Open the track' };
  if (entry.entityType === 'Stack') return { href: `/admin/stacks/${entry.entityId}`, label: 'Open the stack' };
  if (entry.entityType === 'Submission') return { href: `/admin/submissions/${entry.entityId}`, label: 'Open the application record' };
  if (auditGroupOf(entry.action) === 'reviews') return { href: '/admin/review-quality', label: 'Review quality' };
  return null;
}
