// `npm run bench:explain [-- --database-url URL --verbose]`
// (package.json: "bench:explain": "tsx --conditions=react-server scripts/scale/explain.ts")
//
// EXPLAIN (ANALYZE, BUFFERS) for every query behind the benchmarked paths, against the scale
// database. The SQL is not copied by hand: the real domain functions run (searchCatalog,
// getMicroCredentialPage, getTeacherDashboard, listReviewQueue, getCredentialJson, ...) while
// pg's Client#query is wrapped to record exactly the SQL and parameters Prisma sends. Each recorded
// statement is then explained with its own parameters. Fails (exit 1) when a large table is read
// with a Seq Scan; prints each plan's key lines and flags slow statements.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  SCALE_APP_URL, SCALE_AUTH_SECRET, SCALE_CREDENTIAL_KEY_SECRET, SCALE_REVIEWER_EMAIL, SCALE_TEACHER_EMAIL,
  isScaleDatabase, numberFlag, parseFlags, redact, resolveScaleDatabaseUrl,
} from './common';

type Captured = { text: string; values: unknown[] };
type PlanNode = {
  'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Alias?: string; 'Actual Rows'?: number; 'Actual Loops'?: number;
  'Actual Total Time'?: number; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; 'Rows Removed by Filter'?: number;
  Filter?: string; 'Index Cond'?: string; 'Recheck Cond'?: string; 'Sort Key'?: string[]; 'Join Type'?: string; Plans?: PlanNode[];
};

// A Seq Scan is fine on small tables (the planner is right to prefer it); above this it fails.
const LARGE_TABLE_ROWS = 10_000;

let capturing: Captured[] | null = null;
const originalQuery = pg.Client.prototype.query;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(pg.Client.prototype as any).query = function patchedQuery(this: pg.Client, config: unknown, ...rest: unknown[]) {
  if (capturing && config && typeof config === 'object' && 'text' in config) {
    const c = config as { text: string; values?: unknown[] };
    capturing.push({ text: c.text, values: c.values ?? [] });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (originalQuery as any).call(this, config, ...rest);
};

async function capture(fn: () => Promise<unknown>): Promise<Captured[]> {
  capturing = [];
  try {
    await fn();
    return capturing.filter((c) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)/i.test(c.text));
  } finally {
    capturing = null;
  }
}

function walk(node: PlanNode, visit: (n: PlanNode, depth: number) => void, depth = 0) {
  visit(node, depth);
  for (const child of node.Plans ?? []) walk(child, visit, depth + 1);
}

