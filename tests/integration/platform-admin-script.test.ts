// `npm run platform:admin` run as an operator runs it, against the test database: the name it stores
// for a new admin is kept on one line, without control or direction characters, as every name the
// app stores is (lib/auth/schemas.ts oneLine), and a name that is nothing but those is refused. A
// disabled account it enables again comes back without its old password, and the output says so.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor } from '../factories';
import { authenticate } from '@/lib/auth/accounts';

beforeEach(resetDatabase);

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** The script with this worker's environment (its database), as `npm run platform:admin -- …` runs it. */
function platformAdmin(...args: string[]) {
  const r = spawnSync(tsx, ['--conditions=react-server', 'scripts/platform-admin.ts', ...args], { cwd: root, env: process.env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run platform:admin', () => {
  it('stores the new admin’s name on one line, and refuses one that is only line breaks and control characters', async () => {
    const made = platformAdmin('--email', 'Ops@Example.org', '--name', 'Ada\n\u202eecalevoL\u202c\u0007 Lovelace');
    expect(made.code).toBe(0);
    expect(made.out).toContain('ops@example.org is a platform admin (new account).');
    expect(await db.user.findMany({ select: { email: true, name: true } })).toEqual([{ email: 'ops@example.org', name: 'Ada ecalevoL Lovelace' }]);

    const refused = platformAdmin('--email', 'it@example.org', '--name', '\r\n\u0007');
    expect(refused.code).toBe(1);
    expect(refused.out.trim()).toBe('platform:admin: --name: Enter your name.');
    expect(await db.user.count()).toBe(1);
  }, 60_000);

  it('enables a disabled account without its old password, says so, and prints the link to set a new one', async () => {
    const account = await createActor({ email: 'taken@example.org', password: 'intruder password 1' });
    await db.user.update({ where: { id: account.id }, data: { disabledAt: new Date() } });
    const run = platformAdmin('--email', 'taken@example.org');
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines[0]).toBe('taken@example.org is a platform admin (the account was disabled and is enabled again).');
    expect(lines[1]).toBe('Its old password no longer works (if the account was disabled because someone else got into it, they may know it), and it is signed out everywhere.');
    expect(lines[2]).toBe('Set a new password here (works once, for 24 hours):');
    expect(lines[3]).toMatch(/^ {2}https?:\/\/\S+\/reset-password\/\S+$/);
    expect(run.out).not.toContain('already has a password');
    expect((await authenticate({ email: 'taken@example.org', password: 'intruder password 1' })).ok).toBe(false);
  }, 60_000);
});
