import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { authenticate, signUp } from '@/lib/auth/accounts';
import { createActor, createOrg } from '../factories';
import { homePath } from '@/lib/auth/actor';
import { changePassword, requestPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';

beforeEach(resetDatabase);

describe('accounts', () => {
  it('signs up with an Argon2id hash and signs in; wrong password and unknown email answer the same', async () => {
    const user = await signUp({ name: 'Ana Ruiz', email: 'Ana@School.org', password: 'correct horse battery' });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe('ana@school.org');
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await authenticate({ email: 'ANA@school.org', password: 'correct horse battery' })).toMatchObject({ ok: true });
    const wrong = await authenticate({ email: 'ana@school.org', password: 'nope nope nope' });
    const unknown = await authenticate({ email: 'nobody@school.org', password: 'nope nope nope' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('rate-limits failed sign-ins per address when the client IP is unknown (counted in Postgres, shared by all servers); successes do not count', async () => {
    await signUp({ name: 'Bo', email: 'bo@school.org', password: 'correct horse battery' });
    // A teacher signing in often is never locked out, and a success clears earlier failures.
    for (let i = 0; i < 12; i++) expect(await authenticate({ email: 'bo@school.org', password: 'correct horse battery' })).toMatchObject({ ok: true });
    for (let i = 0; i < 7; i++) await authenticate({ email: 'bo@school.org', password: 'wrong password!' });
    expect(await authenticate({ email: 'bo@school.org', password: 'correct horse battery' })).toMatchObject({ ok: true });
    expect(await db.rateLimit.findUnique({ where: { key: 'signin:email:bo@school.org' } })).toBeNull();
    for (let i = 0; i < 8; i++) await authenticate({ email: 'bo@school.org', password: 'wrong password!' });
    const blocked = await authenticate({ email: 'bo@school.org', password: 'correct horse battery' });
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email:bo@school.org' } })).count).toBe(8);
    // The failures count towards the address's ceiling too; successes gave their hit back.
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email-all:bo@school.org' } })).count).toBe(15);
    // Failures from no known IP are one source among others: they do not lock out a known IP.
    expect(await authenticate({ email: 'bo@school.org', password: 'correct horse battery', ip: '198.51.100.20' })).toMatchObject({ ok: true });
  });

  it('counts a burst of parallel guesses before checking any of them: at most the limit get a verdict', async () => {
    await signUp({ name: 'Cam', email: 'cam@school.org', password: 'correct horse battery' });
    const results = await Promise.all(Array.from({ length: 30 }, () => authenticate({ email: 'cam@school.org', password: 'wrong password!', ip: '198.51.100.7' })));
    const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeLessThanOrEqual(8);
    expect(results.filter((r) => !r.ok && r.reason === 'rate_limited').length).toBeGreaterThanOrEqual(22);
    // Refused attempts give their hits back: the counters hold the guesses that were checked.
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email-ip:cam@school.org:198.51.100.7' } })).count).toBe(8);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email-all:cam@school.org' } })).count).toBe(checked);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:ip:198.51.100.7' } })).count).toBe(checked);
  });

  it('failures from one IP lock out only that IP: the teacher still signs in from another', async () => {
    await signUp({ name: 'Gus', email: 'gus@school.org', password: 'correct horse battery' });
    for (let i = 0; i < 8; i++) expect(await authenticate({ email: 'gus@school.org', password: 'wrong password!', ip: '203.0.113.50' })).toEqual({ ok: false, reason: 'invalid' });
    const blocked = await authenticate({ email: 'gus@school.org', password: 'correct horse battery', ip: '203.0.113.50' });
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    if (blocked.ok) throw new Error('unreachable');
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await authenticate({ email: 'gus@school.org', password: 'correct horse battery', ip: '192.0.2.80' })).toMatchObject({ ok: true });
    // The teacher's success does not unlock the guesser's IP, nor hand back its guesses.
    expect(await authenticate({ email: 'gus@school.org', password: 'wrong password!', ip: '203.0.113.50' })).toMatchObject({ reason: 'rate_limited' });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email-all:gus@school.org' } })).count).toBe(8);
    expect(await db.rateLimit.findUnique({ where: { key: 'signin:email-ip:gus@school.org:192.0.2.80' } })).toBeNull();
  });

  it('stops guesses at one address spread over many IPs at 100 an hour, until a password reset', async () => {
    await signUp({ name: 'Hal', email: 'hal_t@school.org', password: 'correct horse battery' });
    await signUp({ name: 'Hal 2', email: 'halxt@school.org', password: 'correct horse battery' });
    // 7 from each IP stays under every IP's own limit of 8.
    for (let n = 0; n < 15; n++) {
      for (let i = 0; i < 7; i++) await authenticate({ email: 'hal_t@school.org', password: 'wrong password!', ip: `198.51.100.${100 + n}` });
    }
    const blocked = await authenticate({ email: 'hal_t@school.org', password: 'correct horse battery', ip: '192.0.2.99' });
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    if (blocked.ok) throw new Error('unreachable');
    // The hour-long limit refused, so the wait is past the 15-minute ones.
    expect(blocked.retryAfterSeconds).toBeGreaterThan(15 * 60);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(60 * 60);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email-all:hal_t@school.org' } })).count).toBe(100);
    // Other addresses are untouched, even one the first would match as a LIKE pattern.
    await authenticate({ email: 'halxt@school.org', password: 'wrong password!', ip: '198.51.100.100' });
    expect(await authenticate({ email: 'halxt@school.org', password: 'correct horse battery', ip: '192.0.2.99' })).toMatchObject({ ok: true });

    // A password reset proves the owner: it clears every count against the address, and only those.
    await requestPasswordReset({ email: 'hal_t@school.org' });
    await runDueJobs(jobHandlers, 50);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: 'hal_t@school.org', subject: 'Reset your Microcred password' } });
    const token = mail.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)![1];
    await resetPassword({ token, password: 'a brand new password here' });
    expect(await db.rateLimit.count({ where: { key: { in: ['signin:email-all:hal_t@school.org', 'signin:email:hal_t@school.org'] } } })).toBe(0);
    expect((await db.rateLimit.findMany({ where: { key: { startsWith: 'signin:email-ip:' } }, select: { key: true, count: true } }))).toEqual([{ key: 'signin:email-ip:halxt@school.org:198.51.100.100', count: 1 }]);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:email-all:halxt@school.org' } })).count).toBe(1);
    expect(await db.rateLimit.findUniqueOrThrow({ where: { key: 'signin:ip:198.51.100.100' } })).toMatchObject({ count: 8 });
    expect(await authenticate({ email: 'hal_t@school.org', password: 'a brand new password here', ip: '192.0.2.99' })).toMatchObject({ ok: true });
  });

  it('changing the password while signed in also clears the sign-in lockout', async () => {
    const jo = await createActor({ email: 'jo@school.org', password: 'correct horse battery' });
    for (let i = 0; i < 8; i++) await authenticate({ email: 'jo@school.org', password: 'wrong password!', ip: '203.0.113.60' });
    expect(await authenticate({ email: 'jo@school.org', password: 'correct horse battery', ip: '203.0.113.60' })).toMatchObject({ reason: 'rate_limited' });
    await changePassword({ actor: jo, current: 'correct horse battery', password: 'a brand new password here' });
    expect(await authenticate({ email: 'jo@school.org', password: 'a brand new password here', ip: '203.0.113.60' })).toMatchObject({ ok: true });
  });

  it('with no client IP, the address still takes only 8 failures', async () => {
    await signUp({ name: 'Ida', email: 'ida@school.org', password: 'correct horse battery' });
    for (let i = 0; i < 8; i++) expect(await authenticate({ email: 'ida@school.org', password: 'wrong password!', ip: null })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ email: 'ida@school.org', password: 'correct horse battery', ip: null })).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(await authenticate({ email: 'ida@school.org', password: 'correct horse battery' })).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(await db.rateLimit.count({ where: { key: { startsWith: 'signin:email-ip:' } } })).toBe(0);
  });

  it('rate-limits sign-in per client IP across many addresses', async () => {
    for (let i = 0; i < 60; i++) await authenticate({ email: `x${i}@school.org`, password: 'whatever!!', ip: '203.0.113.9' });
    expect(await authenticate({ email: 'fresh@school.org', password: 'whatever!!', ip: '203.0.113.9' })).toMatchObject({ reason: 'rate_limited' });
    expect(await authenticate({ email: 'fresh@school.org', password: 'whatever!!', ip: '203.0.113.10' })).toMatchObject({ reason: 'invalid' });
  });

  it('successful sign-ins from one school network never use up its allowance', async () => {
    await signUp({ name: 'Dee', email: 'dee@school.org', password: 'correct horse battery' });
    for (let i = 0; i < 70; i++) expect(await authenticate({ email: 'dee@school.org', password: 'correct horse battery', ip: '192.0.2.44' })).toMatchObject({ ok: true });
    expect((await db.rateLimit.findUnique({ where: { key: 'signin:ip:192.0.2.44' } }))?.count ?? 0).toBe(0);
    expect((await db.rateLimit.findUnique({ where: { key: 'signin:email-all:dee@school.org' } }))?.count ?? 0).toBe(0);
  });

  it('refuses a duplicate email on sign-up and an unknown district', async () => {
    await signUp({ name: 'Cy', email: 'cy@school.org', password: 'correct horse battery' });
    await expect(signUp({ name: 'Cy 2', email: 'CY@school.org', password: 'correct horse battery' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(signUp({ name: 'Di', email: 'di@school.org', password: 'correct horse battery', districtId: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const district = await createOrg({ kind: 'DISTRICT' });
    const di = await signUp({ name: 'Di', email: 'di@school.org', password: 'correct horse battery', districtId: district.id });
    // Choosing a district asks to join it; its leaders confirm (tests/integration/district-requests.test.ts).
    expect(await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: null, requestedDistrictId: district.id });
  });

  it('disabled accounts cannot sign in', async () => {
    const u = await signUp({ name: 'Ed', email: 'ed@school.org', password: 'correct horse battery' });
    await db.user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    expect(await authenticate({ email: 'ed@school.org', password: 'correct horse battery' })).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('sends each role to its own home', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const district = await createOrg({ kind: 'DISTRICT' });
    expect(homePath(await createActor())).toBe('/dashboard');
    expect(homePath(await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] }))).toBe('/review');
    expect(homePath(await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] }))).toBe('/admin');
    expect(homePath(await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] }))).toBe('/district');
    const platform = await createOrg({ kind: 'PLATFORM' });
    expect(homePath(await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }, { role: 'ISSUER_ADMIN', organizationId: issuer.id }] }))).toBe('/platform');
  });

  it('keeps the audit log append-only', async () => {
    await signUp({ name: 'Fi', email: 'fi@school.org', password: 'correct horse battery' });
    const entry = await db.auditLog.findFirstOrThrow();
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: 'tampered' } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    // The one change allowed is forgetting the actor (a deleted account), and only on its own.
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { actorId: null, action: 'tampered' } })).rejects.toThrow(/append-only/);
    await db.auditLog.update({ where: { id: entry.id }, data: { actorId: null } });
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { actorId: entry.actorId } })).rejects.toThrow(/append-only/);
  });
});
