// Checks the demo seed content: every definition parses with the authoring schemas, and the cross-references
// (issuers, tracks, stacks, calibration exemplars, demo work) are consistent.
// Run: npx tsx --conditions=react-server prisma/seed-data/check.ts
import { MicroCredentialDef, StackDef, TrackDef } from '@/lib/authoring/schemas';
import { PortfolioHeadlineInput } from '@/lib/teaching/schemas';
import { ANY_SUBJECT } from '@/lib/teaching/policy';
import {
  calibrationExemplars,
  demoProposals,
  demoTeacher,
  districts,
  draftApplication,
  earnedApplication,
  renewalDueApplication,
  issuers,
  microCredentials,
  RUBRIC_LEVELS,
  stacks,
  tracks,
  VIDEO_MAX_BYTES,
} from '@/prisma/seed-data';

const problems: string[] = [];
const fail = (where: string, msg: string) => problems.push(`${where}: ${msg}`);
const words = (t: string) => t.trim().split(/\s+/).filter(Boolean).length;

// ── Organisations
const orgSlugs = new Set<string>();
const addOrg = (slug: string) => {
  if (orgSlugs.has(slug)) fail(`org ${slug}`, 'duplicate organisation slug');
  orgSlugs.add(slug);
};
for (const i of issuers) addOrg(i.slug);
for (const d of districts) {
  addOrg(d.slug);
  for (const s of d.schools) addOrg(s.slug);
  for (const r of d.salaryStepRules) {
    if (r.amountCents <= 0 || r.credentialsRequired < 1) fail(`district ${d.slug}`, `bad salary rule "${r.label}"`);
  }
}
const issuerSlugs = new Set(issuers.map((i) => i.slug));
const km = districts.find((d) => d.slug === demoTeacher.districtSlug);
if (!km) fail('demoTeacher', `district ${demoTeacher.districtSlug} not found`);
else if (!km.schools.some((s) => s.slug === demoTeacher.schoolSlug)) fail('demoTeacher', `school ${demoTeacher.schoolSlug} not in ${km.slug}`);

// ── Micro-credentials
const parsedMcs = new Map<string, { issuerSlug: string; trackSlug?: string; def: MicroCredentialDef }>();
for (const { issuerSlug, trackSlug, def } of microCredentials) {
  const where = `micro-credential ${def.slug}`;
  if (!issuerSlugs.has(issuerSlug)) fail(where, `unknown issuer ${issuerSlug}`);
  const r = MicroCredentialDef.safeParse(def);
  if (!r.success) {
    for (const i of r.error.issues) fail(where, `${i.path.join('.')}: ${i.message}`);
    continue;
  }
  const d = r.data;
  if (parsedMcs.has(d.slug)) fail(where, 'duplicate slug');
  parsedMcs.set(d.slug, { issuerSlug, trackSlug, def: d });
  if (JSON.stringify(d.rubric.levels) !== JSON.stringify(RUBRIC_LEVELS)) fail(where, 'unexpected rubric levels');
  if (d.rubric.passingRule.kind !== 'ALL_AT_LEAST' || d.rubric.passingRule.levelRank !== 2) fail(where, 'unexpected passing rule');
  if (d.rubric.criteria.length < 3 || d.rubric.criteria.length > 4) fail(where, 'expected 3-4 criteria');
  d.rubric.criteria.forEach((c, i) => c.partIndex === undefined && fail(where, `criterion ${i} has no partIndex`));
  if (d.resources.length < 3 || d.resources.length > 5) fail(where, 'expected 3-5 resources');
  if (d.alignments.length < 1 || d.alignments.length > 2) fail(where, 'expected 1-2 alignments');
  if (d.level === 1 && (d.pdHours < 3 || d.pdHours > 5)) fail(where, 'level 1 PD hours should be 3-5');
  if (d.level === 2 && (d.pdHours < 8 || d.pdHours > 15)) fail(where, 'level 2 PD hours should be 8-15');
  for (const p of d.parts) {
    if (p.allowedTypes.includes('video') && p.maxFileBytes !== VIDEO_MAX_BYTES) fail(where, `part "${p.title}" takes video but maxFileBytes is not 2 GiB`);
  }
  if (d.level === 2 && !d.parts.some((p) => p.allowedTypes.length > 0 && p.required)) fail(where, 'level 2 needs a required evidence part');
  const blob = JSON.stringify(d).toLowerCase();
  for (const bad of ['lorem', 'ipsum', 'todo', 'tbd', 'placeholder', '-like']) if (blob.includes(bad)) fail(where, `contains "${bad}"`);
}

