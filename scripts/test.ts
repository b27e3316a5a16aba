// `npm test`: every check, in order, stopping at the first failure with its exit code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

type Step = { name: string; command: string; args: string[]; skip?: () => string | undefined };

const bin = (name: string) => path.resolve('node_modules/.bin', name);
const ESLINT_CONFIGS = ['eslint.config.mjs', 'eslint.config.js', 'eslint.config.ts', 'eslint.config.cjs'];

const steps: Step[] = [
  {
    name: 'prisma generate',
    command: bin('prisma'),
    args: ['generate'],
    skip: () => (fs.existsSync('lib/generated') ? 'lib/generated exists' : undefined),
  },
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit'] },
  {
    name: 'lint',
    command: bin('eslint'),
    args: ['.'],
    skip: () => (ESLINT_CONFIGS.some((f) => fs.existsSync(f)) ? undefined : 'no eslint config'),
  },
  { name: 'unit tests', command: bin('vitest'), args: ['run', '--project', 'unit', '--passWithNoTests'] },
  { name: 'integration tests', command: bin('vitest'), args: ['run', '--project', 'integration', '--passWithNoTests'] },
  { name: 'build', command: bin('next'), args: ['build'] },
  { name: 'e2e tests', command: bin('playwright'), args: ['test'] },
];

type Result = { name: string; status: 'passed' | 'failed' | 'skipped'; seconds: number; note?: string };

function runStep(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: 'inherit', env: process.env });
    // Ctrl-C reaches the child through the terminal's process group; just wait for it.
    child.once('error', (error) => {
      console.error(`${step.name}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}

function printSummary(results: Result[]) {
  const width = Math.max(...steps.map((s) => s.name.length));
  console.log('\n── npm test summary ' + '─'.repeat(40));
  for (const r of results) {
    const mark = r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : '-';
    const time = r.status === 'skipped' ? '' : `${r.seconds.toFixed(1).padStart(6)} s`;
    console.log(` ${mark} ${r.name.padEnd(width)} ${time}${r.note ? `  (${r.note})` : ''}`);
  }
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  console.log(` total ${total.toFixed(1)} s`);
}

process.on('SIGINT', () => {}); // let the running step handle Ctrl-C and report its exit code

const results: Result[] = [];
let exitCode = 0;
for (const step of steps) {
  const reason = step.skip?.();
  if (reason) {
    if (step.name === 'lint') console.warn(`⚠ skipping eslint: ${reason}`);
    results.push({ name: step.name, status: 'skipped', seconds: 0, note: reason });
    continue;
  }
  console.log(`\n▶ ${step.name}: ${path.basename(step.command)} ${step.args.join(' ')}`);
  const started = performance.now();
  const code = await runStep(step);
  const seconds = (performance.now() - started) / 1000;
  results.push({ name: step.name, status: code === 0 ? 'passed' : 'failed', seconds, note: code ? `exit ${code}` : undefined });
  if (code !== 0) {
    exitCode = code;
    break;
  }
}
for (const step of steps.slice(results.length)) results.push({ name: step.name, status: 'skipped', seconds: 0, note: 'not run' });
printSummary(results);
process.exit(exitCode);
