// Deleting a micro-credential that was never published (an abandoned or test draft).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, sampleDefinition, SAMPLE_PNG } from '../factories';
import { createMicroCredential, deleteDraftMicroCredential, NOT_A_DRAFT, publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { createIssuerStack } from '@/lib/authoring/stacks';
import { confirmBadgeUpload, requestBadgeUpload } from '@/lib/authoring/badge-image';
import { setReviewerQualification } from '@/lib/people/mutations';
import { putObject } from '@/lib/storage/s3';
import { listRecentIssuerAudit } from '@/lib/audit/queries';

beforeEach(resetDatabase);

const draftDefinition = () => sampleDefinition({ title: 'UX test: exit tickets', slug: 'ux-test-exit-tickets' });

async function draft() {
  const { issuer, admin, mc: published } = await createPublishedCredential();
  const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: draftDefinition() });
  return { issuer, admin, published, mc };
}

describe('deleting a never-published draft', () => {
  it('removes it with its versions and qualifications, frees its address, queues its badge image for deletion and logs it by title', async () => {
    const { issuer, admin, mc } = await draft();
    const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    await setReviewerQualification({ actor: admin, userId: reviewer.id, microCredentialId: mc.id, op: 'add' });
    const ticket = await requestBadgeUpload({ actor: admin, issuerId: issuer.id, size: SAMPLE_PNG.length });
    await putObject(ticket.key, SAMPLE_PNG, 'image/png');
    const picture = await confirmBadgeUpload({ actor: admin, issuerId: issuer.id, key: ticket.key });
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: draftDefinition(), badgeImageKey: picture.key });

    expect(await deleteDraftMicroCredential({ actor: admin, microCredentialId: mc.id })).toEqual({ title: 'UX test: exit tickets' });
    expect(await db.microCredential.count({ where: { id: mc.id } })).toBe(0);
    expect(await db.microCredentialVersion.count({ where: { microCredentialId: mc.id } })).toBe(0);
    expect(await db.reviewerQualification.count({ where: { microCredentialId: mc.id } })).toBe(0);
    const job = await db.job.findFirstOrThrow({ where: { type: 'storage.delete-objects' }, select: { payload: true } });
    expect(job.payload).toEqual({ keys: [picture.key], uploads: [] });
    // The address can be used again.
    await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition({ title: 'Exit tickets', slug: 'ux-test-exit-tickets' }) });

    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'credential.delete_draft' } });
    expect(entry).toMatchObject({ actorId: admin.id, entityId: mc.id, organizationId: issuer.id, data: { title: 'UX test: exit tickets', slug: 'ux-test-exit-tickets' } });
    const recent = await listRecentIssuerAudit({ actor: admin, issuerIds: [issuer.id], take: 5 });
    expect(recent.map((r) => r.description)).toContain('Deleted the never-published draft “UX test: exit tickets”');
  });

  it('refuses a published or retired credential, a draft in a stack, and anyone who does not author for its issuer; nothing is deleted', async () => {
    const { issuer, admin, published, mc } = await draft();
    await expect(deleteDraftMicroCredential({ actor: admin, microCredentialId: published.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: NOT_A_DRAFT });
    await retireMicroCredential({ actor: admin, microCredentialId: published.id });
    await expect(deleteDraftMicroCredential({ actor: admin, microCredentialId: published.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: NOT_A_DRAFT });

    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    for (const actor of [otherAdmin, await createActor(), await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] })]) {
      await expect(deleteDraftMicroCredential({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(deleteDraftMicroCredential({ actor: admin, microCredentialId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // A draft stack may list a draft credential.
    await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'a-stack', title: 'A stack', summary: 'S', microCredentials: [published.slug, mc.slug] } });
    await expect(deleteDraftMicroCredential({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/part of the stack “A stack”\. Remove it from it first/) });
    expect(await db.microCredential.count({ where: { id: mc.id } })).toBe(1);
  });

  it('a publish and a delete at the same moment: one wins, and a published credential is never deleted', async () => {
    const { admin, mc } = await draft();
    const [published, deleted] = await Promise.allSettled([
      publishMicroCredential({ actor: admin, microCredentialId: mc.id }),
      deleteDraftMicroCredential({ actor: admin, microCredentialId: mc.id }),
    ]);
    const exists = (await db.microCredential.count({ where: { id: mc.id } })) === 1;
    if (deleted.status === 'fulfilled') {
      expect(exists).toBe(false);
      // The publish waited on the lock, then found nothing to publish.
      expect(published.status === 'rejected' && published.reason).toMatchObject({ code: 'NOT_FOUND' });
    } else {
      expect(exists).toBe(true);
      expect(published.status).toBe('fulfilled');
      expect(deleted.reason).toMatchObject({ code: 'INVALID_STATE', message: NOT_A_DRAFT });
      expect(await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { status: true } })).toEqual({ status: 'PUBLISHED' });
    }
  });
});
