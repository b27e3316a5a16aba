// Expand, then contract: a column a release no longer uses is dropped by the NEXT release's
// migration, which runs while servers of the release before still serve requests (a rolling
// deploy). Organization.blockSameSchool went that way (ADR 019): same_school_always_blocked stopped
// reading it, the following release stopped mapping it, and drop_block_same_school removed it. This
// file holds the contract steps' checks: the column is gone from a migrated database, and an issuer is
// created, read whole and saved with it gone (what the previous release's client had to survive).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { getIssuerSettings, updateIssuerReviewSettings } from '@/lib/organizations/issuer-settings';
import { IssuerReviewSettingsInput } from '@/lib/organizations/schemas';

beforeEach(resetDatabase);

describe('Organization.blockSameSchool (dropped by drop_block_same_school)', () => {
  it('is no longer a column of the migrated database', async () => {
    const columns = await db.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'Organization'`;
    const names = columns.map((c) => c.column_name);
    expect(names).toContain('blockSameDistrict');
    expect(names).not.toContain('blockSameSchool');
  });

  it('issuers are created, read whole, and their review settings saved without it', async () => {
    const { issuer, admin } = await createPublishedCredential();
    const whole = await db.organization.findUniqueOrThrow({ where: { id: issuer.id } });
    expect(whole).not.toHaveProperty('blockSameSchool');
    const form = { organizationId: issuer.id, seenAt: whole.updatedAt.toISOString(), slaBusinessDays: '10', doubleScorePercent: '20', claimMinutes: '240', calibrationRequired: 'on', blockSameDistrict: 'on' };
    await updateIssuerReviewSettings({ actor: admin, input: IssuerReviewSettingsInput.parse(form) });
    expect(await getIssuerSettings({ actor: admin, organizationId: issuer.id })).toMatchObject({ slaBusinessDays: 10, doubleScorePercent: 20, blockSameDistrict: true });
  });
});