// What the demo teacher teaches: values the account page offers (the published micro-credentials'
// subjects, all but ANY_SUBJECT, and grade bands), and a headline the account page would save as is.
const mcSubjects = new Set([...parsedMcs.values()].flatMap((m) => m.def.subjects));
const mcGradeBands = new Set([...parsedMcs.values()].flatMap((m) => m.def.gradeBands));
for (const s of demoTeacher.teachesSubjects) if (s === ANY_SUBJECT || !mcSubjects.has(s)) fail('demoTeacher', `subject "${s}" is not one the account page offers`);
for (const g of demoTeacher.teachesGradeBands) if (!mcGradeBands.has(g)) fail('demoTeacher', `grade band "${g}" is not one the account page offers`);
const headline = PortfolioHeadlineInput.safeParse({ portfolioHeadline: demoTeacher.portfolioHeadline });
if (!headline.success || headline.data.portfolioHeadline !== demoTeacher.portfolioHeadline) fail('demoTeacher', 'portfolioHeadline is not one the account page saves as written');

// ── Tracks
const trackSlugs = new Set<string>();
for (const { issuerSlug, track } of tracks) {
  const where = `track ${track.slug}`;
  if (!issuerSlugs.has(issuerSlug)) fail(where, `unknown issuer ${issuerSlug}`);
  const r = TrackDef.safeParse(track);
  if (!r.success) {
    for (const i of r.error.issues) fail(where, `${i.path.join('.')}: ${i.message}`);
    continue;
  }
  trackSlugs.add(r.data.slug);
  r.data.levels.forEach((slug, i) => {
    const mc = parsedMcs.get(slug);
    if (!mc) return fail(where, `level ${i + 1} ${slug} is not a micro-credential`);
    if (mc.def.level !== i + 1) fail(where, `${slug} has level ${mc.def.level}, expected ${i + 1}`);
    if (mc.trackSlug !== r.data.slug) fail(where, `${slug} has trackSlug ${mc.trackSlug}`);
    if (mc.issuerSlug !== issuerSlug) fail(where, `${slug} belongs to another issuer`);
  });
}
for (const [slug, mc] of parsedMcs) {
  if (mc.trackSlug && !trackSlugs.has(mc.trackSlug)) fail(`micro-credential ${slug}`, `unknown track ${mc.trackSlug}`);
  if (mc.trackSlug && !tracks.find((t) => t.track.slug === mc.trackSlug)?.track.levels?.includes(slug)) fail(`micro-credential ${slug}`, 'not listed in its track levels');
}

// ── Stacks
for (const { issuerSlug, stack } of stacks) {
  const where = `stack ${stack.slug}`;
  if (!issuerSlugs.has(issuerSlug)) fail(where, `unknown issuer ${issuerSlug}`);
  const r = StackDef.safeParse(stack);
  if (!r.success) {
    for (const i of r.error.issues) fail(where, `${i.path.join('.')}: ${i.message}`);
    continue;
  }
  for (const slug of r.data.microCredentials) {
    const mc = parsedMcs.get(slug);
    if (!mc) fail(where, `${slug} is not a micro-credential`);
    else if (mc.issuerSlug !== issuerSlug) fail(where, `${slug} belongs to another issuer`);
  }
}

// ── Responses against a credential's parts
function checkResponses(where: string, def: MicroCredentialDef, responses: { partIndex?: number; partTitle: string; text: string }[]) {
  for (const resp of responses) {
    const idx = resp.partIndex ?? def.parts.findIndex((p) => p.title === resp.partTitle);
    const part = def.parts[idx];
    if (!part || part.title !== resp.partTitle) {
      fail(where, `no part "${resp.partTitle}"${resp.partIndex !== undefined ? ` at index ${resp.partIndex}` : ''}`);
      continue;
    }
    if (part.responseType === 'FILES' || part.responseType === 'LINKS') fail(where, `part "${part.title}" does not take text`);
    const n = words(resp.text);
    if (part.wordLimit && n > part.wordLimit) fail(where, `part "${part.title}" has ${n} words, limit ${part.wordLimit}`);
    if (n < 40) fail(where, `part "${part.title}" is suspiciously short (${n} words)`);
  }
}
const passes = (def: MicroCredentialDef, ranks: number[]) => ranks.length === def.rubric.criteria.length && ranks.every((r) => r >= def.rubric.passingRule.levelRank);

