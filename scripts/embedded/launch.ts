import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** Helpers shared by the dev, start and e2e launchers. */

/** Thrown for expected start-up failures; launchers print only the message (no stack) and exit 1. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

export function binPath(name: string) {
  return path.resolve('node_modules/.bin', name);
}

/** Loads `.env.local` then `.env` without overriding variables already set (like Next does). */
export function loadDotEnvFiles(files = ['.env.local', '.env']) {
  for (const file of files) {
    if (fs.existsSync(file)) process.loadEnvFile(file);
  }
}

/** The URL without its password, safe to print. */
export function redactUrl(value: string) {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a valid URL)';
  }
}

/** Connects once to prove `url` works; throws a one-line LaunchError naming `label` otherwise. */
export async function checkDatabase(url: string, label = 'DATABASE_URL', timeoutMs = 5000) {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new LaunchError(`${label} must be a postgresql:// URL (got ${redactUrl(url)})`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    throw new LaunchError(`${label} ${redactUrl(url)} is not reachable: ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs a command to completion with inherited output; rejects with a LaunchError on failure. */
export function run(command: string, args: string[], options: SpawnOptions & { label?: string } = {}) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.once('error', (error) => reject(new LaunchError(`${options.label ?? command}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new LaunchError(`${options.label ?? command} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Waits for `child` to exit, escalating to SIGKILL after `graceMs`. */
export function terminate(child: ChildProcess | undefined, graceMs = 8000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Calls `cleanup` once on SIGINT/SIGTERM/SIGHUP, then exits with 130/143/129. A second Ctrl-C
 * while cleaning up exits at once.
 */
export function onShutdownSignal(cleanup: (signal: NodeJS.Signals) => Promise<void>) {
  let shuttingDown = false;
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const signal of Object.keys(codes) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (shuttingDown) process.exit(codes[signal]);
      shuttingDown = true;
      cleanup(signal)
        .catch((error) => console.error(error instanceof Error ? error.message : error))
        .finally(() => process.exit(codes[signal]));
    });
  }
}

/** Prints an expected failure as one line, anything else with its stack, and exits 1. */
export function exitWithError(error: unknown, prefix: string): never {
  const expected = error instanceof Error && (error.name === 'LaunchError' || error.name === 'MigrationError');
  if (expected) console.error(`${prefix}: ${error.message}`);
  else console.error(`${prefix}:`, error);
  process.exit(1);
}

/** Starts the production HTTP server (scripts/server.ts) from the existing build in `.next`. */
export function spawnAppServer(options: { port: number; host?: string; env: NodeJS.ProcessEnv; stdio?: SpawnOptions['stdio'] }): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...options.env, NODE_ENV: 'production', PORT: String(options.port) };
  if (options.host) env.HOST = options.host;
  return spawn(binPath('tsx'), [path.resolve('scripts/server.ts')], { env, stdio: options.stdio ?? 'inherit' });
}
