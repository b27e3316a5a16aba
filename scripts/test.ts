// `npm test`: every check, in order, stopping at the first failure with its exit code. Steps marked
// `alongside` that follow one another run side by side: typecheck and lint each use about one core,
// so on two cores together they take the time of the longer. Each one's output is then held and
// printed whole when it ends, so the two never interleave.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

type Step = { name: string; command: string; args: string[]; skip?: () => string | undefined; alongside?: boolean };

const bin = (name: string) => path.resolve('node_modules/.bin', name);
const ESLINT_CONFIGS = ['eslint.config.mjs', 'eslint.config.js', 'eslint.config.ts', 'eslint.config.cjs'];

const steps: Step[] = [
  {
    name: 'prisma generate',
    command: bin('prisma'),
    args: ['generate'],
    skip: () => (fs.existsSync('lib/generated') ? 'lib/generated exists' : undefined),
  },
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit'], alongside: true },
  {
    name: 'lint',
    command: bin('eslint'),
    args: ['.'],
    skip: () => (ESLINT_CONFIGS.some((f) => fs.existsSync(f)) ? undefined : 'no eslint config'),
    alongside: true,
  },
  { name: 'unit tests', command: bin('vitest'), args: ['run', '--project', 'unit', '--passWithNoTests'] },
  { name: 'integration tests', command: bin('vitest'), args: ['run', '--project', 'integration', '--passWithNoTests'] },
  { name: 'build', command: bin('next'), args: ['build'] },
  { name: 'e2e tests', command: bin('playwright'), args: ['test'] },
];

type Result = { name: string; status: 'passed' | 'failed' | 'skipped'; seconds: number; note?: string };

const heading = (step: Step) => `\n▶ ${step.name}: ${path.basename(step.command)} ${step.args.join(' ')}`;

/** Runs one step and times it; `held`: its output is kept and printed in one piece when it ends. */
function runStep(step: Step, held: boolean): Promise<Result> {
  if (!held) console.log(heading(step));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: held ? ['inherit', 'pipe', 'pipe'] : 'inherit', env: process.env });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      if (held) {
        console.log(heading(step));
        process.stdout.write(Buffer.concat(output));
      }
      const seconds = (performance.now() - started) / 1000;
      resolve({ name: step.name, status: code === 0 ? 'passed' : 'failed', seconds, note: code ? `exit ${code}` : undefined });
    };
    // Ctrl-C reaches the child through the terminal's process group; just wait for it.
    child.once('error', (error) => {
      output.push(Buffer.from(`${step.name}: ${error.message}\n`));
      if (!held) console.error(`${step.name}: ${error.message}`);
      finish(127);
    });
    // 'close', not 'exit': a held step's output is complete only once its pipes have closed.
    child.once('close', (code, signal) => finish(code ?? (signal === 'SIGINT' ? 130 : 1)));
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
  console.log(` wall time ${((performance.now() - startedAll) / 1000).toFixed(1)} s`);
}

process.on('SIGINT', () => {}); // let the running step handle Ctrl-C and report its exit code

const startedAll = performance.now();
const results: Result[] = [];
let exitCode = 0;
for (let i = 0; i < steps.length && exitCode === 0; ) {
  // The run of consecutive `alongside` steps starting here, or just this step.
  let end = i + 1;
  if (steps[i].alongside) while (end < steps.length && steps[end].alongside) end++;
  const group = steps.slice(i, end);
  i = end;
  const toRun: Step[] = [];
  for (const step of group) {
    const reason = step.skip?.();
    if (!reason) toRun.push(step);
    else {
      if (step.name === 'lint') console.warn(`⚠ skipping eslint: ${reason}`);
      results.push({ name: step.name, status: 'skipped', seconds: 0, note: reason });
    }
  }
  const held = toRun.length > 1;
  for (const result of await Promise.all(toRun.map((step) => runStep(step, held)))) {
    results.push(result);
    if (result.status === 'failed' && exitCode === 0) exitCode = Number(result.note?.replace('exit ', '')) || 1;
  }
}
for (const step of steps.filter((s) => !results.some((r) => r.name === s.name))) results.push({ name: step.name, status: 'skipped', seconds: 0, note: 'not run' });
printSummary(results);
process.exit(exitCode);
