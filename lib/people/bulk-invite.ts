import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/auth/actor';
import { EmailInput, oneLine } from '@/lib/auth/schemas';
import { parseCsvRecords } from '@/lib/csv';
import { assertLeads } from '@/lib/district/access';
import { notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { enqueueJob } from '@/lib/jobs/queue';
import { sendEmail } from '@/lib/email/send';
import { releaseRateLimit } from '@/lib/rate-limit';
import { hashToken, newToken } from '@/lib/security/tokens';
import { normaliseCsvText } from '@/lib/csv-form';
import { hitInviteLimit, INVITE_DAYS, invitationEmail, invitationLockKey, inviteLimitKey, openTeacherInvitations } from '@/lib/people/mutations';
import { INVITATION_EMAIL_JOB, MAX_INVITE_ROWS } from '@/lib/people/schemas';
import { listInWords, plural } from '@/lib/plural';
import { dayLongFmt } from '@/lib/dates';

// A district leader invites a whole staff from a CSV file (columns email, name, school), in two
// steps as an issuer's bulk enrolment does: the preview checks every row and writes nothing; the
// invite step checks again on the server and sends. As there, one wrong row stops the whole file.
//
// An invitation to one of the district's schools places the teacher at that school when they accept
// (acceptInvitation), so the file's school column rides on the invitation's organisation: no new
// field. Rows that need no invitation are skipped with a note, not refused: teachers already in the
// district (their school is changed on the Teachers page), and addresses with an open teacher
// invitation to the district or one of its schools (a second would only be a second link; Resend
// sends the email again). That skip is also what makes sending the same file twice harmless.
//
// The emails go through the job queue (INVITATION_EMAIL_JOB), so a file of hundreds does not hold
// the request while each is sent, and a failed send is retried. The token is made when the job
// sends the email, from the server's secret (fileInvitationToken): no usable link is ever stored,
// in the invitation or in the job.

// ───────────────────────────── Checking the rows (pure) ─────────────────────────────

export type InviteDistrict = { id: string; name: string };
export type InviteSchool = { id: string; name: string; slug: string };

export type ParsedInviteRow = {
  /** The row's line in the file (the header is line 1). */
  line: number;
  /** Lower-cased when valid; as typed (shortened) otherwise, to point at the mistake. */
  email: string;
  name: string;
  schoolText: string;
  /** The district's school the row names, once matched. */
  school: { id: string; name: string } | null;
  errors: string[];
};

/** What the database knows about the rows' addresses, as it concerns this district. */
export type InviteFacts = {
  /** Teachers already linked to this district, with their school (null: district-wide). */
  members: Map<string, { schoolName: string | null }>;
  /** Open teacher invitations to the district or one of its schools: where to, and until when. */
  openInvitations: Map<string, { placeName: string; expiresAt: Date }>;
  /** Accounts waiting for this district to confirm their request to join. */
  askedToJoin: Set<string>;
};

/** `invite`: will be invited; `member` / `invited`: skipped (see the notes); `problem`: an error. */
export type InviteRowStatus = 'invite' | 'member' | 'invited' | 'problem';
export type BulkInviteRow = ParsedInviteRow & { status: InviteRowStatus; notes: string[] };

export const INVITE_COLUMNS_HINT = 'The first row names the columns: email, and optionally name and school.';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
// Cells go back to the page and, for names, into the email's greeting: no control characters, one line.
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
const shorten = (s: string, max = 120) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const quote = (s: string) => `“${shorten(s, 80)}”`;


/** What a row naming a school the district does not have is told: the schools it could have named. */
function unknownSchool(text: string, district: InviteDistrict, schools: InviteSchool[]): string {
  if (!schools.length) return `${district.name} has no schools listed yet, so ${quote(text)} cannot be matched. Leave the school empty (they are invited district-wide) or add the school under Schools first.`;
  const names = schools.map((s) => s.name).sort((a, b) => a.localeCompare(b));
  const shown = names.length > 12 ? [...names.slice(0, 12), `${names.length - 12} more listed under Schools`] : names;
  return `${district.name} has no school called ${quote(text)}. Its schools are ${listInWords(shown)}.`;
}

/**
 * Reads the file and checks each row on its own and against the others (addresses, duplicates,
 * the district's schools). The whole file is refused (`fileError`) when it cannot be read as rows.
 */
export function parseInviteCsv(text: string, district: InviteDistrict, schools: InviteSchool[]): { fileError: string | null; rows: ParsedInviteRow[] } {
  const parsedFile = parseCsvRecords(text);
  const { headers } = parsedFile;
  // Rows with every cell empty (",,": spreadsheets export them below the data) are not teachers.
  const records = parsedFile.records.filter((r) => Object.values(r.values).some((v) => v !== ''));
  if (!headers.length) return { fileError: 'The file is empty.', rows: [] };
  if (!headers.includes('email')) return { fileError: `${INVITE_COLUMNS_HINT} No column is called “email”.`, rows: [] };
  if (!records.length) return { fileError: 'The file has a header row but no teachers.', rows: [] };
  if (records.length > MAX_INVITE_ROWS) return { fileError: `The file has ${records.length} rows; at most ${MAX_INVITE_ROWS} can be invited at once. Split it into smaller files.`, rows: [] };

  const byKey = new Map<string, InviteSchool[]>();
  for (const s of schools) {
    for (const key of new Set([norm(s.name), norm(s.slug)])) byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const firstLine = new Map<string, number>();
  const rows = records.map(({ line, values }): ParsedInviteRow => {
    const errors: string[] = [];
    const rawEmail = clean(values.email ?? '');
    const email = EmailInput.safeParse(rawEmail);
    if (!email.success) errors.push(rawEmail ? `${quote(rawEmail)} is not a valid email address.` : 'The email address is missing.');
    const name = oneLine(values.name ?? '');
    if (name.length > 120) errors.push('The name is longer than 120 characters.');

    const schoolText = clean(values.school ?? '');
    let school: ParsedInviteRow['school'] = null;
    if (schoolText) {
      const found = byKey.get(norm(schoolText)) ?? [];
      if (!found.length) errors.push(unknownSchool(schoolText, district, schools));
      else if (found.length > 1) errors.push(`${quote(schoolText)} matches several of ${district.name}’s schools: ${listInWords(found.map((s) => s.name))}. Write the school’s full name.`);
      else school = { id: found[0].id, name: found[0].name };
    }

    const key = email.success ? email.data : norm(rawEmail);
    if (key) {
      const first = firstLine.get(key);
      if (first !== undefined) errors.push(`The same email address as line ${first}: each teacher is listed once.`);
      else firstLine.set(key, line);
    }
    return { line, email: email.success ? email.data : shorten(rawEmail), name: shorten(name), schoolText: shorten(schoolText), school, errors };
  });
  return { fileError: null, rows };
}


/** Decides what happens to each row, given what the database knows about its address. */
export function classifyInviteRows(rows: ParsedInviteRow[], district: InviteDistrict, facts: InviteFacts): BulkInviteRow[] {
  return rows.map((r): BulkInviteRow => {
    if (r.errors.length) return { ...r, status: 'problem', notes: [] };
    const member = facts.members.get(r.email);
    if (member) {
      const where = member.schoolName ? ` at ${member.schoolName}` : ' (district-wide)';
      const move = r.school && r.school.name !== member.schoolName ? ` To move them to ${r.school.name}, use the Teachers page.` : '';
      return { ...r, status: 'member', notes: [`Already a teacher in ${district.name}${where}, so not invited again.${move}`] };
    }
    const open = facts.openInvitations.get(r.email);
    if (open) {
      const elsewhere = r.school ? r.school.name !== open.placeName : open.placeName !== district.name;
      const change = elsewhere ? ` To invite them to ${r.school?.name ?? `${district.name} as a whole`} instead, cancel that invitation on the People page, then check the file again.` : ' To send the email again, use Resend under Open invitations on the People page.';
      return { ...r, status: 'invited', notes: [`Already invited to ${open.placeName} (the link works until ${dayLongFmt.format(open.expiresAt)}), so not invited again.${change}`] };
    }
    // Not whether the address has an account elsewhere (another district's teacher, say): the page
    // says in general what accepting means, so checking a list tells a leader nothing about people
    // outside their district.
    const notes: string[] = [];
    if (facts.askedToJoin.has(r.email)) notes.push(`Asked to join ${district.name}: accepting the invitation also answers that request.`);
    return { ...r, status: 'invite', notes };
  });
}

export type InviteCounts = { rows: number; invite: number; member: number; invited: number; problem: number };

export function countInviteRows(rows: BulkInviteRow[]): InviteCounts {
  const counts: InviteCounts = { rows: rows.length, invite: 0, member: 0, invited: 0, problem: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

/** The check's outcome in a sentence, as the preview and screen readers give it. */
export function describeInviteCheck(counts: InviteCounts): string {
  if (counts.problem) {
    return `${counts.problem} of ${plural(counts.rows, 'row')} ${counts.problem === 1 ? 'has a problem' : 'have problems'}. Nothing is sent while any row is wrong: fix the file and check it again.`;
  }
  const skipped = counts.member + counts.invited;
  const skip = skipped ? ` ${skipped === 1 ? '1 row is' : `${skipped} rows are`} skipped (see why below).` : '';
  if (!counts.invite) return `Nobody new to invite: everyone in the file is already in the district or already invited.${skip}`;
  return `All rows are ready: ${plural(counts.invite, 'teacher')} will be invited.${skip}`;
}

export type InviteOutcome = { invited: number; members: number; alreadyInvited: number; limited: string[] };

/** The invite step's outcome, e.g. "Invited 42 teachers. 3 were already in your district." */
export function describeInviteOutcome(o: InviteOutcome): string {
  const parts = [o.invited ? `Invited ${plural(o.invited, 'teacher')}; the emails are on their way, and each link works for ${INVITE_DAYS} days.` : 'Nobody new was invited.'];
  if (o.members) parts.push(`${o.members === 1 ? '1 was' : `${o.members} were`} already in your district.`);
  if (o.alreadyInvited) parts.push(`${o.alreadyInvited === 1 ? '1 already had' : `${o.alreadyInvited} already had`} an open invitation, so ${o.alreadyInvited === 1 ? 'was' : 'were'} not invited again.`);
  if (o.limited.length) parts.push(`${o.limited.length === 1 ? '1 was' : `${o.limited.length} were`} not invited because ${o.limited.length === 1 ? 'that address has' : 'those addresses have'} had many invitations in the last day (${o.limited.join(', ')}). Try again tomorrow.`);
  return parts.join(' ');
}

/**
 * A short fingerprint of the checked text: the invite step sends only for the text the preview
 * showed (line endings aside, which browsers change when a form is posted).
 */
export function fingerprintInviteCsv(text: string): string {
  return createHash('sha256').update(normaliseCsvText(text)).digest('hex').slice(0, 32);
}


// ───────────────────────────── Against the database ─────────────────────────────

/** The district the actor leads (refused otherwise), and its schools. */
async function loadInviteDistrict(actor: Actor, districtId: string) {
  assertLeads(actor, districtId);
  const district = await db.organization.findFirst({ where: { id: districtId, kind: 'DISTRICT' }, select: { id: true, name: true } });
  if (!district) throw notFound('That district');
  const schools = await db.organization.findMany({ where: { kind: 'SCHOOL', parentId: district.id }, orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } });
  return { district, schools };
}

async function loadInviteFacts(districtId: string, emails: string[], now: Date): Promise<InviteFacts> {
  if (!emails.length) return { members: new Map(), openInvitations: new Map(), askedToJoin: new Set() };
  const [users, invitations] = await Promise.all([
    db.user.findMany({ where: { email: { in: emails } }, select: { email: true, districtId: true, requestedDistrictId: true, school: { select: { name: true } } } }),
    db.invitation.findMany({ where: openTeacherInvitations(districtId, emails, now), orderBy: { expiresAt: 'asc' }, select: { email: true, expiresAt: true, organization: { select: { name: true } } } }),
  ]);
  return {
    members: new Map(users.filter((u) => u.districtId === districtId).map((u) => [u.email, { schoolName: u.school?.name ?? null }])),
    // The one open longest wins (ordered by expiry): it is the one whose link still works longest.
    openInvitations: new Map(invitations.map((i) => [i.email, { placeName: i.organization.name, expiresAt: i.expiresAt }])),
    askedToJoin: new Set(users.filter((u) => !u.districtId && u.requestedDistrictId === districtId).map((u) => u.email)),
  };
}

/** Checks every row without writing anything, so the leader sees all problems at once. */
export async function previewBulkInvite(opts: { actor: Actor; districtId: string; csv: string; now?: Date }) {
  const { district, schools } = await loadInviteDistrict(opts.actor, opts.districtId);
  const { fileError, rows: parsed } = parseInviteCsv(normaliseCsvText(opts.csv), district, schools);
  const facts = await loadInviteFacts(district.id, parsed.filter((r) => !r.errors.length).map((r) => r.email), opts.now ?? new Date());
  const rows = classifyInviteRows(parsed, district, facts);
  return { district, fileError, rows, counts: countInviteRows(rows) };
}

// Kept in schemas (which imports nothing of people or district) and re-exported: lib/district/people
// reads it, and this file imports lib/people/mutations, which imports lib/district/people.
export { INVITATION_EMAIL_JOB };

/**
 * Invites every new teacher in the file, after checking it again here (the preview is never
 * trusted): any row with a problem refuses the whole file, and nothing is written. Skipped rows
 * (already in the district, already invited) are counted, not refused. The invitations, their
 * queued emails and their audit entries commit together. A second submit of the same file, even at
 * the same moment, finds the first one's invitations open and invites nobody twice.
 */
export async function inviteTeachersFromFile(opts: { actor: Actor; districtId: string; csv: string; now?: Date }): Promise<InviteOutcome> {
  const now = opts.now ?? new Date();
  const preview = await previewBulkInvite({ ...opts, now });
  if (preview.fileError) throw validation(preview.fileError);
  if (preview.counts.problem) {
    const fieldErrors: Record<string, string[]> = {};
    for (const r of preview.rows) if (r.errors.length) fieldErrors[`line ${r.line}`] = r.errors;
    throw validation(`${preview.counts.problem === 1 ? '1 row has a problem' : `${preview.counts.problem} rows have problems`}. Nobody was invited; fix the file and check it again.`, fieldErrors);
  }
  const { district } = preview;
  const candidates = preview.rows.filter((r) => r.status === 'invite');
  const outcome: InviteOutcome = { invited: 0, members: preview.counts.member, alreadyInvited: preview.counts.invited, limited: [] };
  if (!candidates.length) return outcome;

  // However the invitations are made, one address gets a bounded number of invitation emails a day.
  const allowed: BulkInviteRow[] = [];
  for (const r of candidates) {
    if ((await hitInviteLimit(r.email)).allowed) allowed.push(r);
    else outcome.limited.push(r.email);
  }
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
  let made: { email: string }[];
  try {
    made = await db.$transaction(
      async (tx) => {
        // One file at a time per district (and one invitation at a time from the People page): a
        // double submit waits here, then finds the first one's invitations (and any teacher who
        // joined meanwhile) and skips them.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${invitationLockKey({ id: district.id, kind: 'DISTRICT', parentId: null })}))`;
        const emails = allowed.map((r) => r.email);
        const [nowMembers, nowInvited] = await Promise.all([
          tx.user.findMany({ where: { email: { in: emails }, districtId: district.id }, select: { email: true } }),
          tx.invitation.findMany({ where: openTeacherInvitations(district.id, emails, now), select: { email: true } }),
        ]);
        const members = new Set(nowMembers.map((u) => u.email));
        const invited = new Set(nowInvited.map((i) => i.email));
        outcome.members += members.size;
        outcome.alreadyInvited += [...invited].filter((e) => !members.has(e)).length;
        const rows = allowed.filter((r) => !members.has(r.email) && !invited.has(r.email));
        const created: { email: string }[] = [];
        for (const r of rows) {
          const organizationId = r.school?.id ?? district.id;
          // A placeholder hash: nobody holds its token. The job derives the real link from it when
          // it sends the email (sendFileInvitationEmail), and sends nothing once a Resend replaced it.
          const placeholder = hashToken(newToken());
          const inv = await tx.invitation.create({
            data: { email: r.email, organizationId, role: 'TEACHER', tokenHash: placeholder, invitedById: opts.actor.id, expiresAt },
            select: { id: true },
          });
          await enqueueJob({ type: INVITATION_EMAIL_JOB, payload: { invitationId: inv.id, tokenHash: placeholder, name: r.name || null, inviterName: opts.actor.name } }, tx);
          // As inviteMember records each invitation, so each one's history (sent, resent,
          // cancelled, accepted) reads the same whichever way it was made.
          await recordAudit({ actorId: opts.actor.id, action: 'people.invite', entityType: 'Invitation', entityId: inv.id, organizationId, data: { email: r.email, role: 'TEACHER', fromFile: true } }, tx);
          created.push({ email: r.email });
        }
        return created;
      },
      { timeout: 60_000 },
    );
  } catch (e) {
    // Nothing was sent: the attempts do not count against the addresses.
    for (const r of allowed) await releaseRateLimit(inviteLimitKey(r.email));
    throw e;
  }
  // Skipped inside the transaction after all (someone else got there first): nothing sent to them.
  const madeEmails = new Set(made.map((m) => m.email));
  for (const r of allowed) if (!madeEmails.has(r.email)) await releaseRateLimit(inviteLimitKey(r.email));
  outcome.invited = made.length;
  return outcome;
}

const InvitationEmailPayload = z.object({ invitationId: z.string(), tokenHash: z.string(), name: z.string().nullable(), inviterName: z.string() });

/**
 * The link of an invitation made from a file: an HMAC, under the server's secret (AUTH_SECRET), of
 * the invitation and its placeholder hash. Every run of its job derives the same token, so a retry
 * can tell that an earlier run already put this link in place (its hash is stored), and sends that
 * same link rather than a second one. The inputs are in the database and the job, the secret is
 * not: a copy of the database still holds no usable link. Same shape as newToken (32 bytes,
 * base64url), so the outbox strips it from stored copies like any other link.
 */
function fileInvitationToken(invitationId: string, placeholder: string): string {
  return createHmac('sha256', env().AUTH_SECRET).update(`microcred:file-invitation-link\n${invitationId}\n${placeholder}`).digest('base64url');
}

/**
 * The job behind inviteTeachersFromFile: makes the invitation's link and emails it. It sends
 * nothing when the invitation was accepted, cancelled or ran out meanwhile, or when a leader
 * pressed Resend (which makes a link of its own, the only one that then works).
 *
 * Safe to run again at any point, e.g. after the server died between storing the link and sending
 * the email: with a random link, the retry found a hash it did not know, took it for a Resend and
 * sent nothing, so nobody was ever emailed. The link is derived, not drawn at random, so the stored
 * hash says where things stand: still the placeholder (no link yet: put
 * this one in place), this link's (an earlier run put it there and may or may not have sent it:
 * send it, again if need be), or anything else (Resend replaced it: send nothing). A person may
 * then get the same email twice, never two different links, nor one that does not work. A failed
 * send leaves the link in place and throws, so the queue tries again with the same link; an email
 * that did go out despite the error keeps working.
 *
 * What this cannot tell apart: a retry after the send succeeded (the server died before the queue
 * recorded the job as done) emails the same link again, as the outbox cannot say for sure that
 * the first one left. And a Resend while the email is being sent makes that email's link stop
 * working, as any Resend does to the links before it; the Resend's own email has the new one. A
 * change of AUTH_SECRET between two runs leaves a hash neither side knows, on an invitation nobody
 * resent: the job fails (and, given up, the People page says the email could not be sent).
 */
export async function sendFileInvitationEmail(payload: unknown, now = new Date()): Promise<void> {
  const p = InvitationEmailPayload.parse(payload);
  const inv = await db.invitation.findUnique({ where: { id: p.invitationId }, select: { email: true, role: true, organization: { select: { name: true } } } });
  if (!inv) return;
  const token = fileInvitationToken(p.invitationId, p.tokenHash);
  const tokenHash = hashToken(token);
  // One conditional write decides, against the row as it is now: the placeholder becomes this
  // link's hash, this link's hash stays, and an invitation that is closed or was resent is left.
  const claimed = await db.invitation.updateMany({
    where: { id: p.invitationId, tokenHash: { in: [p.tokenHash, tokenHash] }, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
    data: { tokenHash },
  });
  if (claimed.count !== 1) {
    // Closed (accepted, cancelled, ran out) or resent: nothing to send. Still open, never resent, yet
    // carrying neither hash: the link was made under another secret (AUTH_SECRET changed since).
    // Failing shows the leader "could not be sent — use Resend" on the People page, rather than
    // the job ending quietly as if the email had gone.
    const open = await db.invitation.findFirst({ where: { id: p.invitationId, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } }, select: { id: true } });
    const resent = open ? await db.auditLog.findFirst({ where: { entityType: 'Invitation', entityId: p.invitationId, action: 'people.invitation_resend' }, select: { id: true } }) : null;
    if (open && !resent) throw new Error('The invitation carries a link this server did not make (was AUTH_SECRET changed?): its email was not sent; the leader can resend it.');
    return;
  }
  const { to, subject, text } = invitationEmail({ inviterName: p.inviterName, organizationName: inv.organization.name, email: inv.email, role: inv.role, token, name: p.name });
  await sendEmail({ to, subject, text });
}
