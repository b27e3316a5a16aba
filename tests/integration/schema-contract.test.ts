// Expand, then contract: a column this release no longer uses is dropped by the NEXT release's
// migration, which runs while servers of this release still serve requests (a rolling deploy). So
// this release must work on a database where the column is already gone: it may not read it, and
// its Prisma client may not map it (a full-row read or a create's RETURNING names every mapped
// column). Each case drops the column in this worker's own database, works through the app, and
// puts the column back as the migrations left it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { getIssuerSettings, updateIssuerReviewSettings } from '@/lib/organizations/issuer-settings';
import { IssuerReviewSettingsInput } from '@/lib/organizations/schemas';

beforeEach(resetDatabase);

describe('Organization.blockSameSchool (read by nothing since same_school_always_blocked; dropped next release)', () => {
  beforeAll(async () => {
    await db.$executeRawUnsafe('ALTER TABLE "Organization" DROP COLUMN "blockSameSchool"');
  });
  afterAll(async () => {
    await db.$executeRawUnsafe('ALTER TABLE "Organization" ADD COLUMN "blockSameSchool" BOOLEAN NOT NULL DEFAULT true');
  });

  it('issuers are created, read whole, and their review settings saved without the column', async () => {
    const { issuer, admin } = await createPublishedCredential();
    const whole = await db.organization.findUniqueOrThrow({ where: { id: issuer.id } });
    expect(whole).not.toHaveProperty('blockSameSchool');
    const form = { organizationId: issuer.id, seenAt: whole.updatedAt.toISOString(), slaBusinessDays: '10', doubleScorePercent: '20', claimMinutes: '240', calibrationRequired: 'on', blockSameDistrict: 'on' };
    await updateIssuerReviewSettings({ actor: admin, input: IssuerReviewSettingsInput.parse(form) });
    expect(await getIssuerSettings({ actor: admin, organizationId: issuer.id })).toMatchObject({ slaBusinessDays: 10, doubleScorePercent: 20, blockSameDistrict: true });
  });
});
