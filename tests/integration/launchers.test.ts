import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function run(script: string, env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|S3_|AUTH_SECRET|CREDENTIAL_KEY_SECRET|APP_URL|DEMO_MODE)/.test(k)));
  const r = spawnSync(tsx, [script], { cwd: root, env: { ...clean, ...env } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.replace(/npm warn.*\n/g, '').trim() };
}

describe('launchers', () => {
  it('npm run dev with an unreachable DATABASE_URL prints one line naming the variable and exits 1', () => {
    const r = run('scripts/dev.ts', { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', PORT: '3999' });
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.out).toContain('DATABASE_URL');
    expect(r.out).not.toMatch(/\n\s+at /);
  });

  it('npm start refuses to run without production configuration and names what is missing', () => {
    const r = run('scripts/start.ts', { NODE_ENV: 'production' });
    expect(r.code).toBe(1);
    for (const name of ['DATABASE_URL', 'S3_BUCKET', 'AUTH_SECRET', 'CREDENTIAL_KEY_SECRET', 'APP_URL']) expect(r.out).toContain(name);
    expect(r.out).not.toMatch(/\n\s+at /);
  });
});
