// `npm run seed:scale [-- --small | --teachers 100000 --submissions 1000000 ...]`
//
// Fills a dedicated database with a realistic large dataset for benchmarks and EXPLAIN checks:
// 100k teachers, 50 issuers, 2,000 published micro-credentials with rubrics, tracks, stacks, the
// catalogue projection, ~1.3M enrolments, 1M submissions with attempts, reviews and criterion scores,
// 300k awards with stored Open Badges 3.0 JSON, status lists, and demo logins for the bench.
//
// Everything large is bulk SQL (INSERT ... SELECT over generate_series) on one connection, with the
// big tables' secondary indexes dropped during the load and rebuilt after. Only the issuer keys and
// a few hundred really signed credentials go through the domain code (lib/awards), so the bench's
// credential.json ids include documents that verify.
//
// Safety: refuses to touch a database holding data it did not create (no scale marker) unless
// `--force`. An earlier scale database at the same URL is dropped and rebuilt.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { deployMigrations } from '../db/migrate-engine';
import { MIGRATIONS_DIR } from '../embedded/migrations';
import {
  SCALE_APP_URL, SCALE_AUTH_SECRET, SCALE_CREDENTIAL_KEY_SECRET, SCALE_MARKER, SCALE_PASSWORD, SCALE_REVIEWER_EMAIL, SCALE_TEACHER_EMAIL,
  databaseName, fmtInt, fmtMs, numberFlag, parseFlags, redact, resolveScaleDatabaseUrl,
} from './common';
import * as W from './words';
import { ANY_SUBJECT } from '@/lib/teaching/policy';

const HELP = `Usage: npm run seed:scale -- [options]
  --database-url URL     target (default: SCALE_DATABASE_URL, DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/microcred_scale)
  --small                quick run: 5k teachers, 20k submissions
  --teachers N           default 100000
  --issuers N            default 50
  --credentials N        micro-credentials, default 2000
  --submissions N        default 1000000
  --enrollments N        default submissions x 1.3
  --awards N             default 300000 (at most 60% of submissions)
  --reviewers N          default teachers / 50
  --districts N          default 40 (20 schools each)
  --signed N             awards issued and signed through lib/awards, default 300
  --responses-fraction F share of submitted attempts with stored part responses, default 0.25
  --scores-fraction F    share of submitted reviews with criterion scores, default 1
  --force                wipe a database that holds non-scale data
  --no-vacuum            skip the final VACUUM (ANALYZE still runs)`;

type Sizes = {
  teachers: number; issuers: number; credentials: number; submissions: number; enrollments: number; awards: number;
  reviewers: number; districts: number; schoolsPerDistrict: number; signed: number; responsesFraction: number; scoresFraction: number;
};

function readSizes(flags: Map<string, string | true>): Sizes {
  const small = flags.has('small');
  const teachers = numberFlag(flags, 'teachers', small ? 5_000 : 100_000);
  const issuers = numberFlag(flags, 'issuers', small ? 10 : 50);
  const credentials = numberFlag(flags, 'credentials', small ? 200 : 2_000);
  const submissions = numberFlag(flags, 'submissions', small ? 20_000 : 1_000_000);
  const awards = numberFlag(flags, 'awards', Math.round(submissions * 0.3));
  const sizes: Sizes = {
    teachers, issuers, credentials, submissions, awards,
    enrollments: numberFlag(flags, 'enrollments', Math.round(submissions * 1.3)),
    reviewers: numberFlag(flags, 'reviewers', Math.max(issuers * 4, Math.round(teachers / 50))),
    districts: numberFlag(flags, 'districts', small ? 8 : 40),
    schoolsPerDistrict: 20,
    signed: Math.min(numberFlag(flags, 'signed', small ? 30 : 300), awards),
    responsesFraction: numberFlag(flags, 'responses-fraction', 0.25),
    scoresFraction: numberFlag(flags, 'scores-fraction', 1),
  };
  const problems: string[] = [];
  if (sizes.issuers < 2) problems.push('--issuers must be at least 2');
  if (sizes.credentials < sizes.issuers * 4) problems.push('--credentials must be at least 4 per issuer');
  if (sizes.reviewers < sizes.issuers * 2) problems.push('--reviewers must be at least 2 per issuer');
  if (sizes.enrollments < sizes.submissions) problems.push('--enrollments must be at least --submissions');
  if (sizes.awards > sizes.submissions * 0.6) problems.push('--awards must be at most 60% of --submissions');
  if (sizes.teachers < 10) problems.push('--teachers must be at least 10');
  if (sizes.responsesFraction > 1 || sizes.scoresFraction > 1) problems.push('fractions must be between 0 and 1');
  if (problems.length) throw new Error(problems.join('; '));
  return sizes;
}

const t0 = performance.now();
const elapsed = () => fmtMs(performance.now() - t0).padStart(8);
const log = (msg: string) => console.log(`[seed:scale ${elapsed()}] ${msg}`);

async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const out = await fn();
  const extra = typeof out === 'number' ? ` (${fmtInt(out)} rows)` : '';
  log(`${label}${extra}: ${fmtMs(performance.now() - start)}`);
  return out;
}

