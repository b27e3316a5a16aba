// `npm run platform:admin` run as an operator runs it, against the test database: the name it stores
// for a new admin is kept on one line, without control or direction characters, as every name the
// app stores is (lib/auth/schemas.ts oneLine), and a name that is nothing but those is refused.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';

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
});
