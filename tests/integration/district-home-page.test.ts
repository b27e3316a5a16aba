// The district overview (/district): its figures are worded for whoever reads them (a platform
// admin opening a district does not lead it), count the school year as /school does, and each
// linked figure is named by its label, not by its number alone.
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg } from '../factories';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: DistrictHomePage } = await import('@/app/district/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);

describe('the district overview', () => {
  it('says whose proposals wait, names the school year, and names each linked figure by its label', async () => {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const platformAdmin = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: (await createOrg({ kind: 'PLATFORM' })).id }] });
    const year = schoolYearOf(resolvePeriod({}).from).label;

    session.actor = leader;
    const mine = await render(DistrictHomePage({ searchParams: Promise.resolve({}) }));
    expect(mine).toContain('Proposals waiting for you');
    expect(mine).toContain(`Credentials earned in ${year}`);
    expect(mine).toContain(`PD hours in ${year}`);
    expect(mine).not.toMatch(/since \d{4}-\d{2}-\d{2}/);
    expect(mine).toMatch(/<a(?=[^>]*href="\/district\/teachers")(?=[^>]*aria-label="Teachers: 0")[^>]*>0<\/a>/);
    expect(mine).toContain('Enrolments, including completed');

    session.actor = platformAdmin;
    const theirs = await render(DistrictHomePage({ searchParams: Promise.resolve({ district: district.id }) }));
    expect(theirs).toContain('Proposals waiting for the district');
    expect(theirs).not.toContain('waiting for you');
  });
});
