// The bulk-enrol form says that people who already have an account are enrolled but not asked to
// join a district (importBulkEnrol files a request only for accounts it creates): before importing,
// on each such row, and in the outcome. Rendered as the server sends it, with the action's result
// set by hand.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOf } from '../setup/html';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined, replace: () => undefined }), usePathname: () => '/' }));
vi.mock('@/app/admin/people/actions', () => ({ bulkEnrolAction: vi.fn(), inviteAction: vi.fn(), resendInvitationAction: vi.fn() }));

const { BulkEnrolForm } = await import('@/components/admin/people-forms');

beforeEach(() => {
  actionState = { ok: true };
});

const props = { issuers: [{ id: 'i1', name: 'Issuer' }], targets: [{ value: 'mc:1', label: 'Exit tickets', issuerId: 'i1' }] };
const text = () => textOf(renderToStaticMarkup(createElement(BulkEnrolForm, props)));
const maple = { id: 'd1', name: 'Maple Valley' };
const row = (line: number, email: string, existingUser: boolean, joinRequest: string) => ({ line, email, name: email, errors: [], schoolText: '', districtText: 'Maple Valley', district: maple, alreadyEnrolled: false, existingUser, joinRequest });

describe('existing accounts in a bulk enrolment', () => {
  it('the preview says they will not be asked, row by row and in all', () => {
    actionState = { ok: true, data: { step: 'preview', title: 'Exit tickets', csv: 'x', errorCount: 0, fileError: null, rows: [row(2, 'new@school.org', false, 'ask'), row(3, 'old@school.org', true, 'not_asked'), row(4, 'older@school.org', true, 'not_asked')] } };
    const out = text();
    expect(out).toContain('1 new account will ask to join Maple Valley.');
    expect(out).toContain('Existing accounts are not asked to join a district 2 people with existing accounts will be enrolled but not asked to join a district: the import asks only for the accounts it creates. They can ask to join from their account page.');
    expect(out.match(/Existing account: not asked to join Maple Valley\. They can ask from their account page\./g)).toHaveLength(2);
  });

  it('the outcome says how many were enrolled without being asked', () => {
    actionState = { ok: true, data: { step: 'done', rows: 4, created: 1, enrolled: 4, requested: 1, notAsked: 3, title: 'Exit tickets' } };
    expect(text()).toContain('3 existing accounts were enrolled; they were not asked to join a district: each person can ask from their account page.');
    actionState = { ok: true, data: { step: 'done', rows: 1, created: 1, enrolled: 1, requested: 1, notAsked: 0, title: 'Exit tickets' } };
    expect(text()).not.toMatch(/existing accounts? (was|were) enrolled/);
  });
});
