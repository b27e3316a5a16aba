// What the People pages and the remove-role action say about the invitations a removed leader or
// admin sent (lib/people/invitation-words.ts): which stop working, and how many did.
import { describe, expect, it } from 'vitest';
import { invitationsStopped, invitationsThatStop } from '@/lib/people/invitation-words';

describe('invitationsStopped', () => {
  it('counts them by the role they were to, and in a district says teacher invitations still work', () => {
    expect(invitationsStopped({ DISTRICT_LEADER: 1 }, 'DISTRICT')).toBe('1 invitation they sent stopped working: 1 to be a district leader. Any they sent to teachers still work.');
    expect(invitationsStopped({ SCHOOL_LEADER: 2, DISTRICT_LEADER: 1 }, 'DISTRICT')).toBe('3 invitations they sent stopped working: 1 to be a district leader and 2 to be a school leader. Any they sent to teachers still work.');
    expect(invitationsStopped({ REVIEWER: 3, ISSUER_ADMIN: 1 }, 'ISSUER')).toBe('4 invitations they sent stopped working: 1 to be an issuer admin and 3 to be a reviewer.');
  });
  it('says nothing when none was open', () => {
    expect(invitationsStopped({}, 'DISTRICT')).toBeNull();
    expect(invitationsStopped({ REVIEWER: 0 }, 'ISSUER')).toBeNull();
  });
});

describe('invitationsThatStop', () => {
  it('names the invitations that stop working, and in a district those that do not', () => {
    expect(invitationsThatStop('DISTRICT')).toBe('Invitations they sent to be a district leader or a school leader here that are still open stop working; any they sent to teachers keep working.');
    expect(invitationsThatStop('ISSUER')).toBe('Invitations they sent to be an issuer admin or a reviewer here that are still open stop working.');
  });
});
