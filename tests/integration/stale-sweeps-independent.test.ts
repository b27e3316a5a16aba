// The hourly clean-up of uploads begun and never finished ('evidence.sweep-stale-uploads') sweeps
// evidence and certificates of other learning: one failing (a storage or database error in the
// evidence sweep) does not keep the other from running, and the job still fails, so it is retried.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor } from '../factories';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { addExternalLearning } from '@/lib/external-learning/mutations';
import { requestCertificateUpload, STALE_CERTIFICATE_HOURS } from '@/lib/external-learning/certificates';

vi.mock('@/lib/evidence/uploads', async (original) => ({
  ...(await original<typeof import('@/lib/evidence/uploads')>()),
  sweepStaleUploads: async () => {
    throw new Error('evidence sweep failed');
  },
}));

const { jobHandlers } = await import('@/lib/jobs/handlers');

beforeEach(resetDatabase);

describe('the stale-upload sweeps', () => {
  it('sweep certificates even when the evidence sweep fails, and the job still fails to be retried', async () => {
    const teacher = await createActor({ name: 'Ann Avery' });
    const { entry } = await addExternalLearning({ actor: teacher, input: externalLearningFields('2026-11-24').parse({ title: 'Summit', provider: 'DPI', completedOn: '2026-03-14', pdHours: '6' }) });
    const { certificateId } = await requestCertificateUpload({ actor: teacher, learningId: entry.id, fileName: 'old.pdf', contentType: 'application/pdf', size: 100 });
    await db.externalLearningCertificate.update({ where: { id: certificateId }, data: { createdAt: new Date(Date.now() - (STALE_CERTIFICATE_HOURS + 1) * 3_600_000) } });

    await expect(jobHandlers['evidence.sweep-stale-uploads']({})).rejects.toThrow('evidence sweep failed');
    expect(await db.externalLearningCertificate.count()).toBe(0);
  });
});
