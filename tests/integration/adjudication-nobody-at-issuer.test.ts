// A disagreement nobody at the issuer may settle (its one admin scored it): the platform
// administrators, who may adjudicate for any issuer, are told, so the teacher's work does not wait
// for nobody. While an admin of the issuer may settle it, only they are told.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, qualify } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';

beforeEach(resetDatabase);

const noticesOf = (userId: string) => db.notification.findMany({ where: { userId, kind: 'review.adjudication' }, select: { title: true, body: true, href: true } });

async function disagreement(opts: { secondAdmin: boolean }) {
  const w = await makeReviewWorld({ doubleScoreRate: 1, name: 'Quill Institute' });
  const platform = await createOrg({ kind: 'PLATFORM', name: 'Platform' });
  const platformAdmin = await createActor({ name: 'Pat Platform', roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
  const colleague = opts.secondAdmin ? await createActor({ name: 'Cleo Colleague', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] }) : null;
  // The issuer's one admin scores too.
  await qualify(w.admin.id, w.mc.id, w.admin.id);
  const ann = await w.reviewer();
  const attemptId = await submitTextAttempt(w, await createActor());
  await scoreAttempt(w, w.admin, attemptId, 'PRIMARY', [3, 3]);
  expect((await scoreAttempt(w, ann, attemptId, 'SECOND', [1, 1])).outcome).toBe('NEEDS_ADJUDICATION');
  return { w, platformAdmin, colleague, attemptId };
}

describe('a disagreement to settle', () => {
  it('goes to the platform administrators when every admin of the issuer scored it, and they may settle it', async () => {
    const { w, platformAdmin, attemptId } = await disagreement({ secondAdmin: false });
    expect(await noticesOf(w.admin.id)).toEqual([]);
    expect(await noticesOf(platformAdmin.id)).toEqual([
      {
        title: expect.stringMatching(/needs adjudication, and no admin of Quill Institute can take it$/),
        body: 'Its two reviewers reached different outcomes. Every admin of Quill Institute either scored it or has a conflict of interest with its teacher, so it waits for you: make the final decision, or add an admin to Quill Institute who can.',
        href: '/admin/review-quality#adjudication',
      },
    ]);
    await expect(claimReview({ actor: platformAdmin, attemptId, kind: 'ADJUDICATION' })).resolves.toBeTruthy();
  });

  it('stays with the issuer while one of its admins may settle it', async () => {
    const { platformAdmin, colleague } = await disagreement({ secondAdmin: true });
    expect(await noticesOf(colleague!.id)).toHaveLength(1);
    expect(await noticesOf(platformAdmin.id)).toEqual([]);
  });
});
