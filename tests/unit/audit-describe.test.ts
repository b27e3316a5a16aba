import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionsInGroup, AUDIT_GROUPS, auditActorLabel, auditEntryLink, auditGroupOf, describeAuditEntry, KNOWN_AUDIT_ACTIONS } from '@/lib/audit/describe';
import { parseAuditFilter, resolveAuditRange } from '@/lib/audit/schemas';

const LIB = fileURLToPath(new URL('../../lib', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** The text of each `recordAudit(…)` call, up to its closing parenthesis. */
function auditCalls(src: string): string[] {
  const calls: string[] = [];
  for (let i = src.indexOf('recordAudit('); i !== -1; i = src.indexOf('recordAudit(', i + 1)) {
    let depth = 0;
    let j = i + 'recordAudit'.length;
    for (; j < src.length; j++) {
      if (src[j] === '(') depth++;
      else if (src[j] === ')' && --depth === 0) break;
    }
    calls.push(src.slice(i, j + 1));
  }
  return calls;
}

// Actions built from a template: what each can become. A new template fails the test until listed.
const TEMPLATES: Record<string, string[]> = {
  'proposal.${opts.decision.toLowerCase()}': ['proposal.approved', 'proposal.returned'],
};

/** Every action name the code records, read from the source so a new one cannot slip by unworded. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(LIB)) {
    if (file.endsWith(path.join('audit', 'log.ts'))) continue;
    const src = readFileSync(file, 'utf8');
    for (const call of auditCalls(src)) {
      const literal = /\baction:\s*([^,]+?(?:\?[^:]+:[^,]+?)?)\s*,\s*entityType/s.exec(call);
      const expr = literal ? literal[1] : /\baction\s*,/.test(call) ? 'SHORTHAND' : null;
      if (!expr) throw new Error(`${path.relative(LIB, file)}: cannot find the action in ${call.slice(0, 120)}`);
      if (expr === 'SHORTHAND') {
        // `action` is a local (`const action = cond ? 'a.b' : 'a.c';`) or a parameter whose type
        // lists the names (`action: 'a.b' | 'a.c'`).
        const decls = [...src.matchAll(/\bconst action = ([^;]+);/g), ...src.matchAll(/\baction:\s*((?:'[a-z_.-]+'\s*\|?\s*)+)[,)]/g)];
        if (!decls.length) throw new Error(`${path.relative(LIB, file)}: cannot resolve the \`action\` variable`);
        for (const d of decls) for (const m of d[1].matchAll(/'([a-z]+\.[a-z_-]+)'/g)) found.add(m[1]);
        continue;
      }
      const template = /`([^`]+)`/.exec(expr);
      if (template) {
        const known = TEMPLATES[template[1]];
        if (!known) throw new Error(`${path.relative(LIB, file)}: list what the action template \`${template[1]}\` can become in TEMPLATES`);
        known.forEach((a) => found.add(a));
        continue;
      }
      const constant = /^[A-Z][A-Z0-9_]*$/.test(expr.trim()) ? new RegExp(`const ${expr.trim()} = ('[^']+')`).exec(src) : null;
      const names = [...(constant ? constant[1] : expr).matchAll(/'([a-z]+\.[a-z_-]+)'/g)].map((m) => m[1]);
      if (!names.length) throw new Error(`${path.relative(LIB, file)}: cannot read the action in ${call.slice(0, 120)}`);
      names.forEach((a) => found.add(a));
    }
  }
  return found;
}

describe('audit log wording', () => {
  it('words exactly the actions the code records', () => {
    const recorded = recordedActions();
    // Sanity: the scan found the calls (there are dozens).
    expect(recorded.size).toBeGreaterThan(60);
    expect([...recorded].filter((a) => !KNOWN_AUDIT_ACTIONS.includes(a)).sort(), 'recorded but not worded in lib/audit/describe.ts').toEqual([]);
    expect(KNOWN_AUDIT_ACTIONS.filter((a) => !recorded.has(a)).sort(), 'worded but never recorded (a typo?)').toEqual([]);
  });

  it('reads as a sentence for every action, with or without the record and details', () => {
    for (const action of KNOWN_AUDIT_ACTIONS) {
      for (const entry of [
        { action, entityType: 'X', entityId: '1' },
        { action, entityType: 'X', entityId: '1', data: { reason: 'R', role: 'REVIEWER', from: 'A', to: 'B', name: 'N', decision: 'PASS', number: 2 }, subject: { title: 'T', person: 'P' } },
      ]) {
        const text = describeAuditEntry(entry);
        expect(text, action).toMatch(/^[A-Z]/);
        expect(text, action).not.toMatch(/undefined|null|\[object|\.(issue|revoke|claim|submit|create|edit)\b|_/);
        expect(text, action).not.toMatch(/\s$|\s\s/);
      }
    }
  });

  it('says what happened to which record, in plain words', () => {
    expect(describeAuditEntry({ action: 'award.revoke', entityType: 'Award', entityId: 'a', data: { reason: 'Issued in error.' }, subject: { title: 'Stages of Team Building', person: 'Ann Avery' } }))
      .toBe('Revoked the badge “Stages of Team Building” held by Ann Avery. Reason: Issued in error.');
    expect(describeAuditEntry({ action: 'award.revoke', entityType: 'Award', entityId: 'a', data: {} })).toBe('Revoked a badge');
    expect(describeAuditEntry({ action: 'credential.publish', entityType: 'MicroCredential', entityId: 'm', data: { version: 3, rubricChanged: true, calibrationsReset: 2 }, subject: { title: 'Feedback' } }))
      .toBe('Published the micro-credential “Feedback” (version 3), with a changed rubric: 2 reviewers to calibrate again');
    expect(describeAuditEntry({ action: 'award.reinstate', entityType: 'Award', entityId: 'a', data: { note: 'Cleared.' }, subject: { title: 'T', person: 'P' } })).toBe('Reinstated the badge “T” held by P. Note: Cleared.');
    expect(describeAuditEntry({ action: 'review.claim-expire', entityType: 'Review', entityId: 'r' })).toBe('A reviewer’s claim ran out, so the submission went back to the queue');
    expect(describeAuditEntry({ action: 'review.decide', entityType: 'Attempt', entityId: 'x', data: { decision: 'REVISE' } })).toBe('Decided a submission: revision needed');
    expect(describeAuditEntry({ action: 'review.submit', entityType: 'Review', entityId: 'x', data: { kind: 'SECOND', decision: 'PASS' } })).toBe('Submitted a second scoring: passed');
    expect(describeAuditEntry({ action: 'credential.publish', entityType: 'MicroCredential', entityId: 'm', data: { version: 2 }, subject: { title: 'Feedback' } })).toBe('Published the micro-credential “Feedback” (version 2)');
    expect(describeAuditEntry({ action: 'enrollment.create', entityType: 'Track', entityId: 't', subject: { title: 'Leadership' } })).toBe('Enrolled in the track “Leadership”');
    expect(describeAuditEntry({ action: 'proposal.returned', entityType: 'Proposal', entityId: 'p', data: { comment: 'Name the students.' }, subject: { person: 'Ann Avery', title: 'Feedback' } }))
      .toBe('Returned the proposal of Ann Avery for “Feedback”. Comment: Name the students.');
    expect(describeAuditEntry({ action: 'people.role_add', entityType: 'User', entityId: 'u', data: { role: 'ISSUER_ADMIN' }, subject: { person: 'Bo Brown' } })).toBe('Gave Bo Brown the issuer admin role');
    expect(describeAuditEntry({ action: 'people.invite', entityType: 'Invitation', entityId: 'i', data: { email: 'new@example.test', role: 'TEACHER' } })).toBe('Invited new@example.test to join as teacher');
    expect(describeAuditEntry({ action: 'district.school_rename', entityType: 'Organization', entityId: 'o', data: { from: 'North', to: 'North Elementary' } })).toBe('Renamed the school “North” to “North Elementary”');
    expect(describeAuditEntry({ action: 'people.remove_from_district', entityType: 'User', entityId: 'u', data: { proposalsReturned: 2 }, subject: { person: 'Ann' } })).toBe('Removed Ann from the district; 2 waiting proposals went back to them');
    expect(describeAuditEntry({ action: 'issuer.review_settings', entityType: 'Organization', entityId: 'o', data: { blindReview: { from: false, to: true }, claimMinutes: { from: 240, to: 480 } } }))
      .toBe('Changed the review settings (blind review, claim length)');
    expect(describeAuditEntry({ action: 'user.disable', entityType: 'User', entityId: 'u', data: { reason: 'Left the school.' }, subject: { person: 'Lee' } })).toBe('Disabled the account of Lee. Reason: Left the school.');
  });

  it('says how a district policy save changed the salary steps and settings, for entries old and new', () => {
    const policy = (data: unknown) => describeAuditEntry({ action: 'district.policy', entityType: 'Organization', entityId: 'd', data });
    const step = (label: string, amountCents: number, credentialsRequired = 1, minLevel = 2, description = '') => ({ label, description, minLevel, credentialsRequired, amountCents, sortOrder: 0 });
    const flags = { requiresProposal: { from: true, to: true }, salaryCountsExpired: { from: true, to: true } };
    expect(policy({ ...flags, rules: { from: [step('A', 10000)], to: [step('A', 12550, 2, 3, 'Now harder.')] } }))
      .toBe('Changed the district policy. Salary steps: 1 rule → 1 rule (changed “A”: $100 → $125.50, 1 → 2 credentials, level 2 → 3, new description)');
    expect(policy({ ...flags, rules: { from: [step('A', 100), step('B', 200, 2)], to: [step('A', 100)] } })).toBe('Changed the district policy. Salary steps: 2 rules → 1 rule (removed “B”)');
    // Many changes: the first few, and how many more.
    const many = ['A', 'B', 'C', 'D', 'E'].map((l, i) => step(l, 100, i + 1));
    expect(policy({ ...flags, rules: { from: [], to: many } })).toMatch(/^Changed the district policy\. Salary steps: 0 rules → 5 rules \(added “A”: .*; added “C”: [^;]*; 2 more changes\)$/);
    // Two steps of one name cannot be told apart: only the counts.
    expect(policy({ ...flags, rules: { from: [step('A', 100)], to: [step('A', 100), step('A', 200, 2)] } })).toBe('Changed the district policy. Salary steps: 1 rule → 2 rules');
    expect(policy({ requiresProposal: { from: true, to: false }, salaryCountsExpired: { from: false, to: true }, rules: { from: [step('A', 100)], to: [step('A', 100)] } }))
      .toBe('Changed the district policy. Teachers no longer need an approved proposal. Expired badges now count toward salary steps');
    expect(policy({ ...flags, rules: { from: [step('A', 100)], to: [step('A', 100)] } })).toBe('Saved the district policy without changes');
    // Licence renewal hours and cycle (set, changed, cleared).
    const unchanged = { from: [step('A', 100)], to: [step('A', 100)] };
    expect(policy({ ...flags, rules: unchanged, renewalHoursRequired: { from: null, to: 120 }, renewalCycleYears: { from: null, to: 5 } }))
      .toBe('Changed the district policy. Licence renewal now needs 120 PD hours per cycle. A licence renewal cycle is now 5 years');
    expect(policy({ ...flags, rules: unchanged, renewalHoursRequired: { from: 120, to: null }, renewalCycleYears: { from: 5, to: null } }))
      .toBe('Changed the district policy. Licence renewal no longer counts PD hours. A licence renewal cycle is now 5 years (not set)');
    expect(policy({ ...flags, rules: { from: 'garbled', to: [] } })).toBe('Changed the district policy');
    // Approved issuers (salary steps counted from approved issuers only).
    const same = { from: [step('A', 100)], to: [step('A', 100)] };
    const issuers = (...names: string[]) => names.map((name, i) => ({ id: `i${i}`, name }));
    expect(policy({ ...flags, rules: same, salaryApprovedIssuersOnly: { from: false, to: true }, approvedIssuers: { added: issuers('Approved Academy', 'Backyard Badges'), removed: [], count: { from: 0, to: 2 } } }))
      .toBe('Changed the district policy. Only badges from approved issuers now count toward salary steps. Approved issuers added: “Approved Academy” and “Backyard Badges”');
    expect(policy({ ...flags, rules: same, salaryApprovedIssuersOnly: { from: true, to: true }, approvedIssuers: { added: [], removed: issuers('A', 'B', 'C', 'D', 'E'), count: { from: 6, to: 1 } } }))
      .toBe('Changed the district policy. Approved issuers removed: “A”, “B”, “C” and 2 more');
    expect(policy({ ...flags, rules: same, salaryApprovedIssuersOnly: { from: true, to: false }, approvedIssuers: { added: [], removed: [], count: { from: 1, to: 1 } } }))
      .toBe('Changed the district policy. Badges from every issuer now count toward salary steps');
    // Entries recorded before the rules were kept: the new flags and a count.
    expect(policy({ requiresProposal: true, salaryCountsExpired: true, rules: 3 })).toBe('Changed the district policy (proposals required, 3 salary step rules)');
  });

  it('still reads as words for an action it does not know yet', () => {
    expect(describeAuditEntry({ action: 'award.re_sign', entityType: 'Award', entityId: 'a' })).toBe('Re sign (award)');
    expect(describeAuditEntry({ action: 'odd', entityType: 'X', entityId: 'a' })).toBe('odd');
  });

  it('names who acted, or why nobody is named', () => {
    expect(auditActorLabel('award.revoke', 'Dana Admin')).toBe('Dana Admin');
    expect(auditActorLabel('award.issue', null)).toBe('Automatic');
    expect(auditActorLabel('review.claim-expire', null)).toBe('Automatic');
    expect(auditActorLabel('platform.admin_grant', null)).toBe('Command line');
    expect(auditActorLabel('user.delete', null)).toBe('The account holder');
    // Someone acted, and has deleted their account since.
    expect(auditActorLabel('award.revoke', null)).toBe('A deleted account');
    expect(auditActorLabel('something.new', undefined)).toBe('A deleted account');
  });

  it('links to the record where the viewer can open one', () => {
    const award = { action: 'award.revoke', entityType: 'Award', entityId: 'b7c1' };
    for (const view of ['issuer', 'district', 'platform'] as const) expect(auditEntryLink(award, view)?.href).toBe('/credentials/b7c1');
    expect(auditEntryLink({ action: 'credential.publish', entityType: 'MicroCredential', entityId: 'm1' }, 'issuer')?.href).toBe('/admin/credentials/m1/edit');
    expect(auditEntryLink({ action: 'track.publish', entityType: 'Track', entityId: 't1' }, 'platform')?.href).toBe('/admin/tracks/t1');
    expect(auditEntryLink({ action: 'review.claim', entityType: 'Review', entityId: 'r1' }, 'issuer')?.href).toBe('/admin/review-quality');
    expect(auditEntryLink({ action: 'review.decide', entityType: 'Attempt', entityId: 'a1' }, 'issuer')?.href).toBe('/admin/review-quality');
    // People are not linked; district leaders cannot open issuer pages.
    expect(auditEntryLink({ action: 'people.role_add', entityType: 'User', entityId: 'u1' }, 'issuer')).toBeNull();
    expect(auditEntryLink({ action: 'people.bulk_enrol', entityType: 'MicroCredential', entityId: 'm1' }, 'district')).toBeNull();
    expect(auditEntryLink({ action: 'proposal.approved', entityType: 'Proposal', entityId: 'p1' }, 'district')).toBeNull();
  });

  it('groups every action for the filters', () => {
    for (const a of KNOWN_AUDIT_ACTIONS) expect(AUDIT_GROUPS, a).toContain(auditGroupOf(a));
    expect(actionsInGroup('awards')).toEqual(expect.arrayContaining(['award.issue', 'award.revoke', 'award.suspend', 'award.reinstate']));
    expect(actionsInGroup('reviews').every((a) => a.startsWith('review.') || a.startsWith('calibration.'))).toBe(true);
    expect(actionsInGroup('people')).toEqual(expect.arrayContaining(['people.invite', 'user.disable']));
    expect(actionsInGroup('settings')).toEqual(expect.arrayContaining(['issuer.profile', 'district.policy', 'org.create']));
    expect(auditGroupOf('unknown.thing')).toBeNull();
  });
});

describe('audit log filters', () => {
  it('reads whole UTC days, both inclusive, and turns a backwards range round', () => {
    expect(resolveAuditRange({})).toEqual({});
    const r = resolveAuditRange({ from: '2026-03-01', to: '2026-03-03' });
    expect(r.from?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(r.before?.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(r.notice).toBeUndefined();
    const swapped = resolveAuditRange({ from: '2026-03-03', to: '2026-03-01' });
    expect([swapped.fromLabel, swapped.toLabel]).toEqual(['2026-03-01', '2026-03-03']);
    expect(swapped.notice).toMatch(/swapped/);
    const bad = resolveAuditRange({ from: '2026-02-30' });
    expect(bad.from).toBeUndefined();
    expect(bad.notice).toMatch(/“2026-02-30” is not a date/);
  });

  it('shows everything for a group the log does not offer or a malformed query', () => {
    expect(parseAuditFilter({ group: 'awards' }, 'issuer').group).toBe('awards');
    expect(parseAuditFilter({ group: 'awards' }, 'district').group).toBe('all');
    expect(parseAuditFilter({ group: 'nonsense', from: 'yesterday', to: ['a', 'b'] }, 'platform')).toEqual({ group: 'all', from: undefined, to: undefined, cursor: undefined });
  });
});

describe('a claim given back under blind review', () => {
  it('shows admins the rule the reviewer was not told (the recorded denial), and the reason otherwise', () => {
    const neutral = 'a conflict-of-interest rule now applies to you and this work (this issuer reviews blind, so which rule is not said)';
    const entry = (data: Record<string, string>) => describeAuditEntry({ action: 'review.release', entityType: 'Review', entityId: 'r1', data });
    expect(entry({ reason: neutral, denial: 'SAME_SCHOOL' })).toMatch(/same school/);
    expect(entry({ reason: neutral, denial: 'SAME_SCHOOL' })).not.toMatch(/conflict-of-interest rule/);
    expect(entry({ reason: 'you no longer review for this issuer' })).toMatch(/no longer review for this issuer/);
    // An unknown code (a later release's) falls back to the reason recorded with it.
    expect(entry({ reason: neutral, denial: 'SOMETHING_NEW' })).toMatch(/conflict-of-interest rule/);
  });
});