// ── Calibration exemplars
const bySlug = new Map<string, { pass: number; fail: number }>();
for (const ex of calibrationExemplars) {
  const where = `exemplar "${ex.title}"`;
  const mc = parsedMcs.get(ex.microCredentialSlug);
  if (!mc) {
    fail(where, `unknown micro-credential ${ex.microCredentialSlug}`);
    continue;
  }
  const def = mc.def;
  checkResponses(where, def, ex.responses);
  def.parts.forEach((p) => {
    if (p.required && p.responseType !== 'FILES' && !ex.responses.some((r) => r.partTitle === p.title)) fail(where, `no response for required part "${p.title}"`);
  });
  const ranks = def.rubric.criteria.map((_, i) => ex.expectedRanks[i]);
  if (ranks.some((r) => r === undefined || !Number.isInteger(r) || r < 0 || r >= def.rubric.levels.length)) fail(where, 'expectedRanks must give a valid rank for every criterion');
  if (Object.keys(ex.expectedRanks).length !== def.rubric.criteria.length) fail(where, 'expectedRanks has extra keys');
  const tally = bySlug.get(def.slug) ?? { pass: 0, fail: 0 };
  if (passes(def, ranks)) tally.pass++;
  else {
    tally.fail++;
    if (ranks.filter((r) => r < 2).length !== 1 || !ranks.includes(1)) fail(where, 'a failing exemplar should fall short (rank 1) on exactly one criterion');
  }
  bySlug.set(def.slug, tally);
}
for (const [slug, t] of bySlug) if (t.pass < 1 || t.fail < 1) fail(`exemplars for ${slug}`, 'need one passing and one failing exemplar');

// ── Demo work
{
  const mc = parsedMcs.get(earnedApplication.microCredentialSlug);
  if (!mc) fail('earnedApplication', 'unknown micro-credential');
  else {
    const def = mc.def;
    checkResponses('earnedApplication', def, earnedApplication.responses);
    def.parts.forEach((p, i) => {
      if (!p.required) return;
      if (p.responseType !== 'TEXT') fail('earnedApplication', `required part "${p.title}" needs files; the seed cannot answer it with text`);
      if (!earnedApplication.responses.some((r) => r.partIndex === i)) fail('earnedApplication', `no response for required part "${p.title}"`);
    });
    const scores = earnedApplication.review.scores;
    if (scores.length !== def.rubric.criteria.length || scores.some((s, i) => s.criterionIndex !== i)) fail('earnedApplication.review', 'one score per criterion, in order');
    if (!passes(def, scores.map((s) => s.rank))) fail('earnedApplication.review', 'scores do not pass');
    const sentences = earnedApplication.publicSummary.split(/(?<=[.!?])\s+/).filter(Boolean).length;
    if (sentences < 2 || sentences > 3) fail('earnedApplication.publicSummary', `has ${sentences} sentences, expected 2-3`);
  }
  const draft = parsedMcs.get(draftApplication.microCredentialSlug);
  if (!draft) fail('draftApplication', 'unknown micro-credential');
  else checkResponses('draftApplication', draft.def, draftApplication.responses);
  for (const p of demoProposals) if (!parsedMcs.has(p.microCredentialSlug)) fail('demoProposals', `unknown micro-credential ${p.microCredentialSlug}`);
  const due = parsedMcs.get(renewalDueApplication.microCredentialSlug);
  if (!due) fail('renewalDueApplication', 'unknown micro-credential');
  else {
    checkResponses('renewalDueApplication', due.def, renewalDueApplication.responses);
    if (!due.def.expiryMonths || due.def.expiryMonths !== renewalDueApplication.monthsAgo) fail('renewalDueApplication', 'the credential must expire after monthsAgo months, so the badge is due for renewal');
    if (renewalDueApplication.daysLeft < 1 || renewalDueApplication.daysLeft > 89) fail('renewalDueApplication', 'daysLeft must fall inside the 90-day renewal window');
    const scores = renewalDueApplication.review.scores;
    if (scores.length !== due.def.rubric.criteria.length || scores.some((s, i) => s.criterionIndex !== i)) fail('renewalDueApplication.review', 'one score per criterion, in order');
    if (!passes(due.def, scores.map((s) => s.rank))) fail('renewalDueApplication.review', 'scores do not pass');
    if (demoProposals.some((p) => p.microCredentialSlug === renewalDueApplication.microCredentialSlug)) fail('renewalDueApplication', 'has its own proposal; remove it from demoProposals');
  }
}

if (problems.length) {
  console.error(`${problems.length} problem(s):`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log(
  `OK: ${issuers.length} issuers, ${districts.length} districts, ${tracks.length} tracks, ${parsedMcs.size} micro-credentials, ${stacks.length} stacks, ${calibrationExemplars.length} calibration exemplars, demo work for ${demoTeacher.name}.`,
);