function describe(n: PlanNode): string {
  const what = [n['Node Type'], n['Join Type'] ? `(${n['Join Type']})` : '', n['Relation Name'] ? `on "${n['Relation Name']}"` : '', n['Index Name'] ? `using ${n['Index Name']}` : '']
    .filter(Boolean).join(' ');
  const rows = n['Actual Rows'] !== undefined ? ` rows=${n['Actual Rows']}${(n['Actual Loops'] ?? 1) > 1 ? `x${n['Actual Loops']}` : ''}` : '';
  const time = n['Actual Total Time'] !== undefined ? ` ${n['Actual Total Time'].toFixed(2)}ms` : '';
  const buf = n['Shared Hit Blocks'] !== undefined ? ` buf=${n['Shared Hit Blocks']}h/${n['Shared Read Blocks'] ?? 0}r` : '';
  const removed = n['Rows Removed by Filter'] ? ` removed=${n['Rows Removed by Filter']}` : '';
  const cond = n['Index Cond'] ?? n['Recheck Cond'] ?? n.Filter;
  return `${what}${rows}${time}${buf}${removed}${cond ? `  [${cond.length > 110 ? `${cond.slice(0, 107)}...` : cond}]` : ''}`;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const verbose = flags.has('verbose');
  const slowMs = numberFlag(flags, 'slow-ms', 20);
  // --dump DIR: write every statement with its parameters inlined, to replay in psql.
  const dumpDir = typeof flags.get('dump') === 'string' ? String(flags.get('dump')) : null;
  if (dumpDir) fs.mkdirSync(dumpDir, { recursive: true });
  const { url, source } = resolveScaleDatabaseUrl(typeof flags.get('database-url') === 'string' ? String(flags.get('database-url')) : undefined);
  console.log(`[explain] database ${redact(url)} (from ${source})`);
  if (!(await isScaleDatabase(url))) {
    console.error('[explain] that database has no scale marker: run `npm run seed:scale` first.');
    return 1;
  }
  Object.assign(process.env, {
    DATABASE_URL: url, APP_URL: SCALE_APP_URL, AUTH_SECRET: SCALE_AUTH_SECRET, CREDENTIAL_KEY_SECRET: SCALE_CREDENTIAL_KEY_SECRET,
    S3_BUCKET: 'microcred', S3_ACCESS_KEY_ID: 'unused', S3_SECRET_ACCESS_KEY: 'unused', DATABASE_POOL_MAX: '4',
  });

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows: sizes } = await admin.query<{ relname: string; n: number }>(`SELECT relname, reltuples::float8 AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`);
  const rowsOf = new Map(sizes.map((r) => [r.relname, r.n]));
  const one = async (sql: string) => (await admin.query(sql)).rows[0];
  const teacherId: string = (await one(`SELECT id FROM "User" WHERE email = '${SCALE_TEACHER_EMAIL}'`)).id;
  const reviewerId: string = (await one(`SELECT id FROM "User" WHERE email = '${SCALE_REVIEWER_EMAIL}'`)).id;
  const slug: string = (await one(`SELECT slug FROM "MicroCredential" c WHERE "trackId" IS NOT NULL AND EXISTS (SELECT 1 FROM "StackItem" i WHERE i."microCredentialId" = c.id) ORDER BY id LIMIT 1`)).slug;
  const awardId: string = (await one(`SELECT id::text FROM "Award" ORDER BY "issuedAt" DESC LIMIT 1`)).id;
  const mcId: string = (await one(`SELECT "microCredentialId" AS id FROM "ReviewerQualification" WHERE "userId" = '${reviewerId}' ORDER BY id LIMIT 1`)).id;
  // The issuer admin and district leader accounts, with one organisation each.
  const adminRow = await one(`SELECT u.id, m."organizationId" AS org FROM "User" u JOIN "Membership" m ON m."userId" = u.id AND m.role = 'ISSUER_ADMIN' WHERE u.email = 'scale-admin@scale.test' ORDER BY m."organizationId" LIMIT 1`);
  const leaderRow = await one(`SELECT u.id, m."organizationId" AS org FROM "User" u JOIN "Membership" m ON m."userId" = u.id AND m.role = 'DISTRICT_LEADER' WHERE u.email = 'scale-leader@scale.test' ORDER BY m."organizationId" LIMIT 1`);
  // One of that district's schools, for the ?school= filter of its reports and teacher list.
  const leaderSchoolId: string | undefined = leaderRow ? (await one(`SELECT id FROM "Organization" WHERE kind = 'SCHOOL' AND "parentId" = '${leaderRow.org}' ORDER BY id LIMIT 1`))?.id : undefined;
  // The district with the most approved proposals (the scale leader's own district requires none):
  // its Approved tab has a full page, so each proposal's application and badge are read.
  const proposalDistrictId: string | undefined = (await one(`SELECT "districtId" AS id FROM "Proposal" WHERE status = 'APPROVED' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`))?.id;

  const { searchCatalog, getCatalogFacets, getMicroCredentialPage } = await import('@/lib/catalog/queries');
  const { CatalogSearchInput } = await import('@/lib/catalog/schemas');
  const { getTeacherDashboard, getStandings, getResourceProgress } = await import('@/lib/enrollment/queries');
  const { listReviewQueue, listMyClaims } = await import('@/lib/review/queries');
  const { getCredentialJson } = await import('@/lib/awards/queries');
  const { loadActor } = await import('@/lib/auth/load-actor');
  const { countUnreadNotifications } = await import('@/lib/notifications/queries');
  const { needsProposal } = await import('@/lib/proposals/queries');
  const { renewalsOpen } = await import('@/lib/reporting/teacher');
  const { listIssuedAwards } = await import('@/lib/awards/issued');
  const { listDistrictRequests } = await import('@/lib/district/requests');
  const { listAuditLog } = await import('@/lib/audit/queries');
  const { AuditFilterInput } = await import('@/lib/audit/schemas');
  const { getDistrictHome, listDistrictTeachers, listRecentDistrictAwards } = await import('@/lib/district/queries');
  const { listDistrictProposals } = await import('@/lib/proposals/queries');
  const { expiringBadges, pdHoursByMonth, pdHoursByTeacher, renewalCredentials, salaryStepEligibility, skillsReport } = await import('@/lib/reporting/district');
  const { resolvePeriod, salaryAsOf } = await import('@/lib/reporting/schemas');
  const { claimJobs, ensurePeriodicJob, releaseJobs, tidyJobs } = await import('@/lib/jobs/queue');
  const { deleteStaleRateLimits } = await import('@/lib/rate-limit');
  const { listMyReviewHistory } = await import('@/lib/review/history');
  const { getReviewQuality, getScoringPatterns } = await import('@/lib/review/quality');
  const { computeReviewerDigests } = await import('@/lib/review/digest');
  const { getAdminHome } = await import('@/lib/authoring/queries');
  const { countUnansweredFeedbackQuestions } = await import('@/lib/feedback-questions/queries');
  const { listIssuerApplications } = await import('@/lib/submissions/admin-list');
  const { listStacksInProgress } = await import('@/lib/awards/stack-progress');
  const { listDistrictRecommendations, listRecommendationsForTeacher, recommendationUptake, getRecommendationForItem, recommendedCatalogKeys } = await import('@/lib/district/recommendations');
  const { getSchoolHome, listRecentSchoolAwards, listSchoolTeachers } = await import('@/lib/school/queries');
  const { countAdjudicationFor } = await import('@/lib/review/adjudication-count');
  const { sendStalledReminders } = await import('@/lib/submissions/stalled-reminders');
  const { getTranscript } = await import('@/lib/reporting/transcript');
  const { getIssuerSalaryStanding, listSalaryIssuerChoices } = await import('@/lib/district/salary-approval');
  const { previewBulkInvite } = await import('@/lib/people/bulk-invite');
  const { getOwnTeaching, listTeachingSuggestions } = await import('@/lib/teaching/queries');
  const { getColleaguesOnCredential, listColleagues } = await import('@/lib/colleagues/queries');
  const { recordTeacherWork } = await import('@/lib/submissions/stalled-reminders');
  const { db } = await import('@/lib/db');
  const platformId: string | undefined = (await one(`SELECT id FROM "User" WHERE email = 'scale-platform@scale.test'`))?.id;
  const teacher = (await loadActor(teacherId))!;
  const reviewer = (await loadActor(reviewerId))!;
  const issuerAdmin = adminRow ? (await loadActor(adminRow.id))! : null;
  const leader = leaderRow ? (await loadActor(leaderRow.id))! : null;
  const mc = (await getMicroCredentialPage(slug))!;
  const platformAdmin = platformId ? (await loadActor(platformId))! : null;
  // "What I teach": the scale teacher when they said it (seed:scale gives it to 60% of teachers, them
  // among them), else the first teacher who did (a database seeded before the columns were filled).
  const teachingId: string | undefined = (await one(
    `SELECT id FROM "User" WHERE cardinality("teachesSubjects") > 0 AND cardinality("teachesGradeBands") > 0 ORDER BY email = '${SCALE_TEACHER_EMAIL}' DESC, id LIMIT 1`,
  ))?.id;
  const teachingActor = teachingId ? (await loadActor(teachingId))! : null;
  const teaching = teachingActor ? await getOwnTeaching(teachingActor) : null;
  const audit = (group: string, extra: Record<string, string> = {}) => AuditFilterInput.parse({ group, ...extra });
  // The second page of a log: its cursor comes from the first page, read once here.
  const secondPage = async (actor: NonNullable<typeof issuerAdmin>, organizationId: string | null) => {
    const first = await listAuditLog({ actor, organizationId, filter: audit('all') });
    return () => listAuditLog({ actor, organizationId, filter: audit('all', first.nextCursor ? { cursor: first.nextCursor } : {}) });
  };
  // The issuer's applications, second page: its cursor comes from the first page, read once here.
  const applicationsSecondPage = async (actor: NonNullable<typeof issuerAdmin>, issuerId: string) => {
    const first = await listIssuerApplications({ actor, issuerId });
    return () => listIssuerApplications({ actor, issuerId, cursor: first.nextCursor ?? undefined });
  };
  // District recommendations: uptake of the explained micro-credential, its track and a stack it is
  // part of, for the whole district and for one school, whether or not the scale data holds
  // recommendation rows (the uptake reads enrolments, applications and badges, which it does hold).
  const ids = async (sql: string) => (await admin.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const recTrackId: string | undefined = (await one(`SELECT "trackId" AS id FROM "MicroCredential" WHERE id = '${mc.id}'`))?.id ?? undefined;
  const recStackId: string | undefined = (await one(`SELECT "stackId" AS id FROM "StackItem" WHERE "microCredentialId" = '${mc.id}' ORDER BY 1 LIMIT 1`))?.id;
  const uptakeTargets = [
    { id: 'mc', schoolId: null, kind: 'MICRO_CREDENTIAL' as const, targetId: mc.id, microCredentialIds: [mc.id] },
    ...(leaderSchoolId ? [{ id: 'mc-school', schoolId: leaderSchoolId, kind: 'MICRO_CREDENTIAL' as const, targetId: mc.id, microCredentialIds: [mc.id] }] : []),
    ...(recTrackId ? [{ id: 'track', schoolId: null, kind: 'TRACK' as const, targetId: recTrackId, microCredentialIds: await ids(`SELECT id FROM "MicroCredential" WHERE "trackId" = '${recTrackId}'`) }] : []),
    ...(recStackId ? [{ id: 'stack', schoolId: leaderSchoolId ?? null, kind: 'STACK' as const, targetId: recStackId, microCredentialIds: await ids(`SELECT "microCredentialId" AS id FROM "StackItem" WHERE "stackId" = '${recStackId}'`) }] : []),
  ];
  const schoolYear = resolvePeriod({ from: undefined, to: undefined });
  // Salary steps counted from approved issuers only (the district policy setting): the leader's district
  // approves ten issuers for the explain run only, with the flag switched on inside the path that
  // reads it (so the other report paths explain the default, every issuer). Removed at the end.
  const approvedIssuerIds = leaderRow ? await ids(`SELECT id FROM "Organization" WHERE kind = 'ISSUER' ORDER BY id LIMIT 10`) : [];
  // And 50 micro-credentials of other issuers approved one by one (ADR 022), so the report's second
  // subquery and the credential page's EXISTS are explained with rows to read.
  const approvedCredentialIds = leaderRow
    ? await ids(`SELECT id FROM "MicroCredential" WHERE status = 'PUBLISHED' AND NOT ("issuerId" = ANY('{${approvedIssuerIds.join(',')}}'::text[])) ORDER BY id LIMIT 50`)
    : [];
  if (leaderRow) {
    await admin.query(`INSERT INTO "DistrictApprovedIssuer" ("districtId", "issuerId") SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [leaderRow.org, approvedIssuerIds]);
    await admin.query(`INSERT INTO "DistrictApprovedCredential" ("districtId", "microCredentialId") SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [leaderRow.org, approvedCredentialIds]);
  }
  // `column`: salary steps' switch, or licence renewal's (ADR 024).
  const withApprovedOnly = async <T,>(fn: () => Promise<T>, column: 'salaryApprovedIssuersOnly' | 'renewalApprovedOnly' = 'salaryApprovedIssuersOnly') => {
    await admin.query(`UPDATE "Organization" SET "${column}" = true WHERE id = $1`, [leaderRow.org]);
    try {
      return await fn();
    } finally {
      await admin.query(`UPDATE "Organization" SET "${column}" = false WHERE id = $1`, [leaderRow.org]);
    }
  };
  // "Recently earned" is read one of two ways by the district's size (listRecentDistrictAwards): the
  // largest district (the platform's newest badges, walked), and a district of 20 teachers made for
  // the run (each teacher's newest badges), moved from a district no other path reads and put back
  // at the end with their former placement as it was.
  const largest = await one(`SELECT "districtId" AS id, count(*)::int AS n FROM "User" WHERE "districtId" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
  const SMALL_DISTRICT = 'cexplain-small-district';
  const smallFrom: string | undefined = (await admin.query<{ id: string }>(
    `SELECT o.id FROM "Organization" o WHERE o.kind = 'DISTRICT' AND NOT (o.id = ANY($1::text[])) AND EXISTS (SELECT 1 FROM "User" u WHERE u."districtId" = o.id) ORDER BY o.id LIMIT 1`,
    [[leaderRow?.org, largest?.id, proposalDistrictId].filter(Boolean)],
  )).rows[0]?.id;
  if (smallFrom) {
    await admin.query(`INSERT INTO "Organization" (id, slug, name, kind, "updatedAt") VALUES ($1, $1, 'Explain: a small district', 'DISTRICT', now()) ON CONFLICT (id) DO NOTHING`, [SMALL_DISTRICT]);
    await admin.query(`CREATE TEMP TABLE explain_small_district AS SELECT id, "districtId", "schoolId", "formerSchoolIds", "formerDistrictIds", "formerSchoolId", "formerDistrictId", "placementChangedAt" FROM "User" WHERE "districtId" = $1 AND email NOT LIKE 'scale-%' ORDER BY id LIMIT 20`, [smallFrom]);
    await admin.query(`UPDATE "User" u SET "districtId" = $1, "schoolId" = NULL FROM explain_small_district s WHERE u.id = s.id`, [SMALL_DISTRICT]);
  }
  // A staff list to check: 150 of the district's own teachers (skipped as members) and 50 new addresses.
  const inviteCsv = leaderRow
    ? `email,name\n${(await admin.query<{ email: string }>(`SELECT email FROM "User" WHERE "districtId" = $1 ORDER BY id LIMIT 150`, [leaderRow.org])).rows.map((r) => `${r.email},Teacher`).concat(Array.from({ length: 50 }, (_, i) => `new.teacher.${i}@scale.test,New ${i}`)).join('\n')}`
    : '';
  const lastMonth = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  // Every poll of every worker checks each periodic job (ensurePeriodicJob): its advisory lock, the
  // look for a run pending, running or recent, and the insert when there is none. The scale data
  // holds no periodic runs, so a type with a long history stands in (award.issue, a third of the
  // Job table, far more than the 14 days of runs a periodic type keeps), on an interval none of its
  // runs falls in: the check reads all it ever would, and inserts. The run it adds is deleted again.
  const periodicCheck = async () => {
    try {
      return await ensurePeriodicJob('award.issue', 60);
    } finally {
      await admin.query(`DELETE FROM "Job" WHERE type = 'award.issue' AND payload = '{}'::jsonb AND attempts = 0 AND "completedAt" IS NULL`);
    }
  };

  // `wholeTable`: tables a background job reads (nearly) all of by design, once a day, so a scan of
  // them is the right plan and is reported as such rather than failing the check.
  // `walks`: an index one of the path's statements must read in its own order, with no Sort above
  // it in that statement's plan (the check fails otherwise).
  const paths: { path: string; run: () => Promise<unknown>; wholeTable?: string[]; walks?: string }[] = [
    { path: '/catalog?q=peer feedback', run: () => Promise.all([searchCatalog(CatalogSearchInput.parse({ q: 'peer feedback' }), { count: true }), getCatalogFacets()]) },
    { path: '/catalog?q=science inquiry&level=2 (filtered)', run: () => searchCatalog(CatalogSearchInput.parse({ q: 'science inquiry', level: '2' })) },
    { path: '/catalog (browse, newest first)', run: () => searchCatalog(CatalogSearchInput.parse({})) },
    { path: '/catalog?gradeBand=6-8 (browse, filtered)', run: () => searchCatalog(CatalogSearchInput.parse({ gradeBand: '6-8' }), { count: true }) },
    { path: `/micro-credentials/${slug} (anonymous)`, run: () => getMicroCredentialPage(slug) },
    {
      path: `/micro-credentials/${slug} (signed-in teacher extras)`,
      run: () => Promise.all([getStandings(teacher, [mc.id]), getResourceProgress(teacher.id, mc.version.id), needsProposal(teacher, mc.id)]),
    },
    { path: '/dashboard (session + layout)', run: () => Promise.all([loadActor(teacherId, 0), countUnreadNotifications(teacherId)]) },
    { path: '/dashboard (getTeacherDashboard)', run: () => getTeacherDashboard(teacher) },
    { path: '/dashboard (badges due for renewal)', run: () => renewalsOpen(teacherId) },
    { path: '/review (listReviewQueue PRIMARY + listMyClaims)', run: () => Promise.all([listReviewQueue({ actor: reviewer }), listMyClaims({ actor: reviewer })]) },
    { path: '/review?kind=SECOND', run: () => listReviewQueue({ actor: reviewer, kind: 'SECOND' }) },
    { path: '/review?kind=SECOND_LOOK', run: () => listReviewQueue({ actor: reviewer, kind: 'SECOND_LOOK' }) },
    { path: '/review/history (own reviews, newest first)', run: () => listMyReviewHistory({ actor: reviewer }) },
    { path: '/dashboard (stacks in progress)', run: () => listStacksInProgress(teacherId) },
    { path: '/badges/transcript (all time: the holder and every badge)', run: () => getTranscript({ actor: teacher, period: { choice: 'all', from: null, to: null, fromLabel: null, toLabel: null } }) },
    { path: '/dashboard (recommended by my district)', run: () => listRecommendationsForTeacher(teacher) },
    // Colleagues at the teacher's school who share (seed:scale: 40% of teachers, about 50 a school).
    { path: '/colleagues (everyone who shares, first page)', run: () => listColleagues({ actor: teacher }) },
    { path: '/colleagues?same=1 (working on the same as me)', run: () => listColleagues({ actor: teacher, sameAsMe: true }) },
    { path: `/apply/${slug} (colleagues working on it)`, run: () => getColleaguesOnCredential({ actor: teacher, slug }) },
    // Every save, upload and pick-up records the teacher's work on the attempt first (at most once an hour).
    { path: 'autosave, upload, pick-up: recordTeacherWork (picked up)', run: () => recordTeacherWork(db, { userId: teacherId, pickedUp: [mc.id] }) },
    ...(teachingActor ? [
      {
        path: `/dashboard (suggested for what you teach: ${teaching!.subjects.join(', ')}, ${teaching!.gradeBands.join(', ')})`,
        run: () => listTeachingSuggestions(teachingActor),
      },
      { path: '/catalog?forMe=1 (matches what I teach)', run: async () => searchCatalog(CatalogSearchInput.parse({ forMe: '1' }), { teaching: await getOwnTeaching(teachingActor), count: true }) },
      { path: '/catalog?q=...&forMe=1 (matches what I teach, searched)', run: () => searchCatalog(CatalogSearchInput.parse({ q: 'feedback', forMe: '1' }), { teaching, count: true }) },
    ] : []),
    ...(teacher.districtId ? [
      { path: '/catalog?recommended=1 (recommended by my district)', run: async () => searchCatalog(CatalogSearchInput.parse({ recommended: '1' }), { recommended: await recommendedCatalogKeys(teacher) }) },
      { path: `/micro-credentials/${slug} (signed-in teacher: the district's recommendation)`, run: () => getRecommendationForItem(teacher, 'MICRO_CREDENTIAL', mc.id) },
    ] : []),
    // Every reviewer's qualifications for every credential with work waiting: at scale, all of them.
    { path: 'jobs: reviewer digest, daily (who has work waiting)', run: () => computeReviewerDigests(), wholeTable: ['ReviewerQualification', 'Membership'] },
    { path: `/review?microCredentialId=... (one credential)`, run: () => listReviewQueue({ actor: reviewer, microCredentialId: mcId }) },
    { path: `/credentials/{id}/credential.json`, run: () => getCredentialJson(awardId) },
    ...(issuerAdmin ? [
      { path: '/admin/awards (one issuer, newest first)', run: () => listIssuedAwards({ actor: issuerAdmin, issuerIds: [adminRow.org], filter: {} }) },
      { path: '/admin (home: counts, adjudication, past decision date, questions)', run: () => Promise.all([getAdminHome(issuerAdmin), countUnansweredFeedbackQuestions(issuerAdmin), countAdjudicationFor(issuerAdmin)]) },
      { path: '/admin/review-quality (scoring patterns, last 12 months)', run: () => getScoringPatterns({ actor: issuerAdmin, from: new Date(Date.now() - 365 * 86_400_000), to: new Date() }) },
      { path: '/admin/review-quality (agreement, turnaround: one issuer, last 90 days)', run: () => getReviewQuality({ actor: issuerAdmin, from: new Date(Date.now() - 90 * 86_400_000), to: new Date() }) },
      { path: '/admin/awards?status=expiring&q=... (filtered)', run: () => listIssuedAwards({ actor: issuerAdmin, issuerIds: [adminRow.org], filter: { status: 'expiring', q: 'an' } }) },
      { path: '/admin/submissions (one issuer, most recently sent first)', run: () => listIssuerApplications({ actor: issuerAdmin, issuerId: adminRow.org }) },
      { path: '/admin/submissions (second page)', run: await applicationsSecondPage(issuerAdmin, adminRow.org) },
      { path: '/admin/submissions?q=... (teacher name or email)', run: () => listIssuerApplications({ actor: issuerAdmin, issuerId: adminRow.org, q: 'an' }) },
      { path: '/admin/submissions?status=undecided (the home figure)', run: () => listIssuerApplications({ actor: issuerAdmin, issuerId: adminRow.org, status: 'undecided' }) },
    ] : []),
    ...(issuerAdmin ? [
      { path: '/admin/audit (one issuer, newest first)', run: () => listAuditLog({ actor: issuerAdmin, organizationId: adminRow.org, filter: audit('all') }) },
      { path: '/admin/audit (second page)', run: await secondPage(issuerAdmin, adminRow.org) },
      { path: '/admin/audit?group=awards&from=... (filtered)', run: () => listAuditLog({ actor: issuerAdmin, organizationId: adminRow.org, filter: audit('awards', { from: lastMonth }) }) },
    ] : []),
    ...(leader ? [
      { path: '/district/people (requests to join)', run: () => listDistrictRequests({ actor: leader, districtId: leaderRow.org }) },
      { path: '/district (home)', run: () => getDistrictHome({ actor: leader, districtId: leaderRow.org, since: schoolYear.from }) },
      { path: '/district (recently earned: the newest badges of its teachers)', run: () => listRecentDistrictAwards({ actor: leader, districtId: leaderRow.org }) },
      { path: '/district/teachers', run: () => listDistrictTeachers({ actor: leader, districtId: leaderRow.org }) },
      { path: '/district/proposals (waiting)', run: () => listDistrictProposals([leaderRow.org], { status: 'SUBMITTED', take: 20 }) },
      { path: '/district/proposals?status=APPROVED (newest decision first)', run: () => listDistrictProposals([leaderRow.org], { status: 'APPROVED', take: 20 }) },
      { path: '/district/proposals?status=APPROVED&q=... (teacher or micro-credential)', run: () => listDistrictProposals([leaderRow.org], { status: 'APPROVED', take: 20, q: 'ann' }) },
      { path: '/district/reports (skills: badges by topic and credential, work in progress; this school year)', run: () => skillsReport({ actor: leader, districtId: leaderRow.org, period: schoolYear }) },
      {
        path: '/district/reports (PD hours, months, renewals, badges ending soon, salary steps; this school year)',
        run: () => Promise.all([
          pdHoursByTeacher({ actor: leader, districtId: leaderRow.org, period: schoolYear }),
          pdHoursByMonth({ actor: leader, districtId: leaderRow.org, period: schoolYear }),
          renewalCredentials({ actor: leader, districtId: leaderRow.org, period: schoolYear }),
          expiringBadges({ actor: leader, districtId: leaderRow.org }),
          salaryStepEligibility({ actor: leader, districtId: leaderRow.org, asOf: salaryAsOf(schoolYear).asOf }),
        ]),
      },
      ...(leaderSchoolId ? [
        { path: '/district/teachers?school=... (one school)', run: () => listDistrictTeachers({ actor: leader, districtId: leaderRow.org, schoolId: leaderSchoolId }) },
        {
          path: '/district/reports?school=... (one school; this school year)',
          run: () => Promise.all([
            pdHoursByTeacher({ actor: leader, districtId: leaderRow.org, schoolId: leaderSchoolId, period: schoolYear }),
            pdHoursByMonth({ actor: leader, districtId: leaderRow.org, schoolId: leaderSchoolId, period: schoolYear }),
            renewalCredentials({ actor: leader, districtId: leaderRow.org, schoolId: leaderSchoolId, period: schoolYear }),
            expiringBadges({ actor: leader, districtId: leaderRow.org, schoolId: leaderSchoolId }),
            salaryStepEligibility({ actor: leader, districtId: leaderRow.org, schoolId: leaderSchoolId, asOf: salaryAsOf(schoolYear).asOf }),
          ]),
        },
      ] : []),
      { path: '/district/audit', run: () => listAuditLog({ actor: leader, organizationId: leaderRow.org, filter: audit('all') }) },
      { path: '/district/policy (issuers to approve, with published counts)', run: () => listSalaryIssuerChoices({ actor: leader, districtId: leaderRow.org }) },
      {
        path: '/district/reports (salary steps, approved issuers only)',
        run: () => withApprovedOnly(() => salaryStepEligibility({ actor: leader, districtId: leaderRow.org, asOf: salaryAsOf(schoolYear).asOf })),
      },
      {
        path: '/district/reports (licence renewal, approved issuers and credentials only; this school year)',
        run: () => withApprovedOnly(() => renewalCredentials({ actor: leader, districtId: leaderRow.org, period: schoolYear }), 'renewalApprovedOnly'),
      },
      {
        path: `/micro-credentials/${slug} (signed-in teacher: does this credential count toward licence renewal only)`,
        run: () => withApprovedOnly(() => getIssuerSalaryStanding({ districtId: leaderRow.org }, { issuerId: mc.issuer.id, microCredentialId: mc.id, level: mc.level }), 'renewalApprovedOnly'),
      },
      {
        path: `/micro-credentials/${slug} (signed-in teacher: does this issuer count toward the district's salary steps)`,
        run: () => withApprovedOnly(() => getIssuerSalaryStanding({ districtId: leaderRow.org }, { issuerId: mc.issuer.id, microCredentialId: mc.id, level: mc.level })),
      },
      { path: '/district/people/invite (check a 200-row staff list)', run: () => previewBulkInvite({ actor: leader, districtId: leaderRow.org, csv: inviteCsv }) },
      { path: '/district/recommendations (the list)', run: () => listDistrictRecommendations({ actor: leader, districtId: leaderRow.org }) },
      { path: '/district/recommendations (uptake: a micro-credential, its track, a stack; whole district and one school)', run: () => recommendationUptake(leaderRow.org, uptakeTargets) },
    ] : []),
    // A school leader's pages (ADR 016), as the platform admin (who leads every school) on the scale leader's school.
    ...(platformAdmin ? [
      { path: '/admin/review-quality (agreement, turnaround: every issuer, last 90 days)', run: () => getReviewQuality({ actor: platformAdmin, from: new Date(Date.now() - 90 * 86_400_000), to: new Date() }) },
    ] : []),
    ...(platformAdmin && leaderSchoolId ? [
      { path: '/school (overview; this school year)', run: () => getSchoolHome({ actor: platformAdmin, schoolId: leaderSchoolId, since: schoolYear.from }) },
      { path: '/school/teachers (this school year)', run: () => listSchoolTeachers({ actor: platformAdmin, schoolId: leaderSchoolId, since: schoolYear.from }) },
      { path: '/school (recently earned: the newest badges of its teachers)', run: () => listRecentSchoolAwards({ actor: platformAdmin, schoolId: leaderSchoolId }) },
    ] : []),
    ...(platformAdmin && largest ? [
      { path: `/district (recently earned: the largest district, ${largest.n.toLocaleString('en-US')} teachers)`, run: () => listRecentDistrictAwards({ actor: platformAdmin, districtId: largest.id }) },
    ] : []),
    ...(platformAdmin && smallFrom ? [
      { path: '/district (recently earned: a district of 20 teachers)', run: () => listRecentDistrictAwards({ actor: platformAdmin, districtId: SMALL_DISTRICT }) },
    ] : []),
    ...(proposalDistrictId ? [
      { path: '/district/proposals?status=APPROVED (a district with proposals: what came of each)', run: () => listDistrictProposals([proposalDistrictId], { status: 'APPROVED', take: 20 }) },
    ] : []),
    ...(platformAdmin ? [
      { path: '/platform/audit (everything, newest first)', run: () => listAuditLog({ actor: platformAdmin, organizationId: null, filter: audit('all') }) },
      { path: '/platform/audit (second page)', run: await secondPage(platformAdmin, null) },
      { path: '/platform/audit?group=reviews&from=...&to=... (filtered)', run: () => listAuditLog({ actor: platformAdmin, organizationId: null, filter: audit('reviews', { from: lastMonth, to: lastMonth }) }) },
    ] : []),
    // The job queue: every worker polls it every few seconds; the tidy runs every few hours. A claim
    // is handed back (a stopping worker's statement, only sent when something was claimed), so the
    // explain run leaves any due job as it was.
    // Claimed by priority, then oldest first: "Job_due_idx" is on ("priority" DESC, "runAt"), so the
    // LIMIT stops the walk after ten due jobs rather than sorting every due one (a district's backlog).
    { path: 'jobs: poll for due jobs, highest priority first (claimJobs, "Job_due_idx")', run: async () => releaseJobs(await claimJobs(10)), walks: 'Job_due_idx' },
    { path: 'jobs: periodic-job check, every poll (ensurePeriodicJob, "Job_type_completedAt_idx")', run: periodicCheck },
    { path: 'jobs: tidy (give up crashed, delete old)', run: () => tidyJobs() },
    { path: 'jobs: tidy, rate limits (deleteStaleRateLimits: batches of "RateLimit_pkey")', run: () => deleteStaleRateLimits() },
    // Runs for real in the warm-up (it marks and notifies a batch); the explained run reads the next.
    { path: 'jobs: stalled-work reminders (drafts and returned work untouched for 30 days, a batch each)', run: () => sendStalledReminders(new Date(), 100, 1) },
  ];

  const failures: string[] = [];
  const slow: string[] = [];
  for (const [pi, p] of paths.entries()) {
    await p.run(); // warm the pool and the buffer cache once
    const queries = await capture(p.run);
    console.log(`\n══ ${p.path}: ${queries.length} statement${queries.length === 1 ? '' : 's'}`);
    let walked = false;
    for (const [i, qy] of queries.entries()) {
      // EXPLAIN ANALYZE runs the statement: inside a transaction rolled back afterwards, an UPDATE
      // or DELETE (the job queue's) changes nothing.
      await admin.query('BEGIN');
      const { rows } = await admin.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }] }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${qy.text}`,
        qy.values as unknown[],
      ).finally(() => admin.query('ROLLBACK'));
      const plan = rows[0]['QUERY PLAN'][0];
      if (dumpDir) {
        const literal = (v: unknown): string => (v === null || v === undefined ? 'NULL' : Array.isArray(v) ? `ARRAY[${v.map(literal).join(', ')}]` : typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v instanceof Date ? v.toISOString() : v).replaceAll("'", "''")}'`);
        const inlined = qy.text.replace(/\$(\d+)/g, (_m, n: string) => literal(qy.values[Number(n) - 1]));
        fs.writeFileSync(path.join(dumpDir, `${String(pi + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}.sql`), `-- ${p.path} #${i + 1}\n${inlined};\n`);
      }
      const seqScans: string[] = [];
      const byDesign: string[] = [];
      walk(plan.Plan, (n) => {
        if (n['Node Type'] !== 'Seq Scan' || !n['Relation Name'] || (rowsOf.get(n['Relation Name']) ?? 0) <= LARGE_TABLE_ROWS) return;
        (p.wholeTable?.includes(n['Relation Name']) ? byDesign : seqScans).push(n['Relation Name']);
      });
      if (byDesign.length) console.log(`     (reads all of ${[...new Set(byDesign)].join(', ')} by design: a daily job)`);
      const firstTable = /FROM\s+"public"\."(\w+)"/i.exec(qy.text)?.[1] ?? /FROM\s+"(\w+)"/i.exec(qy.text)?.[1] ?? '?';
      const verdict = seqScans.length ? `FAIL seq scan on ${[...new Set(seqScans)].join(', ')}` : plan['Execution Time'] > slowMs ? `SLOW (> ${slowMs} ms)` : 'ok';
      console.log(`  #${i + 1} ${firstTable}: ${plan['Execution Time'].toFixed(2)} ms exec, ${plan['Planning Time'].toFixed(2)} ms plan  ${verdict}`);
      if (verbose || seqScans.length || plan['Execution Time'] > slowMs) console.log(`     ${qy.text.replace(/\s+/g, ' ').slice(0, 600)}${qy.text.length > 600 ? ' ...' : ''}`);
      walk(plan.Plan, (n, depth) => {
        const key = verbose || depth < 4 || n['Node Type'].includes('Scan') || n['Node Type'] === 'Sort';
        if (key) console.log(`     ${'  '.repeat(depth)}-> ${describe(n)}`);
      });
      if (seqScans.length) failures.push(`${p.path} #${i + 1}: Seq Scan on ${[...new Set(seqScans)].join(', ')}`);
      if (plan['Execution Time'] > slowMs) slow.push(`${p.path} #${i + 1}: ${plan['Execution Time'].toFixed(1)} ms`);
      if (p.walks) {
        // The index read, and no Sort between it and the LIMIT above it: the LIMIT stops the walk
        // (a Sort above the LIMIT, ordering the few rows it let through, is fine).
        const check = (n: PlanNode): { sorted: boolean; limited: boolean } | null => {
          if (n['Index Name'] === p.walks) return { sorted: false, limited: false };
          for (const child of n.Plans ?? []) {
            const below = check(child);
            if (!below) continue;
            if (below.limited) return below;
            return { sorted: below.sorted || n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort', limited: n['Node Type'] === 'Limit' };
          }
          return null;
        };
        const found = check(plan.Plan);
        if (found?.limited && !found.sorted) walked = true;
      }
    }
    if (p.walks && queries.length && !walked) failures.push(`${p.path}: no statement reads "${p.walks}" in its order (a Sort above it, or another plan)`);
  }
  if (leaderRow) {
    await admin.query(`DELETE FROM "DistrictApprovedIssuer" WHERE "districtId" = $1 AND "issuerId" = ANY($2::text[])`, [leaderRow.org, approvedIssuerIds]);
    await admin.query(`DELETE FROM "DistrictApprovedCredential" WHERE "districtId" = $1 AND "microCredentialId" = ANY($2::text[])`, [leaderRow.org, approvedCredentialIds]);
  }
  if (smallFrom) {
    // Back where they were; the second update puts back the former placement the move's trigger rewrote.
    await admin.query(`UPDATE "User" u SET "districtId" = s."districtId", "schoolId" = s."schoolId" FROM explain_small_district s WHERE u.id = s.id`);
    await admin.query(`UPDATE "User" u SET "formerSchoolIds" = s."formerSchoolIds", "formerDistrictIds" = s."formerDistrictIds", "formerSchoolId" = s."formerSchoolId", "formerDistrictId" = s."formerDistrictId", "placementChangedAt" = s."placementChangedAt" FROM explain_small_district s WHERE u.id = s.id`);
    await admin.query(`DELETE FROM "Organization" WHERE id = $1`, [SMALL_DISTRICT]);
  }
  await admin.end();
  console.log('');
  if (slow.length) console.log(`Slow statements (> ${slowMs} ms):\n  ${slow.join('\n  ')}`);
  if (failures.length) {
    console.log(`FAIL: Seq Scan on a large table (> ${LARGE_TABLE_ROWS.toLocaleString('en-US')} rows):\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('PASS: no Seq Scan on a large table');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[explain] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