/** Drops and recreates the target, unless it holds someone else's data (then only with --force). */
async function prepareDatabase(url: string, force: boolean) {
  const name = databaseName(url);
  if (!name || ['postgres', 'template0', 'template1'].includes(name)) throw new Error(`refusing to use the "${name}" database: name a dedicated one`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ d: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1`, [name]);
    const ident = `"${name.replaceAll('"', '""')}"`;
    if (rows.length) {
      const marked = rows[0].d === SCALE_MARKER;
      if (!marked) {
        const target = new pg.Client({ connectionString: url });
        await target.connect();
        let populated = false;
        try {
          const t = await target.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('User', 'Organization')`);
          if (Number(t.rows[0].n) > 0) {
            const r = await target.query<{ n: boolean }>(`SELECT EXISTS (SELECT 1 FROM "User") OR EXISTS (SELECT 1 FROM "Organization") AS n`);
            populated = r.rows[0].n;
          }
        } finally {
          await target.end();
        }
        if (populated && !force) {
          throw new Error(`${redact(url)} already holds data that the scale seed did not create. Point --database-url (or SCALE_DATABASE_URL) at a dedicated database, or pass --force to wipe it.`);
        }
        if (populated) log(`--force: wiping ${name}, which held non-scale data`);
      }
      await client.query(`DROP DATABASE ${ident} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${ident}`);
    await client.query(`COMMENT ON DATABASE ${ident} IS '${SCALE_MARKER}'`);
  } finally {
    await client.end();
  }
}

// Big tables whose secondary indexes are dropped during the load and rebuilt afterwards.
const BULK_TABLES = [
  'User', 'Membership', 'Enrollment', 'Submission', 'Attempt', 'Review', 'CriterionScore', 'PartResponse', 'Award',
  'Notification', 'ResourceProgress', 'Proposal', 'ReviewerQualification', 'AuditLog', 'Job',
];

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const sizes = readSizes(flags);
  const { url, source } = resolveScaleDatabaseUrl(typeof flags.get('database-url') === 'string' ? (flags.get('database-url') as string) : undefined);
  log(`target ${redact(url)} (from ${source})`);
  log(`sizes ${JSON.stringify(sizes)}`);

  await step('drop and create database', () => prepareDatabase(url, flags.has('force')));
  await step('deploy migrations', () => deployMigrations({ databaseUrl: url, migrationsDir: MIGRATIONS_DIR }));

  // The domain code (issuer keys, signed awards) reads its configuration through lib/env.
  Object.assign(process.env, {
    DATABASE_URL: url,
    APP_URL: SCALE_APP_URL,
    AUTH_SECRET: SCALE_AUTH_SECRET,
    CREDENTIAL_KEY_SECRET: SCALE_CREDENTIAL_KEY_SECRET,
    S3_BUCKET: process.env.S3_BUCKET ?? 'microcred',
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID ?? 'unused',
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY ?? 'unused',
    DATABASE_POOL_MAX: '4',
  });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rowCount ?? 0;

  const T = sizes.teachers, I = sizes.issuers, M = sizes.credentials, S = sizes.submissions, E = sizes.enrollments;
  const A = sizes.awards, N = sizes.signed, D = sizes.districts, SPD = sizes.schoolsPerDistrict, NSCH = D * SPD;
  const RPI = Math.floor(sizes.reviewers / I); // reviewers per issuer
  const R = RPI * I;
  const NT = Math.floor(M / 4); // tracks: each holds a level 1 and a level 2 micro-credential
  const NS = I * Math.min(4, Math.floor(NT / (2 * I))); // stacks: each takes two of its issuer's tracks
  // Stride between a teacher's credentials: coprime with M, so a teacher never gets one twice.
  const STEP = [7, 11, 13, 17, 19, 23, 29, 31].find((p) => M % p !== 0)!;
  // User numbering: teachers 1..T, reviewers, issuer admins, district leaders, one platform admin.
  const U_REV = T, U_ADM = T + R, U_LEAD = T + R + I, U_PLAT = T + R + I + D + 1;
  // Earned first (by a random rank), then the rest split: 12% needing revision, 8% waiting for review,
  // 3% claimed by a reviewer, the remainder drafts.
  const restCut = (share: number) => Math.round(A + (S - A) * share);
  const CUT_NR = restCut(0.12), CUT_SUB = restCut(0.2), CUT_INR = restCut(0.23);

  await q(`SET work_mem = '256MB'`);
  await q(`SET maintenance_work_mem = '1GB'`);
  await q(`SET temp_buffers = '512MB'`);
  await q(`SET synchronous_commit = off`);
  await q(`SET default_toast_compression = lz4`);
  await q(`SELECT setseed(0.4242)`);
  // Rows are consistent by construction: skip per-row foreign-key checks and triggers during the load.
  await q(`SET session_replication_role = replica`);
  await q(`CREATE FUNCTION pg_temp.sid(p text, i bigint) RETURNS text IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT 'c' || p || lpad(i::text, 21, '0') $$`);
  await q(`CREATE TEMP TABLE words AS SELECT $1::text[] AS objects, $2::text[] AS qualifiers, $3::text[] AS verbs1, $4::text[] AS verbs2, $5::text[] AS outcomes,
    $6::text[] AS topics, $7::text[] AS subjects, $8::text[] AS grades, $9::text[] AS iadj, $10::text[] AS inoun, $11::text[] AS isuf, $12::text[] AS places,
    $13::text[] AS schoolkinds, $14::text[] AS firsts, $15::text[] AS lasts, $16::text[] AS parts, $17::text[] AS crits, $18::text[] AS levels,
    $19::text[] AS feedback, $20::text[] AS sentences`, [
    W.OBJECTS, W.QUALIFIERS, W.VERBS_L1, W.VERBS_L2, W.OUTCOMES, W.TOPICS, W.SUBJECTS, W.GRADE_BANDS, W.ISSUER_ADJECTIVES, W.ISSUER_NOUNS,
    W.ISSUER_SUFFIXES, W.PLACES, W.SCHOOL_KINDS, W.FIRST_NAMES, W.LAST_NAMES, W.PART_TITLES, W.CRITERION_TITLES, W.LEVEL_LABELS, W.FEEDBACK, W.SENTENCES,
  ]);
  const nw = (col: string) => `array_length(w.${col}, 1)`;
  const pick = (col: string, expr: string) => `w.${col}[((${expr}) % ${nw(col)}) + 1]`;

  const indexDefs = await step('drop secondary indexes of the big tables', async () => {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))`,
      [BULK_TABLES],
    );
    for (const r of rows) await q(`DROP INDEX "${r.indexname}"`);
    return rows;
  });

  // ───────────── Organisations and people ─────────────
  await step('organisations', () => q(`
    INSERT INTO "Organization" (id, slug, name, kind, description, url, email, "parentId", "requiresProposal", "slaBusinessDays", "doubleScoreRate",
      "blockSameDistrict", "blindReview", "calibrationRequired", "claimMinutes", "createdAt", "updatedAt")
    SELECT pg_temp.sid('plt', 0), 'scale-platform', 'Microcred Platform', 'PLATFORM'::"OrgKind", '', NULL, NULL, NULL, false, 14, 0.1, false, false, true, 240, now() - interval '4 years', now()
    UNION ALL
    SELECT pg_temp.sid('iss', i), 'scale-issuer-' || i,
      ${pick('iadj', 'i - 1')} || ' ' || ${pick('inoun', '(i - 1) / 10')} || ' ' || ${pick('isuf', '(i - 1) / 50')} || CASE WHEN i > 250 THEN ' ' || i ELSE '' END,
      'ISSUER'::"OrgKind", 'A provider of classroom-based micro-credentials for teachers, reviewed by trained educators against published rubrics.',
      'https://issuer' || i || '.scale.test', 'credentials@issuer' || i || '.scale.test', NULL, false,
      10 + i % 10, 0.1, i % 5 = 0, i % 3 = 0, i % 2 = 0, 240, now() - interval '4 years', now()
    FROM generate_series(1, ${I}) i, words w
    UNION ALL
    SELECT pg_temp.sid('dis', d), 'scale-district-' || d, ${pick('places', 'd - 1')} || ' School District' || CASE WHEN d > ${W.PLACES.length} THEN ' ' || d ELSE '' END,
      'DISTRICT'::"OrgKind", '', NULL, NULL, NULL, d % 8 = 0, 14, 0.1, false, false, true, 240, now() - interval '4 years', now()
    FROM generate_series(1, ${D}) d, words w
    UNION ALL
    SELECT pg_temp.sid('sch', s), 'scale-school-' || s, ${pick('places', '(s - 1) / ' + SPD)} || ' ' || ${pick('schoolkinds', 's - 1')} || ' ' || s,
      'SCHOOL'::"OrgKind", '', NULL, NULL, pg_temp.sid('dis', (s - 1) / ${SPD} + 1), false, 14, 0.1, false, false, true, 240, now() - interval '4 years', now()
    FROM generate_series(1, ${NSCH}) s, words w`));

  const passwordHash = await step('hash the demo password', async () => {
    const { hashPassword } = await import('@/lib/auth/password');
    return hashPassword(SCALE_PASSWORD);
  });

  // "What I teach" (account page): 60% of teachers (the demo teacher among them) said it, with one or
  // two of the subjects a teacher can tick (every one the credentials use but ANY_SUBJECT) and one
  // grade band; the rest said nothing, as most people leave an optional setting. 40% of teachers (the
  // demo teacher among them) share with colleagues at their school (ADR 028): about 50 per school.
  const tickable = W.SUBJECTS.filter((s) => s !== ANY_SUBJECT);
  await step('users', () => q(`
    INSERT INTO "User" (id, email, name, "passwordHash", "emailVerified", handle, "portfolioPublic", "schoolId", "districtId", "sessionVersion", "createdAt", "updatedAt",
      "teachesSubjects", "teachesGradeBands", "sharesWithColleagues")
    SELECT pg_temp.sid('usr', g),
      CASE
        WHEN g = 1 THEN '${SCALE_TEACHER_EMAIL}'
        WHEN g = ${U_REV + 1} THEN '${SCALE_REVIEWER_EMAIL}'
        WHEN g = ${U_ADM + 1} THEN 'scale-admin@scale.test'
        WHEN g = ${U_LEAD + 1} THEN 'scale-leader@scale.test'
        WHEN g = ${U_PLAT} THEN 'scale-platform@scale.test'
        WHEN g <= ${T} THEN 'teacher' || g || '@scale.test'
        WHEN g <= ${U_ADM} THEN 'reviewer' || (g - ${U_REV}) || '@scale.test'
        WHEN g <= ${U_LEAD} THEN 'admin' || (g - ${U_ADM}) || '@scale.test'
        WHEN g < ${U_PLAT} THEN 'leader' || (g - ${U_LEAD}) || '@scale.test'
      END,
      ${pick('firsts', 'g * 7')} || ' ' || ${pick('lasts', 'g * 13 + g / 40')},
      $1, c, CASE WHEN g <= ${T} AND g % 20 = 0 THEN 'teacher-' || g END, g <= ${T} AND g % 20 = 0,
      CASE WHEN g < ${U_ADM + 1} THEN pg_temp.sid('sch', s) END,
      CASE WHEN g < ${U_ADM + 1} THEN pg_temp.sid('dis', (s - 1) / ${SPD} + 1) WHEN g > ${U_LEAD} AND g < ${U_PLAT} THEN pg_temp.sid('dis', g - ${U_LEAD}) END,
      0, c, c,
      CASE WHEN says THEN ARRAY[($2::text[])[((g * 7) % ${tickable.length}) + 1]] || CASE WHEN g % 3 = 0 THEN ARRAY[($2::text[])[((g * 7 + 4) % ${tickable.length}) + 1]] ELSE ARRAY[]::text[] END ELSE ARRAY[]::text[] END,
      CASE WHEN says THEN ARRAY[${pick('grades', 'g')}] ELSE ARRAY[]::text[] END,
      g <= ${T} AND g % 10 < 4
    FROM generate_series(1, ${U_PLAT}) g, words w,
      LATERAL (SELECT ((g::bigint * 7) % ${NSCH}) + 1 AS s, now() - interval '4 years' + (g::float / ${U_PLAT}) * interval '3 years' AS c, g <= ${T} AND g % 5 < 3 AS says) x`, [passwordHash, tickable]));

  await q(`CREATE TEMP SEQUENCE mseq`);
  await step('memberships', () => q(`
    INSERT INTO "Membership" (id, "userId", "organizationId", role, "createdAt")
    SELECT pg_temp.sid('mem', nextval('mseq')), u, org, role::"Role", now() - interval '3 years' FROM (
      SELECT pg_temp.sid('usr', g) AS u, pg_temp.sid('dis', ((((g::bigint * 7) % ${NSCH}) + 1) - 1) / ${SPD} + 1) AS org, 'TEACHER' AS role FROM generate_series(1, ${T}) g
      UNION ALL SELECT pg_temp.sid('usr', ${U_REV} + r), pg_temp.sid('iss', ((r - 1) % ${I}) + 1), 'REVIEWER' FROM generate_series(1, ${R}) r
      UNION ALL SELECT pg_temp.sid('usr', ${U_REV + 1}), pg_temp.sid('iss', i), 'REVIEWER' FROM generate_series(2, ${Math.min(10, I)}) i
      UNION ALL SELECT pg_temp.sid('usr', ${U_ADM} + i), pg_temp.sid('iss', i), 'ISSUER_ADMIN' FROM generate_series(1, ${I}) i
      UNION ALL SELECT pg_temp.sid('usr', ${U_LEAD} + d), pg_temp.sid('dis', d), 'DISTRICT_LEADER' FROM generate_series(1, ${D}) d
      UNION ALL SELECT pg_temp.sid('usr', ${U_PLAT}), pg_temp.sid('plt', 0), 'PLATFORM_ADMIN'
    ) m`));

  // ───────────── Catalogue ─────────────
  // One row per micro-credential with everything derived from its number.
  await step('micro-credential plan', () => q(`
    CREATE TEMP TABLE mcmap AS
    SELECT i AS mc, tr AS track, issuer, level, nparts, ncrit, nres, obj, qual, verb, outcome,
      initcap(${pick('objects', 'obj')}) AS object, ${pick('qualifiers', 'qual')} AS qualifier,
      ${pick('topics', 'obj')} AS topic, ${pick('outcomes', 'outcome')} AS outcome_text,
      ARRAY[${pick('subjects', 'obj + qual')}] || CASE WHEN i % 3 = 0 THEN ARRAY[${pick('subjects', 'obj + qual + 3')}] ELSE ARRAY[]::text[] END AS subjects,
      w.grades[(i % 4) + 1 : least(4, (i % 4) + 1 + (i % 3))] AS grade_bands,
      (1.5 + (i % 7) * 0.5 + level * 2)::numeric(5, 1) AS pd_hours,
      CASE WHEN i % 10 < 3 THEN 24 + (i % 2) * 12 END AS expiry_months,
      (ARRAY['#1d4ed8', '#0f766e', '#7c3aed', '#b45309', '#be123c', '#15803d', '#0369a1', '#a21caf'])[(i % 8) + 1] AS badge_color,
      now() - ((30 + (i * 37) % 1000) || ' days')::interval AS published_at
    FROM (
      SELECT i,
        CASE WHEN i <= ${2 * NT} THEN (i + 1) / 2 END AS tr,
        CASE WHEN i <= ${2 * NT} THEN (((i + 1) / 2 - 1) % ${I}) + 1 ELSE ((i - 1) % ${I}) + 1 END AS issuer,
        CASE WHEN i <= ${2 * NT} THEN 2 - (i % 2) ELSE 1 + (i % 2) END AS level,
        3 + (i % 2) AS nparts, 3 + ((i / 2) % 2) AS ncrit, 2 + (i % 3) AS nres,
        CASE WHEN i <= ${2 * NT} THEN ((i + 1) / 2 - 1) ELSE (i - ${2 * NT} - 1) / 16 END AS obj,
        CASE WHEN i <= ${2 * NT} THEN ((i + 1) / 2 - 1) / ${W.OBJECTS.length} ELSE (i - ${2 * NT} - 1) / ${16 * W.OBJECTS.length} + 7 END AS qual,
        i * 7 AS verb, i * 3 AS outcome
      FROM generate_series(1, ${M}) i
    ) x, words w`));
  await q(`ALTER TABLE mcmap ADD PRIMARY KEY (mc)`);
  await q(`ANALYZE mcmap`);
  await q(`CREATE TEMP TABLE mctext AS
    SELECT m.mc,
      CASE WHEN m.level = 1 THEN ${pick('verbs1', 'm.verb')} ELSE ${pick('verbs2', 'm.verb')} END || ' ' || m.object || ' ' || m.qualifier AS title,
      CASE WHEN m.level = 1
        THEN 'The educator explains how ' || lower(m.object) || ' support learning ' || m.qualifier || ', and uses evidence from their own school to identify ' || m.outcome_text || '.'
        ELSE 'The educator uses ' || lower(m.object) || ' ' || m.qualifier || ' over at least four weeks, collects evidence of students'' ' || m.outcome_text || ', and reflects on the impact on learning.'
      END AS competency,
      'Learn to use ' || lower(m.object) || ' ' || m.qualifier || ' and show how they change ' || m.outcome_text || '.' AS summary,
      'Plan, teach and reflect on a sequence of lessons built around ' || lower(m.object) || '.' AS key_method,
      '- Set a clear learning goal tied to ' || lower(m.topic) || E'\\n- Introduce ' || lower(m.object) || ' with a model and a think-aloud' ||
        E'\\n- Gather student work at the start, middle and end' || E'\\n- Adjust the routine for students who need more support' AS components,
      'Studies of ' || lower(m.topic) || ' show the largest gains when teachers make thinking visible, check understanding often and act on what they learn. '
        || 'This micro-credential asks for that cycle, evidenced in your own classroom.' AS rationale
    FROM mcmap m, words w`);
  await q(`ALTER TABLE mctext ADD PRIMARY KEY (mc)`);

  await step('tracks', () => q(`
    INSERT INTO "Track" (id, "issuerId", slug, kind, title, summary, description, topic, subjects, "gradeBands", status, "publishedAt", "createdAt", "updatedAt")
    SELECT pg_temp.sid('trk', m.track), pg_temp.sid('iss', m.issuer),
      lower(regexp_replace(m.object || ' ' || m.qualifier, '[^a-zA-Z0-9]+', '-', 'g')) || '-track-' || m.track,
      (CASE WHEN m.track % 5 = 0 THEN 'COURSE' ELSE 'TRACK' END)::"TrackKind",
      m.object || ' ' || m.qualifier || CASE WHEN m.track % 5 = 0 THEN ' (course)' ELSE ': badge track' END,
      'Two levels: first show you understand ' || lower(m.object) || ', then show them working ' || m.qualifier || '.',
      'A course of study and practice on ' || lower(m.object) || '. Level 1 asks for understanding, level 2 for evidence from your own classroom.',
      m.topic, m.subjects, m.grade_bands, 'PUBLISHED', m.published_at - interval '1 day', m.published_at - interval '30 days', m.published_at
    FROM mcmap m WHERE m.track IS NOT NULL AND m.level = 1`));

  await step('micro-credentials and versions', async () => {
    const a = await q(`
      INSERT INTO "MicroCredential" (id, "issuerId", slug, "trackId", level, topic, subjects, "gradeBands", status, "currentVersionId", "publishedAt", "createdAt", "updatedAt")
      SELECT pg_temp.sid('mcr', m.mc), pg_temp.sid('iss', m.issuer), lower(regexp_replace(t.title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || m.mc,
        CASE WHEN m.track IS NOT NULL THEN pg_temp.sid('trk', m.track) END, m.level, m.topic, m.subjects, m.grade_bands, 'PUBLISHED',
        pg_temp.sid('ver', m.mc), m.published_at, m.published_at - interval '30 days', m.published_at
      FROM mcmap m JOIN mctext t USING (mc)`);
    const b = await q(`
      INSERT INTO "MicroCredentialVersion" (id, "microCredentialId", version, status, title, summary, competency, "keyMethod", "methodComponents", "researchRationale",
        "pdHours", "expiryMonths", "badgeColor", "passingRuleKind", "passingLevelRank", "publishedAt", "createdById", "createdAt", "updatedAt")
      SELECT pg_temp.sid('ver', m.mc), pg_temp.sid('mcr', m.mc), 1, 'PUBLISHED', t.title, t.summary, t.competency, t.key_method, t.components, t.rationale,
        m.pd_hours, m.expiry_months, m.badge_color, 'ALL_AT_LEAST', 2, m.published_at, pg_temp.sid('usr', ${U_ADM} + m.issuer), m.published_at - interval '30 days', m.published_at
      FROM mcmap m JOIN mctext t USING (mc)`);
    return a + b;
  });

  await step('parts, rubric criteria, levels, descriptors, resources, alignments', async () => {
    let n = 0;
    n += await q(`
      INSERT INTO "SubmissionPart" (id, "versionId", "sortOrder", title, prompt, "responseType", required, "wordLimit", "allowedTypes", "maxFileBytes", "maxFiles")
      SELECT pg_temp.sid('prt', m.mc * 4 + p), pg_temp.sid('ver', m.mc), p,
        CASE WHEN m.nparts = 3 AND p = 2 THEN 'Reflection' ELSE w.parts[p + 1] END,
        CASE p WHEN 0 THEN 'Describe your class, your students and why you chose to work on ' || lower(m.object) || '.'
               WHEN 1 THEN 'Show how you used ' || lower(m.object) || ' ' || m.qualifier || ': lesson plans, photos or a short video.'
               WHEN 2 THEN CASE WHEN m.nparts = 3 THEN 'What changed for your students, and what will you do next?' ELSE 'Upload three samples of student work from the start, middle and end.' END
               ELSE 'What changed for your students, and what will you do next?' END,
        (CASE WHEN p = 1 THEN 'TEXT_AND_FILES' WHEN p = 2 AND m.nparts = 4 THEN 'FILES' ELSE 'TEXT' END)::"ResponseType",
        true, CASE WHEN p = 1 OR (p = 2 AND m.nparts = 4) THEN NULL ELSE 500 END,
        CASE WHEN p = 1 OR (p = 2 AND m.nparts = 4) THEN ARRAY['pdf', 'image', 'video', 'document'] ELSE ARRAY[]::text[] END, 104857600, 5
      FROM mcmap m CROSS JOIN generate_series(0, 3) p, words w WHERE p < m.nparts`);
    n += await q(`
      INSERT INTO "RubricCriterion" (id, "versionId", "sortOrder", title, description, "partId")
      SELECT pg_temp.sid('crt', m.mc * 4 + c), pg_temp.sid('ver', m.mc), c, w.crits[c + 1],
        CASE c WHEN 0 THEN 'The context and the goal for students are clear and specific.'
               WHEN 1 THEN 'The evidence shows ' || lower(m.object) || ' used as intended.'
               WHEN 2 THEN 'Student work shows a change in ' || m.outcome_text || '.'
               ELSE 'The reflection draws on the evidence and names a next step.' END,
        pg_temp.sid('prt', m.mc * 4 + least(c, m.nparts - 1))
      FROM mcmap m CROSS JOIN generate_series(0, 3) c, words w WHERE c < m.ncrit`);
    n += await q(`
      INSERT INTO "ProficiencyLevel" (id, "versionId", rank, label)
      SELECT pg_temp.sid('lvl', m.mc * 4 + r), pg_temp.sid('ver', m.mc), r, w.levels[r + 1] FROM mcmap m CROSS JOIN generate_series(0, 3) r, words w`);
    n += await q(`
      INSERT INTO "RubricDescriptor" ("criterionId", "levelId", text)
      SELECT pg_temp.sid('crt', m.mc * 4 + c), pg_temp.sid('lvl', m.mc * 4 + r),
        CASE r WHEN 0 THEN 'Little or no evidence of ' WHEN 1 THEN 'Some evidence of ' WHEN 2 THEN 'Clear evidence of ' ELSE 'Compelling, detailed evidence of ' END
          || lower(w.crits[c + 1]) || ' related to ' || lower(m.object) || '.'
      FROM mcmap m CROSS JOIN generate_series(0, 3) c CROSS JOIN generate_series(0, 3) r, words w WHERE c < m.ncrit`);
    n += await q(`
      INSERT INTO "Resource" (id, "versionId", "sortOrder", kind, title, url, body, minutes)
      SELECT pg_temp.sid('res', m.mc * 4 + r), pg_temp.sid('ver', m.mc), r, (ARRAY['READING', 'VIDEO', 'LINK', 'ACTIVITY'])[r + 1]::"ResourceKind",
        (ARRAY['Reading: ', 'Video: ', 'Toolkit: ', 'Try it: '])[r + 1] || m.object || ' ' || m.qualifier,
        CASE WHEN r < 3 THEN 'https://resources.scale.test/' || m.mc || '/' || r END,
        'A short ' || lower((ARRAY['reading', 'video', 'toolkit', 'classroom activity'])[r + 1]) || ' on ' || lower(m.object) || '.', 10 + r * 15
      FROM mcmap m CROSS JOIN generate_series(0, 3) r WHERE r < m.nres`);
    n += await q(`
      INSERT INTO "Alignment" (id, "versionId", "targetName", "targetUrl", "targetDescription", "targetFramework", "targetCode")
      SELECT pg_temp.sid('aln', m.mc * 2 + a), pg_temp.sid('ver', m.mc),
        CASE a WHEN 0 THEN 'Domain ' || (m.mc % 7 + 1) || ': ' || m.topic ELSE 'Standard ' || (m.mc % 5 + 1) || ': Learner' END,
        CASE a WHEN 0 THEN 'https://standards.scale.test/teacher-leader' ELSE 'https://standards.scale.test/iste' END,
        CASE WHEN a = 1 THEN 'Educators design learning around ' || lower(m.object) || '.' END,
        CASE a WHEN 0 THEN 'Teacher Leader Model Standards' ELSE 'ISTE Standards for Educators' END,
        CASE a WHEN 0 THEN 'Domain ' || (m.mc % 7 + 1) ELSE '2.' || (m.mc % 7 + 1) END
      FROM mcmap m CROSS JOIN generate_series(0, 1) a WHERE a = 0 OR m.mc % 2 = 0`);
    return n;
  });

  await step('stacks', async () => {
    await q(`CREATE TEMP TABLE stackmap AS
      SELECT s, ((s - 1) % ${I}) + 1 AS issuer, (s - 1) / ${I} AS qn FROM generate_series(1, ${NS}) s`);
    let n = await q(`
      INSERT INTO "StackItem" ("stackId", "microCredentialId", "sortOrder")
      SELECT pg_temp.sid('stk', sm.s), pg_temp.sid('mcr', m.mc), row_number() OVER (PARTITION BY sm.s ORDER BY m.mc) - 1
      FROM stackmap sm JOIN mcmap m ON m.track IN (sm.issuer + ${I} * (2 * sm.qn), sm.issuer + ${I} * (2 * sm.qn + 1))
      WHERE NOT (sm.s % 2 = 1 AND m.track = sm.issuer + ${I} * (2 * sm.qn + 1) AND m.level = 1)`);
    n += await q(`
      INSERT INTO "Stack" (id, "issuerId", slug, title, summary, description, "badgeColor", status, "publishedAt", "createdAt", "updatedAt")
      SELECT pg_temp.sid('stk', sm.s), pg_temp.sid('iss', sm.issuer), 'stack-' || lower(regexp_replace(m.topic, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || sm.s,
        m.topic || ' in practice: ' || m.object || ' stack', 'Earn every micro-credential in this stack to show sustained expertise in ' || lower(m.topic) || '.',
        'Stacks recognise a coherent body of practice. This one combines ' || lower(m.object) || ' with related classroom routines.',
        '#7c3aed', 'PUBLISHED', now() - interval '20 days', now() - interval '60 days', now() - interval '20 days'
      FROM stackmap sm JOIN mcmap m ON m.track = sm.issuer + ${I} * (2 * sm.qn) AND m.level = 1`);
    return n;
  });

  // The catalogue projection, with the search-vector trigger active (origin replication role).
  await step('catalogue entries (with search vectors)', async () => {
    await q(`SET session_replication_role = origin`);
    let n = await q(`
      INSERT INTO "CatalogEntry" (id, kind, "refId", slug, "issuerId", "issuerName", title, summary, competency, body, topic, subjects, "gradeBands", level, "pdHours", "stackSlugs", "badgeColor", "publishedAt")
      SELECT pg_temp.sid('cat', mc.mc), 'MICRO_CREDENTIAL', c.id, c.slug, c."issuerId", o.name, v.title, v.summary, v.competency, v."keyMethod" || E'\\n' || v."methodComponents",
        c.topic, c.subjects, c."gradeBands", c.level, v."pdHours", coalesce(st.slugs, ARRAY[]::text[]), v."badgeColor", c."publishedAt"
      FROM mcmap mc JOIN "MicroCredential" c ON c.id = pg_temp.sid('mcr', mc.mc) JOIN "MicroCredentialVersion" v ON v.id = c."currentVersionId"
      JOIN "Organization" o ON o.id = c."issuerId"
      LEFT JOIN LATERAL (SELECT array_agg(s.slug ORDER BY s.slug) AS slugs FROM "StackItem" i JOIN "Stack" s ON s.id = i."stackId" WHERE i."microCredentialId" = c.id) st ON true`);
    n += await q(`
      INSERT INTO "CatalogEntry" (id, kind, "refId", slug, "issuerId", "issuerName", title, summary, competency, body, topic, subjects, "gradeBands", level, "pdHours", "stackSlugs", "badgeColor", "publishedAt")
      SELECT pg_temp.sid('cat', ${M} + row_number() OVER (ORDER BY t.id)), 'TRACK', t.id, t.slug, t."issuerId", o.name, t.title, t.summary,
        agg.competency, t.description, t.topic, t.subjects, t."gradeBands", NULL, agg.hours, ARRAY[]::text[], '#0f766e', t."publishedAt"
      FROM "Track" t JOIN "Organization" o ON o.id = t."issuerId"
      JOIN LATERAL (SELECT string_agg(v.competency, ' ' ORDER BY c.level) AS competency, sum(v."pdHours") AS hours
        FROM "MicroCredential" c JOIN "MicroCredentialVersion" v ON v.id = c."currentVersionId" WHERE c."trackId" = t.id) agg ON true`);
    n += await q(`
      INSERT INTO "CatalogEntry" (id, kind, "refId", slug, "issuerId", "issuerName", title, summary, competency, body, topic, subjects, "gradeBands", level, "pdHours", "stackSlugs", "badgeColor", "publishedAt")
      SELECT pg_temp.sid('cat', ${2 * M} + row_number() OVER (ORDER BY s.id)), 'STACK', s.id, s.slug, s."issuerId", o.name, s.title, s.summary,
        agg.competency, s.description, agg.topic, agg.subjects, agg.grades, NULL, agg.hours, ARRAY[s.slug], s."badgeColor", s."publishedAt"
      FROM "Stack" s JOIN "Organization" o ON o.id = s."issuerId"
      JOIN LATERAL (SELECT string_agg(v.competency, ' ') AS competency, sum(v."pdHours") AS hours, min(c.topic) AS topic,
          ARRAY(SELECT DISTINCT x FROM "StackItem" i3 JOIN "MicroCredential" c3 ON c3.id = i3."microCredentialId", unnest(c3.subjects) x WHERE i3."stackId" = s.id ORDER BY x) AS subjects,
          ARRAY(SELECT DISTINCT g FROM "StackItem" i2 JOIN "MicroCredential" c2 ON c2.id = i2."microCredentialId", unnest(c2."gradeBands") g WHERE i2."stackId" = s.id ORDER BY g) AS grades
        FROM "StackItem" i JOIN "MicroCredential" c ON c.id = i."microCredentialId" JOIN "MicroCredentialVersion" v ON v.id = c."currentVersionId" WHERE i."stackId" = s.id) agg ON true`);
    await q(`SET session_replication_role = replica`);
    return n;
  });

  // ───────────── Issuer keys (domain code: real Ed25519 keys, encrypted with the scale secret) ─────────────
  await step('issuer signing keys', async () => {
    const { getSigningKey } = await import('@/lib/awards/keys');
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Organization" WHERE kind = 'ISSUER' ORDER BY id`);
    for (const r of rows) await getSigningKey(r.id);
    return rows.length;
  });

  // ───────────── Reviewers ─────────────
  await step('reviewer qualifications and calibration exemplars', async () => {
    let n = await q(`
      INSERT INTO "ReviewerQualification" (id, "userId", "microCredentialId", "grantedById", "calibratedAt", "createdAt")
      SELECT pg_temp.sid('rqu', r * ${M + 1} + m.mc), pg_temp.sid('usr', ${U_REV} + r), pg_temp.sid('mcr', m.mc), pg_temp.sid('usr', ${U_ADM} + m.issuer),
        now() - interval '200 days', now() - interval '220 days'
      FROM generate_series(1, ${R}) r JOIN mcmap m ON m.issuer = ((r - 1) % ${I}) + 1 OR (r = 1 AND m.issuer <= ${Math.min(10, I)})`);
    n += await q(`
      INSERT INTO "CalibrationExemplar" (id, "microCredentialId", title, responses, "expectedRanks", "createdAt")
      SELECT pg_temp.sid('cex', m.mc), pg_temp.sid('mcr', m.mc), 'Sample application: ' || m.object,
        jsonb_build_array(jsonb_build_object('partTitle', 'Context', 'text', w.sentences[1] || ' ' || w.sentences[2]), jsonb_build_object('partTitle', 'Reflection', 'text', w.sentences[7])),
        jsonb_build_object('0', 2, '1', 2, '2', 1), now() - interval '300 days'
      FROM mcmap m, words w WHERE m.issuer % 2 = 0 AND m.mc % 2 = 0`);
    return n;
  });

  // ───────────── Teacher journey ─────────────
  // (teacher, credential) pairs: skewed so a few teachers and credentials are very busy. The demo
  // teacher (user 1) gets the first 150 draws.
  await step('enrolment plan', async () => {
    const n = await q(`
      CREATE TEMP TABLE pairs AS
      SELECT p.seq, p.t, ((b.base + (p.k - 1) * ${STEP}) % ${M}) + 1 AS mc FROM (
        SELECT seq, t, row_number() OVER (PARTITION BY t ORDER BY seq) AS k FROM (
          SELECT g AS seq, CASE WHEN g <= 150 THEN 1 ELSE least(${T}, floor(${T} * power(random(), 1.3))::int + 1) END AS t FROM generate_series(1, ${E}) g
        ) d
      ) p, LATERAL (SELECT floor(${M} * power(((p.t::bigint * 2654435761) % 1000003) / 1000003.0, 2))::int AS base) b
      WHERE p.k <= ${M}`);
    await q(`ALTER TABLE pairs ADD PRIMARY KEY (seq)`);
    await q(`ANALYZE pairs`);
    return n;
  });

  // One row per submission with its whole timeline, so attempts, reviews and awards agree.
  await step('submission plan', async () => {
    const n = await q(`
      CREATE TEMP TABLE subs AS
      WITH ranked AS (
        SELECT p.*, row_number() OVER (ORDER BY random()) AS rk FROM pairs p WHERE p.seq <= ${S}
      ), st AS (
        SELECT r.*, CASE
            WHEN rk <= ${A} THEN 'EARNED'
            WHEN rk <= ${CUT_NR} THEN 'NEEDS_REVISION'
            WHEN rk <= ${CUT_SUB} THEN 'SUBMITTED'
            WHEN rk <= ${CUT_INR} THEN 'IN_REVIEW'
            ELSE 'DRAFT' END AS status
        FROM ranked r
      ), tl AS (
        SELECT st.*, m.issuer, m.ncrit, m.nparts, m.level, m.pd_hours, m.expiry_months,
          CASE status WHEN 'EARNED' THEN seq % 5 = 0 WHEN 'NEEDS_REVISION' THEN seq % 3 = 0 WHEN 'SUBMITTED' THEN seq % 4 = 0 ELSE false END AS two,
          CASE WHEN status IN ('SUBMITTED', 'IN_REVIEW') THEN now() - random() * interval '40 days' END AS last_sub,
          now() - (170 + random() * 900) * interval '1 day' AS old_start,
          now() - random() * interval '700 days' AS draft_start
        FROM st JOIN mcmap m USING (mc)
      )
      SELECT seq, t, mc, issuer, ncrit, nparts, level, pd_hours, expiry_months, rk, status, two,
        enrolled_at,
        a1_sub, a1_dec, a2_sub, a2_dec, a2_created,
        (seq % 10 = 0) AS double_score
      FROM (
        SELECT tl.*,
          CASE WHEN status IN ('EARNED', 'NEEDS_REVISION') THEN old_start WHEN status = 'DRAFT' THEN draft_start
               ELSE last_sub - (CASE WHEN two THEN 60 ELSE 0 END + 10 + (seq % 120)) * interval '1 day' END AS enrolled_at,
          CASE WHEN status IN ('EARNED', 'NEEDS_REVISION') THEN old_start + (7 + seq % 80) * interval '1 day'
               WHEN status IN ('SUBMITTED', 'IN_REVIEW') THEN CASE WHEN two THEN last_sub - (30 + seq % 30) * interval '1 day' ELSE last_sub END END AS a1_sub,
          CASE WHEN status IN ('EARNED', 'NEEDS_REVISION') THEN old_start + (7 + seq % 80 + 3 + seq % 17) * interval '1 day'
               WHEN status = 'SUBMITTED' AND two THEN last_sub - (25 + seq % 5) * interval '1 day' END AS a1_dec,
          CASE WHEN status = 'EARNED' AND two THEN old_start + (7 + seq % 80 + 3 + seq % 17 + 5 + seq % 35) * interval '1 day'
               WHEN status = 'SUBMITTED' AND two THEN last_sub END AS a2_sub,
          CASE WHEN status = 'EARNED' AND two THEN old_start + (7 + seq % 80 + 3 + seq % 17 + 5 + seq % 35 + 2 + seq % 13) * interval '1 day' END AS a2_dec,
          CASE WHEN status = 'NEEDS_REVISION' AND two THEN old_start + (7 + seq % 80 + 3 + seq % 17 + 2) * interval '1 day' END AS a2_created
        FROM tl
      ) x`);
    await q(`ALTER TABLE subs ADD PRIMARY KEY (seq)`);
    await q(`ANALYZE subs`);
    return n;
  });

  await step('enrolments', () => q(`
    INSERT INTO "Enrollment" (id, "userId", "microCredentialId", "createdAt", "withdrawnAt")
    SELECT pg_temp.sid('enr', p.seq), pg_temp.sid('usr', p.t), pg_temp.sid('mcr', p.mc), coalesce(s.enrolled_at, now() - (p.seq % 500) * interval '1 day'),
      CASE WHEN s.seq IS NULL AND p.seq % 25 = 0 THEN now() - (p.seq % 100) * interval '1 day' END
    FROM pairs p LEFT JOIN subs s USING (seq)`));

  await step('submissions', () => q(`
    INSERT INTO "Submission" (id, "userId", "microCredentialId", "versionId", status, "publicSummary", "lastSubmittedAt", "createdAt", "updatedAt")
    SELECT pg_temp.sid('sub', s.seq), pg_temp.sid('usr', s.t), pg_temp.sid('mcr', s.mc), pg_temp.sid('ver', s.mc), s.status::"SubmissionStatus",
      CASE WHEN s.status = 'EARNED' AND s.seq % 2 = 0 THEN ${pick('sentences', 's.seq')} || ' ' || ${pick('sentences', 's.seq + 3')} END,
      coalesce(s.a2_sub, s.a1_sub), s.enrolled_at + interval '1 day',
      greatest(s.enrolled_at + interval '1 day', coalesce(s.a2_dec, s.a2_created, s.a2_sub, s.a1_dec, s.a1_sub, s.enrolled_at + interval '1 day'))
    FROM subs s, words w`));

  // Attempt ids: seq * 4 + number, so later steps can compute them. The credential is copied by a
  // trigger in normal operation; triggers do not fire in replica mode, so it is set here.
  await step('attempts', () => q(`
    INSERT INTO "Attempt" (id, "submissionId", "microCredentialId", number, status, "submittedAt", "dueAt", "decidedAt", "doubleScore", "needsAdjudication", version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('att', s.seq * 4 + 1), pg_temp.sid('sub', s.seq), pg_temp.sid('mcr', s.mc), 1,
      (CASE WHEN s.status = 'DRAFT' THEN 'DRAFT' WHEN s.two OR s.status = 'NEEDS_REVISION' THEN 'RETURNED' WHEN s.status = 'EARNED' THEN 'PASSED' ELSE 'SUBMITTED' END)::"AttemptStatus",
      s.a1_sub, s.a1_sub + 20 * interval '1 day', s.a1_dec, s.double_score AND s.a1_sub IS NOT NULL, false,
      CASE WHEN s.status = 'DRAFT' THEN 0 WHEN s.a1_dec IS NULL THEN 1 ELSE 2 END,
      s.enrolled_at + interval '1 day', coalesce(s.a1_dec, s.a1_sub, s.enrolled_at + interval '1 day')
    FROM subs s
    UNION ALL
    SELECT pg_temp.sid('att', s.seq * 4 + 2), pg_temp.sid('sub', s.seq), pg_temp.sid('mcr', s.mc), 2,
      (CASE s.status WHEN 'EARNED' THEN 'PASSED' WHEN 'NEEDS_REVISION' THEN 'DRAFT' ELSE 'SUBMITTED' END)::"AttemptStatus",
      s.a2_sub, s.a2_sub + 20 * interval '1 day', s.a2_dec, s.double_score AND s.a2_sub IS NOT NULL, false,
      CASE WHEN s.a2_sub IS NULL THEN 0 WHEN s.a2_dec IS NULL THEN 1 ELSE 2 END,
      coalesce(s.a2_created, s.a1_dec + interval '2 days'), coalesce(s.a2_dec, s.a2_sub, s.a2_created)
    FROM subs s WHERE s.two`));

  // Review ids: attempt number * 3 + kind (0 primary, 1 second). Reviewers come from the
  // credential's issuer; the second scorer is always a different reviewer.
  await step('review plan', async () => {
    const n = await q(`
      CREATE TEMP TABLE rv AS
      SELECT seq, mc, ncrit, att, kindno, rstatus, decision, claimed_at, claim_expires, submitted_at,
        ${U_REV} + (issuer - 1) + ${I} * ((seq + kindno) % ${RPI}) + 1 AS reviewer
      FROM (
        -- decided attempts: a primary score (and a second one for double-scored passes)
        SELECT s.seq, s.mc, s.ncrit, s.issuer, s.seq * 4 + a.n AS att, k.kindno, 'SUBMITTED' AS rstatus,
          CASE WHEN a.passed THEN 'PASS' ELSE 'REVISE' END AS decision,
          a.dec - interval '1 day' AS claimed_at, a.dec + interval '3 hours' AS claim_expires, a.dec AS submitted_at
        FROM subs s
        CROSS JOIN LATERAL (VALUES (1, s.a1_dec, s.status = 'EARNED' AND NOT s.two), (2, s.a2_dec, s.status = 'EARNED')) a(n, dec, passed)
        CROSS JOIN LATERAL (SELECT 0 AS kindno UNION ALL SELECT 1 WHERE s.double_score AND a.passed) k
        WHERE a.dec IS NOT NULL
        UNION ALL
        -- double-scored submissions waiting for their second score (the SECOND queue)
        SELECT s.seq, s.mc, s.ncrit, s.issuer, s.seq * 4 + CASE WHEN s.two THEN 2 ELSE 1 END, 0, 'SUBMITTED', 'PASS',
          coalesce(s.a2_sub, s.a1_sub) + interval '1 day', coalesce(s.a2_sub, s.a1_sub) + interval '1 day' + interval '3 hours', coalesce(s.a2_sub, s.a1_sub) + interval '1 day'
        FROM subs s WHERE s.status = 'SUBMITTED' AND s.double_score AND coalesce(s.a2_sub, s.a1_sub) < now() - interval '1 day'
        UNION ALL
        -- live (and some expired) claims
        SELECT s.seq, s.mc, s.ncrit, s.issuer, s.seq * 4 + 1, 0, 'CLAIMED', NULL,
          now() - (s.seq % 360) * interval '1 minute', now() - (s.seq % 360) * interval '1 minute' + interval '240 minutes', NULL
        FROM subs s WHERE s.status = 'IN_REVIEW'
      ) x`);
    await q(`ANALYZE rv`);
    return n;
  });

  await step('reviews', () => q(`
    INSERT INTO "Review" (id, "attemptId", "reviewerId", kind, status, "claimedAt", "claimExpiresAt", "submittedAt", decision, "overallComment", version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('rev', r.att * 3 + r.kindno), pg_temp.sid('att', r.att), pg_temp.sid('usr', r.reviewer),
      (CASE r.kindno WHEN 0 THEN 'PRIMARY' ELSE 'SECOND' END)::"ReviewKind", r.rstatus::"ReviewStatus", r.claimed_at, r.claim_expires, r.submitted_at,
      r.decision::"ReviewDecision",
      CASE WHEN r.decision = 'REVISE' THEN ${pick('feedback', 'r.seq + 1')} WHEN r.decision = 'PASS' THEN ${pick('feedback', 'r.seq + 4')} ELSE '' END,
      CASE WHEN r.rstatus = 'SUBMITTED' THEN 2 ELSE 0 END, r.claimed_at, coalesce(r.submitted_at, r.claimed_at)
    FROM rv r, words w`));

  const scoreCut = Math.round(sizes.scoresFraction * 100);
  await q(`CREATE TEMP SEQUENCE sseq`);
  await step(`criterion scores (${scoreCut}% of submitted reviews)`, () => q(`
    INSERT INTO "CriterionScore" (id, "reviewId", "criterionId", "levelId", feedback)
    SELECT pg_temp.sid('scr', nextval('sseq')), pg_temp.sid('rev', r.att * 3 + r.kindno), pg_temp.sid('crt', r.mc * 4 + c),
      pg_temp.sid('lvl', r.mc * 4 + CASE WHEN r.decision = 'PASS' THEN 2 + ((r.seq + c) % 2) WHEN c = r.seq % r.ncrit THEN 1 ELSE 2 END),
      CASE WHEN (r.seq + c) % 3 = 0 THEN ${pick('feedback', 'r.seq + c')} ELSE '' END
    FROM rv r CROSS JOIN generate_series(0, 3) c, words w
    WHERE r.rstatus = 'SUBMITTED' AND c < r.ncrit AND (r.seq * 7) % 100 < ${scoreCut}`));

  const respCut = Math.round(sizes.responsesFraction * 100);
  await q(`CREATE TEMP SEQUENCE rseq`);
  await step(`part responses (${respCut}% of submitted attempts)`, () => q(`
    INSERT INTO "PartResponse" (id, "attemptId", "partId", text, links, "wordCount", "carriedOver", revision, "updatedAt")
    SELECT pg_temp.sid('rsp', nextval('rseq')), pg_temp.sid('att', s.seq * 4 + a.n), pg_temp.sid('prt', s.mc * 4 + p),
      ${pick('sentences', 's.seq + p')} || ' ' || ${pick('sentences', 's.seq + p + 3')} || ' ' || ${pick('sentences', 's.seq * 3 + p')},
      ARRAY[]::text[], 45, a.n = 2 AND p = 0, 1, a.sub
    FROM subs s
    CROSS JOIN LATERAL (VALUES (1, s.a1_sub), (2, s.a2_sub)) a(n, sub)
    CROSS JOIN generate_series(0, 3) p, words w
    WHERE a.sub IS NOT NULL AND p < s.nparts AND (s.seq * 13) % 100 < ${respCut}
      AND NOT (s.nparts = 4 AND p = 2)`));

  await step('resource progress', () => q(`
    INSERT INTO "ResourceProgress" ("userId", "resourceId", "completedAt")
    SELECT pg_temp.sid('usr', p.t), pg_temp.sid('res', p.mc * 4 + r), now() - (p.seq % 600) * interval '1 day'
    FROM pairs p JOIN mcmap m USING (mc) CROSS JOIN generate_series(0, 3) r
    WHERE r < m.nres AND (p.seq % 8 = 0 OR p.t = 1) AND (r < 2 OR p.seq % 3 <> 0)`));

  await step('proposals (districts that require them)', () => q(`
    INSERT INTO "Proposal" (id, "userId", "districtId", "microCredentialId", "studentGoals", plan, status, "decidedById", "decisionComment", "submittedAt", "decidedAt", version, "createdAt", "updatedAt")
    SELECT pg_temp.sid('prp', p.seq), pg_temp.sid('usr', p.t), pg_temp.sid('dis', d), pg_temp.sid('mcr', p.mc),
      'My students will ' || lower(${pick('outcomes', 'p.seq')}) || ' by the end of the unit.', 'Weekly practice over six weeks.', st::"ProposalStatus",
      CASE WHEN st IN ('APPROVED', 'RETURNED') THEN pg_temp.sid('usr', ${U_LEAD} + d) END,
      CASE WHEN st = 'RETURNED' THEN 'Please link this to our district literacy goal.' END,
      CASE WHEN st <> 'DRAFT' THEN now() - (p.seq % 700 + 20) * interval '1 day' END,
      CASE WHEN st IN ('APPROVED', 'RETURNED') THEN now() - (p.seq % 700 + 15) * interval '1 day' END,
      1, now() - (p.seq % 700 + 25) * interval '1 day', now() - (p.seq % 700 + 15) * interval '1 day'
    FROM pairs p, words w,
      LATERAL (SELECT ((((p.t::bigint * 7) % ${NSCH}) + 1) - 1) / ${SPD} + 1 AS d) dd,
      LATERAL (SELECT CASE WHEN p.seq <= ${S} THEN 'APPROVED' ELSE (ARRAY['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'])[(p.seq % 4) + 1] END AS st) ss
    WHERE dd.d % 8 = 0`));

  // ───────────── Awards and status lists ─────────────
  // The first N earned submissions (by rank) are left for the domain code to sign for real.
  await step('award plan and status lists', async () => {
    await q(`CREATE TEMP TABLE ik AS
      SELECT i AS issuer, k.id AS key_id, k.did FROM generate_series(1, ${I}) i JOIN "IssuerKey" k ON k."issuerId" = pg_temp.sid('iss', i) AND k."retiredAt" IS NULL`);
    await q(`
      CREATE TEMP TABLE aw AS
      SELECT s.seq, s.t, s.mc, s.issuer, s.level, s.pd_hours, s.expiry_months, s.rk,
        md5('scale-award-' || s.seq)::uuid AS id, coalesce(s.a2_dec, s.a1_dec) + interval '5 minutes' AS issued_at,
        (rn - 1) / 65536 AS list_no, (((rn - 1) % 65536) * 40503) % 131072 AS idx
      FROM (SELECT s.*, row_number() OVER (PARTITION BY s.issuer ORDER BY s.seq) AS rn FROM subs s WHERE s.status = 'EARNED' AND s.rk > ${N}) s`);
    await q(`ANALYZE aw`);
    return q(`
      INSERT INTO "StatusList" (id, "issuerId", "issuerKeyId", purpose, bits, "nextIndex", size, version, "updatedAt")
      SELECT pg_temp.sid('stl', aw.issuer * 100 + aw.list_no), pg_temp.sid('iss', aw.issuer), ik.key_id, 'revocation', decode(repeat('00', 16384), 'hex'), count(*), 131072, 0,
        now() - interval '1 day' - aw.list_no * interval '1 second'
      FROM aw JOIN ik USING (issuer) GROUP BY aw.issuer, aw.list_no, ik.key_id`);
  });

  await step('awards with stored credential JSON', async () => {
    await q(`CREATE TEMP TABLE ach AS
      SELECT m.mc, c.slug, v.title, v.summary,
        jsonb_build_object(
          'id', '${SCALE_APP_URL}/micro-credentials/' || c.slug || '#version-1', 'tag', jsonb_build_array(m.topic, 'Level ' || m.level), 'name', v.title,
          'type', jsonb_build_array('Achievement'), 'version', '1', 'criteria', jsonb_build_object('id', '${SCALE_APP_URL}/micro-credentials/' || c.slug || '#rubric',
            'narrative', v.competency || E'\\n\\nEvidence was reviewed against a published rubric; every criterion reached “Proficient” or higher.'),
          'alignment', jsonb_build_array(jsonb_build_object('type', jsonb_build_array('Alignment'), 'targetUrl', 'https://standards.scale.test/teacher-leader',
            'targetCode', 'Domain ' || (m.mc % 7 + 1), 'targetName', 'Domain ' || (m.mc % 7 + 1) || ': ' || m.topic, 'targetFramework', 'Teacher Leader Model Standards')),
          'inLanguage', 'en', 'description', v.summary, 'achievementType', 'MicroCredential', 'creditsAvailable', m.pd_hours) AS doc
      FROM mcmap m JOIN "MicroCredential" c ON c.id = pg_temp.sid('mcr', m.mc) JOIN "MicroCredentialVersion" v ON v.id = c."currentVersionId"`);
    await q(`ALTER TABLE ach ADD PRIMARY KEY (mc)`);
    await q(`CREATE TEMP TABLE iprof AS
      SELECT ik.issuer, ik.did, jsonb_build_object('id', ik.did, 'url', o.url, 'name', o.name, 'type', jsonb_build_array('Profile'), 'email', o.email, 'description', o.description) AS doc
      FROM ik JOIN "Organization" o ON o.id = pg_temp.sid('iss', ik.issuer)`);
    return q(`
      INSERT INTO "Award" (id, "userId", "issuerId", "microCredentialId", "versionId", "submissionId", title, "pdHours", level, "recipientName", "issuedAt", "validUntil",
        credential, "statusListId", "statusListIndex", "revokedAt", "revocationReason")
      SELECT aw.id, pg_temp.sid('usr', aw.t), pg_temp.sid('iss', aw.issuer), pg_temp.sid('mcr', aw.mc), pg_temp.sid('ver', aw.mc), pg_temp.sid('sub', aw.seq),
        ach.title, aw.pd_hours, aw.level, u.name, aw.issued_at, aw.issued_at + make_interval(months => aw.expiry_months),
        jsonb_build_object(
          '@context', jsonb_build_array('https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'),
          'id', u_cred, 'name', ach.title, 'type', jsonb_build_array('VerifiableCredential', 'OpenBadgeCredential'),
          'image', jsonb_build_object('id', u_cred || '/badge.png', 'type', 'Image'),
          'proof', jsonb_build_array(jsonb_build_object('type', 'DataIntegrityProof', 'created', ts, 'proofValue', 'z' || md5(aw.id::text || 'a') || md5(aw.id::text || 'b') || left(md5(aw.id::text || 'c'), 22),
            'cryptosuite', 'eddsa-rdfc-2022', 'proofPurpose', 'assertionMethod', 'verificationMethod', ip.did || '#' || substr(ip.did, 9))),
          'issuer', ip.doc, 'validFrom', ts, 'awardedDate', ts,
          'credentialStatus', jsonb_build_object('id', '${SCALE_APP_URL}/status-lists/' || pg_temp.sid('stl', aw.issuer * 100 + aw.list_no) || '#' || aw.idx,
            'type', 'BitstringStatusListEntry', 'statusPurpose', 'revocation', 'statusListIndex', aw.idx::text,
            'statusListCredential', '${SCALE_APP_URL}/status-lists/' || pg_temp.sid('stl', aw.issuer * 100 + aw.list_no)),
          'credentialSubject', jsonb_build_object('type', jsonb_build_array('AchievementSubject'),
            'identifier', jsonb_build_array(jsonb_build_object('salt', salt, 'type', 'IdentityObject', 'hashed', true,
              'identityHash', 'sha256$' || encode(sha256(convert_to(u.email || salt, 'UTF8')), 'hex'), 'identityType', 'emailAddress')),
            'achievement', ach.doc || jsonb_build_object('image', jsonb_build_object('id', u_cred || '/badge.png', 'type', 'Image', 'caption', ach.title || ' badge')),
            'creditsEarned', aw.pd_hours)
        ) || CASE WHEN s."publicSummary" IS NOT NULL THEN jsonb_build_object('evidence', jsonb_build_array(jsonb_build_object('id', u_cred || '#evidence',
              'name', 'Summary of evidence', 'type', jsonb_build_array('Evidence'), 'narrative', s."publicSummary"))) ELSE '{}'::jsonb END
          || CASE WHEN aw.expiry_months IS NOT NULL THEN jsonb_build_object('validUntil', to_char((aw.issued_at + make_interval(months => aw.expiry_months)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) ELSE '{}'::jsonb END,
        pg_temp.sid('stl', aw.issuer * 100 + aw.list_no), aw.idx,
        CASE WHEN aw.rk % 200 = 0 THEN aw.issued_at + interval '30 days' END, CASE WHEN aw.rk % 200 = 0 THEN 'Issued in error' END
      FROM aw JOIN ach USING (mc) JOIN iprof ip USING (issuer)
      JOIN "User" u ON u.id = pg_temp.sid('usr', aw.t) JOIN "Submission" s ON s.id = pg_temp.sid('sub', aw.seq),
      LATERAL (SELECT '${SCALE_APP_URL}/credentials/' || aw.id AS u_cred, to_char(aw.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ts, md5('salt' || aw.seq) AS salt) x`);
  });

  await step('revocation bits in the status lists', async () => {
    const { setStatusBit } = await import('@/lib/credentials/status-list');
    const { rows } = await client.query<{ list: string; idx: number[] }>(`SELECT "statusListId" AS list, array_agg("statusListIndex") AS idx FROM "Award" WHERE "revokedAt" IS NOT NULL GROUP BY 1`);
    for (const r of rows) {
      const bits = new Uint8Array(16384);
      for (const i of r.idx) setStatusBit(bits, i, true);
      await client.query(`UPDATE "StatusList" SET bits = $2, version = 1 WHERE id = $1`, [r.list, Buffer.from(bits)]);
    }
    return rows.reduce((n, r) => n + r.idx.length, 0);
  });

  await q(`CREATE TEMP SEQUENCE nseq`);
  await step('notifications', () => q(`
    INSERT INTO "Notification" (id, "userId", kind, title, body, href, "readAt", "createdAt")
    SELECT pg_temp.sid('ntf', nextval('nseq')), u, kind, title, body, href, CASE WHEN n % 7 <> 0 THEN created + interval '2 days' END, created FROM (
      SELECT pg_temp.sid('usr', aw.t) AS u, 'award.issued' AS kind, 'You earned “' || ach.title || '”' AS title, 'Your verifiable badge is ready to share.' AS body,
        '/credentials/' || aw.id AS href, aw.issued_at AS created, aw.seq AS n
      FROM aw JOIN ach USING (mc)
      UNION ALL
      SELECT pg_temp.sid('usr', s.t), 'review.returned', 'Your submission needs revision', 'A reviewer has scored your evidence and left feedback on what to change.',
        '/apply/' || ach.slug, s.a1_dec, s.seq
      FROM subs s JOIN ach USING (mc) WHERE s.a1_dec IS NOT NULL AND (s.two OR s.status = 'NEEDS_REVISION')
    ) x`));

  // The audit log as the domain code writes it (same actions, entities, organisations and data keys):
  // every claim and score, every submission, award and revocation, every proposal decision.
  await step('audit log', () => q(`
    INSERT INTO "AuditLog" (at, "actorId", action, "entityType", "entityId", "organizationId", data)
    SELECT at, actor, action, etype, eid, org, data FROM (
      SELECT r.claimed_at AS at, pg_temp.sid('usr', r.reviewer) AS actor, 'review.claim' AS action, 'Review' AS etype, pg_temp.sid('rev', r.att * 3 + r.kindno) AS eid,
        pg_temp.sid('iss', s.issuer) AS org, jsonb_build_object('attemptId', pg_temp.sid('att', r.att), 'kind', CASE r.kindno WHEN 0 THEN 'PRIMARY' ELSE 'SECOND' END) AS data
      FROM rv r JOIN subs s USING (seq)
      UNION ALL
      SELECT r.submitted_at, pg_temp.sid('usr', r.reviewer), 'review.submit', 'Review', pg_temp.sid('rev', r.att * 3 + r.kindno), pg_temp.sid('iss', s.issuer),
        jsonb_build_object('attemptId', pg_temp.sid('att', r.att), 'kind', CASE r.kindno WHEN 0 THEN 'PRIMARY' ELSE 'SECOND' END, 'decision', r.decision)
      FROM rv r JOIN subs s USING (seq) WHERE r.submitted_at IS NOT NULL
      UNION ALL
      SELECT a.sub, pg_temp.sid('usr', s.t), 'submission.submit', 'Attempt', pg_temp.sid('att', s.seq * 4 + a.n), pg_temp.sid('iss', s.issuer), jsonb_build_object('number', a.n)
      FROM subs s CROSS JOIN LATERAL (VALUES (1, s.a1_sub), (2, s.a2_sub)) a(n, sub) WHERE a.sub IS NOT NULL
      UNION ALL
      SELECT aw.issued_at, NULL, 'award.issue', 'Award', aw.id::text, pg_temp.sid('iss', aw.issuer), jsonb_build_object('submissionId', pg_temp.sid('sub', aw.seq), 'userId', pg_temp.sid('usr', aw.t))
      FROM aw
      UNION ALL
      SELECT aw.issued_at + interval '30 days', pg_temp.sid('usr', ${U_ADM} + aw.issuer), 'award.revoke', 'Award', aw.id::text, pg_temp.sid('iss', aw.issuer), jsonb_build_object('reason', 'Issued in error')
      FROM aw WHERE aw.rk % 200 = 0
      UNION ALL
      SELECT p."decidedAt", p."decidedById", 'proposal.' || lower(p.status::text), 'Proposal', p.id, p."districtId", jsonb_build_object('comment', p."decisionComment")
      FROM "Proposal" p WHERE p."decidedAt" IS NOT NULL
    ) x ORDER BY at`));

  // Two months of finished background jobs (e-mails, award issues), a few given up, for the
  // queue's poll and its tidy: the table those read every few seconds is never empty in production.
  await step('job history', () => q(`
    INSERT INTO "Job" (id, type, payload, "runAt", attempts, "maxAttempts", "lockedAt", "lockedBy", "lastError", "completedAt", "createdAt")
    SELECT pg_temp.sid('job', g), CASE WHEN g % 3 = 0 THEN 'award.issue' ELSE 'email.notification' END, jsonb_build_object('n', g),
      t, CASE WHEN g % 500 = 0 THEN 5 ELSE 1 END, 5, NULL, NULL,
      CASE WHEN g % 500 = 0 THEN 'SMTP 421: service not available' END,
      CASE WHEN g % 500 <> 0 THEN t + interval '2 seconds' END, t
    FROM generate_series(1, ${Math.max(1_000, Math.round(S * 0.3))}) g,
      LATERAL (SELECT now() - (g::float / ${Math.max(1_000, Math.round(S * 0.3))}) * interval '60 days' AS t) x`));

  // ───────────── Indexes, real signed awards, statistics ─────────────
  await q(`SET session_replication_role = origin`);
  await step(`rebuild ${indexDefs.length} secondary indexes`, async () => {
    for (const r of indexDefs) await q(r.indexdef);
    return indexDefs.length;
  });

  await step(`issue ${N} awards through lib/awards (real eddsa-rdfc-2022 signatures)`, async () => {
    const { issueAwardForSubmission } = await import('@/lib/awards/issue');
    const { rows } = await client.query<{ id: string }>(`SELECT pg_temp.sid('sub', seq) AS id FROM subs WHERE status = 'EARNED' AND rk <= ${N} ORDER BY rk`);
    let done = 0;
    const started = performance.now();
    for (const r of rows) {
      await issueAwardForSubmission(r.id);
      done++;
      if (done % 100 === 0) log(`  signed ${done}/${rows.length} (${fmtMs((performance.now() - started) / done)} each)`);
    }
    // The issuance queued e-mail jobs for these; a benchmark server should not start sending them.
    await q(`UPDATE "Job" SET "completedAt" = now() WHERE "completedAt" IS NULL AND attempts < "maxAttempts"`);
    return done;
  });

  await q(`RESET maintenance_work_mem`);
  if (flags.has('no-vacuum')) await step('ANALYZE', () => q(`ANALYZE`));
  else {
    await q(`SET maintenance_work_mem = '1GB'`);
    await step('VACUUM (ANALYZE)', () => q(`VACUUM (ANALYZE)`));
  }

  const { rows: counts } = await client.query<{ t: string; n: string }>(`
    SELECT 'teachers' AS t, count(*) AS n FROM "Membership" WHERE role = 'TEACHER'
    UNION ALL SELECT 'issuers', count(*) FROM "Organization" WHERE kind = 'ISSUER'
    UNION ALL SELECT 'micro-credentials', count(*) FROM "MicroCredential"
    UNION ALL SELECT 'catalogue entries', count(*) FROM "CatalogEntry"
    UNION ALL SELECT 'enrolments', count(*) FROM "Enrollment"
    UNION ALL SELECT 'submissions', count(*) FROM "Submission"
    UNION ALL SELECT 'attempts', count(*) FROM "Attempt"
    UNION ALL SELECT 'reviews', count(*) FROM "Review"
    UNION ALL SELECT 'criterion scores', count(*) FROM "CriterionScore"
    UNION ALL SELECT 'part responses', count(*) FROM "PartResponse"
    UNION ALL SELECT 'awards', count(*) FROM "Award"
    UNION ALL SELECT 'notifications', count(*) FROM "Notification"
    UNION ALL SELECT 'database size (MB)', pg_database_size(current_database()) / 1048576`);
  await client.end();
  console.log('');
  for (const c of counts) console.log(`  ${c.t.padEnd(20)} ${fmtInt(Number(c.n)).padStart(12)}`);
  console.log('');
  log(`done. Demo logins (password "${SCALE_PASSWORD}"): ${SCALE_TEACHER_EMAIL} (many enrolments), ${SCALE_REVIEWER_EMAIL} (qualified for every credential of ${Math.min(10, I)} issuers)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[seed:scale] failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && !/refusing|already holds|must be/.test(error.message)) console.error(error.stack);
    process.exit(1);
  },
);
