import { describe, expect, it } from 'vitest';
import { describeRole } from '@/components/account/role-lines';

const district = { role: 'TEACHER' as const, organizationId: 'd1', organizationName: 'Kettle Moraine School District' };

describe('"Your roles" on the account page', () => {
  it('names a teacher’s school, with its district, where they have one', () => {
    expect(describeRole(district, { districtId: 'd1', schoolName: 'Oakridge Elementary' })).toBe('Teacher at Oakridge Elementary (Kettle Moraine School District)');
  });

  it('names the district where the teacher has no school (or the role is elsewhere)', () => {
    expect(describeRole(district, { districtId: 'd1', schoolName: null })).toBe('Teacher at Kettle Moraine School District');
    expect(describeRole(district, { districtId: 'd2', schoolName: 'Another School' })).toBe('Teacher at Kettle Moraine School District');
  });

  it('uses the roles’ labels, not their internal names', () => {
    const place = { districtId: null, schoolName: null };
    expect(describeRole({ role: 'ISSUER_ADMIN', organizationId: 'i', organizationName: 'Quillfeather' }, place)).toBe('Issuer admin for Quillfeather');
    expect(describeRole({ role: 'REVIEWER', organizationId: 'i', organizationName: 'Quillfeather' }, place)).toBe('Reviewer for Quillfeather');
    expect(describeRole({ role: 'DISTRICT_LEADER', organizationId: 'd', organizationName: 'Kettle Moraine School District' }, place)).toBe('District leader of Kettle Moraine School District');
    expect(describeRole({ role: 'SCHOOL_LEADER', organizationId: 's', organizationName: 'Oakridge Elementary' }, place)).toBe('School leader at Oakridge Elementary');
  });
});
