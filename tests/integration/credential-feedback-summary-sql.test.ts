// The stored public figures of teachers' feedback, against the rule stated as plainly as it can be:
// a model that numbers ratings in the order they were created, takes the figures from every current
// rating once five were created since the last taking (with none stored, five in all), and drops
// them when fewer than five are left. Any sequence of first saves, edits and deletions by a dozen
// teachers, through the real mutations on a real Postgres (the taking's average and median in SQL),
// leaves the stored row as the model says after every step.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential, createRaters } from '../factories';
import { deleteCredentialFeedback, saveCredentialFeedback } from '@/lib/credential-feedback/mutations';

const TEACHERS = 12;
let mcId: string;
let teachers: Actor[];
beforeAll(async () => {
  await resetDatabase();
  const { mc } = await createPublishedCredential();
  mcId = mc.id;
  teachers = await createRaters(mc.id, TEACHERS);
});

type Figures = { count: number; average: number; typicalHours: number | null };
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** The rule, with creation order as a counter. */
class Model {
  ratings = new Map<number, { rating: number; hours: number | null; created: number }>();
  /** The figures shown, or null (none taken yet, or withdrawn). */
  stored: Figures | null = null;
  /** The newest rating the last taking took in (0: never taken); kept when the figures are withdrawn. */
  takenUpTo = 0;
  private clock = 0;
  save(teacher: number, rating: number, hours: number | null) {
    const was = this.ratings.get(teacher);
    this.ratings.set(teacher, { rating, hours, created: was ? was.created : ++this.clock });
    return this.settle();
  }
  remove(teacher: number) {
    if (!this.ratings.delete(teacher)) return false;
    return this.settle();
  }
  private settle(): boolean {
    const all = [...this.ratings.values()];
    if (all.length < 5) {
      const had = this.stored !== null;
      this.stored = null;
      return had;
    }
    const fresh = all.filter((r) => r.created > this.takenUpTo).length;
    if (fresh < 5) return false;
    const hours = all.flatMap((r) => (r.hours === null ? [] : [r.hours]));
    this.stored = {
      count: all.length,
      average: all.reduce((s, r) => s + r.rating, 0) / all.length,
      typicalHours: hours.length >= 5 ? median(hours) : null,
    };
    this.takenUpTo = Math.max(...all.map((r) => r.created));
    return true;
  }
}

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('save' as const), teacher: fc.nat(TEACHERS - 1), rating: fc.integer({ min: 1, max: 5 }), hours: fc.option(fc.integer({ min: 1, max: 40 }).map((h) => h / 2), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), teacher: fc.nat(TEACHERS - 1) }) },
);

describe('the stored public figures', () => {
  it('follow the rule after every save, edit and deletion, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        await db.credentialFeedback.deleteMany({ where: { microCredentialId: mcId } });
        await db.credentialFeedbackPublic.deleteMany({ where: { microCredentialId: mcId } });
        const model = new Model();
        for (const s of steps) {
          // The per-teacher limit on writes is tested on its own; here it would end the sequence.
          await db.rateLimit.deleteMany();
          const expected = s.kind === 'save' ? model.save(s.teacher, s.rating, s.hours) : model.remove(s.teacher);
          const actor = teachers[s.teacher];
          const r = s.kind === 'save'
            ? await saveCredentialFeedback({ actor, microCredentialId: mcId, rating: s.rating, hoursSpent: s.hours, comment: null })
            : await deleteCredentialFeedback({ actor, microCredentialId: mcId });
          expect(r.publicChanged).toBe(expected);
          const row = await db.credentialFeedbackPublic.findUnique({ where: { microCredentialId: mcId }, select: { count: true, average: true, typicalHours: true } });
          if (!model.stored) {
            // Never taken (no row), or withdrawn (the row kept for when they were taken).
            expect(row === null || (row.count === null && row.average === null && row.typicalHours === null)).toBe(true);
            expect(row !== null).toBe(model.takenUpTo > 0);
            continue;
          }
          expect(row).not.toBeNull();
          expect(row!.count).toBe(model.stored.count);
          expect(row!.average).toBeCloseTo(model.stored.average, 9);
          expect(row!.typicalHours).toBe(model.stored.typicalHours);
        }
      }),
      { numRuns: 25 },
    );
  });
});
