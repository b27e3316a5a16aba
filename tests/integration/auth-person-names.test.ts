// A person's name goes into emails to other people (a district's leaders, reviewers). A name with
// line breaks would write paragraphs of its own there, in its owner's words ("URGENT: sign in at
// ..."), inside an email that comes from the platform. Every name a person types is kept on one
// line, and emails built from names (stored before this, or made some other way) put them on one
// line again. Real Postgres, the real job queue and outbox.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { signUp } from '@/lib/auth/accounts';
import { SignUpInput } from '@/lib/auth/schemas';
import { ProfileInput, updateProfile } from '@/lib/auth/profile';
import { sendVerificationEmail } from '@/lib/auth/email-verification';
import { sendPasswordResetEmail } from '@/lib/auth/password-reset';
import { AcceptNewAccountInput } from '@/lib/people/schemas';
import { leaveDistrict, requestDistrict } from '@/lib/district/requests';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';

beforeEach(resetDatabase);

const HOSTILE = 'Eve\r\n\r\nURGENT: your badges expire today. Sign in at https://evil.example\u0007\u202e';
// Short enough to be shown whole in a subject line (lib/district/people.ts shortens longer names).
const SHORT = 'Eve\r\n\r\nURGENT: sign in at evil.example\u0007';

/** The paragraphs of the newest email to `to` with `subject`, after the queue has run. */
async function emailTo(to: string, where: { subject?: string; contains?: string } = {}) {
  await runDueJobs(jobHandlers, 50);
  const mail = await db.emailMessage.findFirstOrThrow({
    where: { to, ...(where.subject ? { subject: where.subject } : {}), ...(where.contains ? { text: { contains: where.contains } } : {}) },
    orderBy: { createdAt: 'desc' },
    select: { subject: true, text: true },
  });
  return { subject: mail.subject, paragraphs: mail.text.split('\n\n') };
}

describe('names typed by people are kept on one line', () => {
  it('sign-up, the account page and an invitation’s new account: line breaks become one space, control characters go', async () => {
    const signUpName = SignUpInput.parse({ name: `  ${HOSTILE}  `, email: 'eve@school.test', password: 'a long enough password' }).name;
    expect(signUpName).toBe('Eve URGENT: your badges expire today. Sign in at https://evil.example');
    const profile = ProfileInput.parse({ name: 'Ann\n\tMarie\u0085Okafor', publicName: 'Ms\u2028Okafor\u0000' });
    expect(profile).toMatchObject({ name: 'Ann Marie Okafor', publicName: 'Ms Okafor' });
    expect(AcceptNewAccountInput.parse({ token: 'x'.repeat(20), name: 'Kofi\nMensah', password: 'a long enough password' }).name).toBe('Kofi Mensah');
    // Only spaces and line breaks is no name at all.
    expect(SignUpInput.safeParse({ name: ' \n\r\t ', email: 'a@school.test', password: 'a long enough password' }).success).toBe(false);
    // The limit counts the name as kept.
    expect(ProfileInput.safeParse({ name: `${'a'.repeat(60)}\n\n\n\n${'b'.repeat(59)}` }).success).toBe(true);

    // Stored as parsed; and sign-up keeps a name on one line even from a caller that did not parse it.
    const user = await signUp({ name: HOSTILE, email: 'eve@school.test', password: 'a long enough password' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe(signUpName);
    const teacher = await createActor();
    await updateProfile({ actor: teacher, input: profile });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { name: true, publicName: true } })).toEqual({ name: 'Ann Marie Okafor', publicName: 'Ms Okafor' });
  });
});

describe('emails built from names keep them on one line', () => {
  async function withStoredName(name: string) {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const leader = await createActor({ email: 'leader@school.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const teacher = await createActor({ email: 'eve@school.test', password: 'a long enough password' });
    // A name stored before names were kept on one line (or written some other way than the forms).
    await db.user.update({ where: { id: teacher.id }, data: { name } });
    return { district, leader, teacher: { ...teacher, name } };
  }

  it('a district’s leaders, told that someone asks to join or left: the name adds no line of its own', async () => {
    const w = await withStoredName(SHORT);
    await requestDistrict({ actor: w.teacher, districtId: w.district.id });
    const asks = await emailTo('leader@school.test', { contains: 'asks to join' });
    expect(asks.subject).toBe('Eve URGENT: sign in at evil.example asks to join Kettle Moraine');
    expect(asks.paragraphs[0]).toMatch(/^Hello /);
    expect(asks.paragraphs[1]).toBe('Eve URGENT: sign in at evil.example asks to join Kettle Moraine.');
    // No paragraph, and no line, starts with the name's own words.
    expect(asks.paragraphs.join('\n').split('\n').filter((l) => /^URGENT/.test(l))).toEqual([]);

    await db.user.update({ where: { id: w.teacher.id }, data: { districtId: w.district.id, requestedDistrictId: null } });
    await leaveDistrict({ actor: w.teacher });
    const left = await emailTo('leader@school.test', { contains: ' left Kettle Moraine' });
    expect(left.subject).toBe('Eve URGENT: sign in at evil.example left Kettle Moraine');
    expect(left.paragraphs.join('\n').split('\n').filter((l) => /^URGENT/.test(l))).toEqual([]);
  });

  it('the greeting of a notice, a confirmation link and a reset link', async () => {
    const w = await withStoredName('Eve\n\nURGENT: reply with your password');
    // A notification to the person themselves (the greeting carries their name).
    await db.user.update({ where: { id: w.leader.id }, data: { name: 'Lee\nLeader' } });
    await requestDistrict({ actor: w.teacher, districtId: w.district.id });
    expect((await emailTo('leader@school.test', { contains: 'asks to join' })).paragraphs[0]).toBe('Hello Lee Leader,');

    await db.user.update({ where: { id: w.teacher.id }, data: { emailVerified: null } });
    await sendVerificationEmail(w.teacher.id);
    expect((await emailTo('eve@school.test', { contains: '/verify-email/' })).paragraphs[0]).toBe('Hello Eve URGENT: reply with your password,');
    await sendPasswordResetEmail('eve@school.test');
    expect((await emailTo('eve@school.test', { contains: '/reset-password/' })).paragraphs[0]).toBe('Hello Eve URGENT: reply with your password,');
  });
});
