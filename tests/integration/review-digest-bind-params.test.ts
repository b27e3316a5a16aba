// The daily reviewer digest reads up to 20,000 waiting submissions and as many second looks: the
// teachers of all of them (and every candidate reviewer) must not each become a bind parameter of
// one statement (`IN ($1, …, $40000)`, near Postgres's limit of 65,535 and slow to plan). The lists
// go as one array each (`= ANY($1::text[])`), so no statement's parameters grow with the work.
import { beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { resetDatabase } from '../setup/db';
import { createActor, createWaitingAttempt } from '../factories';
import { makeReviewWorld } from '../factories/review-world';
import { computeReviewerDigests } from '@/lib/review/digest';

beforeEach(resetDatabase);

type Sent = { text: string; values: unknown[] };

/** What Prisma sends while `fn` runs, as scripts/scale/explain.ts records it. */
async function statementsOf(fn: () => Promise<unknown>): Promise<Sent[]> {
  const seen: Sent[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function patched(this: pg.Client, config: unknown, ...rest: unknown[]) {
    if (config && typeof config === 'object' && 'text' in config) {
      const c = config as { text: string; values?: unknown[] };
      seen.push({ text: c.text, values: c.values ?? [] });
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (original as any).call(this, config, ...rest);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen.filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)/i.test(s.text));
}

describe('the reviewers’ daily digest', () => {
  it('sends no statement whose bind parameters grow with the teachers or reviewers it covers', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
    const TEACHERS = 30;
    const REVIEWERS = 12;
    const reviewers = [];
    for (let i = 0; i < REVIEWERS; i++) reviewers.push(await w.reviewer({ name: `Reviewer ${i}` }));
    for (let i = 0; i < TEACHERS; i++) await createWaitingAttempt(await createActor({ name: `Teacher ${i}` }), w.mc.id);

    let digests: Awaited<ReturnType<typeof computeReviewerDigests>> = [];
    const sent = await statementsOf(async () => {
      digests = await computeReviewerDigests();
    });

    // The same digests as ever: every reviewer could claim every submission.
    expect(digests).toHaveLength(REVIEWERS);
    for (const r of reviewers) expect(digests.find((d) => d.userId === r.id)).toEqual({ userId: r.id, waiting: TEACHERS, nearDue: 0, secondLooks: 0 });
    // Every statement carries a handful of parameters at most, however many teachers and reviewers.
    expect(sent.length).toBeGreaterThan(0);
    const widest = sent.reduce((a, b) => (b.values.length > a.values.length ? b : a));
    expect(widest.values.length, widest.text.slice(0, 300)).toBeLessThan(REVIEWERS);
  });
});
