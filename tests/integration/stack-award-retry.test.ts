// A badge's award job that failed after the badge was stored (while awarding the stacks it
// completes) is retried; the retry must still award the stack, since nothing else would.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { createStack } from '@/lib/authoring/mutations';

beforeEach(resetDatabase);

async function earned(opts: { issuerId?: string; admin?: Awaited<ReturnType<typeof createActor>>; teacher?: Awaited<ReturnType<typeof createActor>> } = {}) {
  const cred = await createPublishedCredential({ issuerId: opts.issuerId, admin: opts.admin });
  const teacher = opts.teacher ?? (await createActor());
  return { ...cred, teacher, submissionId: await createEarnedSubmission(teacher, cred.mc.id) };
}

describe('a retried award job', () => {
  it('awards the stack the badge completes even though the badge itself was already stored', async () => {
    const first = await earned();
    const teacher = first.teacher;
    const second = await earned({ issuerId: first.issuer.id, admin: first.admin, teacher });
    await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: `stack-${Date.now()}`, title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
    const stackId = (await db.stack.findFirstOrThrow({ where: { issuerId: first.issuer.id } })).id;
    // Both badges stored, but the stack step never ran: as if it failed after the second badge's
    // transaction committed (the stack is hidden meanwhile so the first run cannot award it).
    await db.stack.update({ where: { id: stackId }, data: { status: 'DRAFT' } });
    await issueAwardForSubmission(first.submissionId);
    const { awardId } = await issueAwardForSubmission(second.submissionId);
    await db.stack.update({ where: { id: stackId }, data: { status: 'PUBLISHED' } });
    expect(await db.award.count({ where: { userId: teacher.id, stackId } })).toBe(0);

    // The job runs again: the same badge, and now the stack.
    await expect(issueAwardForSubmission(second.submissionId)).resolves.toEqual({ awardId });
    expect(await db.award.count({ where: { userId: teacher.id, stackId } })).toBe(1);
    // And a third run awards nothing twice.
    await issueAwardForSubmission(second.submissionId);
    expect(await db.award.count({ where: { userId: teacher.id, stackId } })).toBe(1);
  });
});
