import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { listOrgMembers, listPendingInvitations } from '@/lib/people/queries';
import { assignableRoles } from '@/lib/people/policy';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { Card, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { ButtonLink, smallButtonClass } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { IssuerPicker } from '@/components/admin/issuer-picker';
import { InviteForm, RemoveRoleForm, RoleRemovalNotices } from '@/components/admin/people-forms';
import { invitationsThatStop } from '@/lib/people/invitation-words';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { OPEN_INVITATIONS_HEADING_ID, OpenInvitations } from '@/components/admin/open-invitations';
import { changeRoleAction, qualificationAction } from './actions';
import { PeopleSearch } from '@/components/ui/people-search';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'People: issuer administration' };
const Query = z.object({
  org: z.string().max(40).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
  // The open invitations' own search and page (q and cursor are the members list's).
  invq: z.string().trim().max(100).optional().catch(undefined),
  invcursor: z.string().max(300).optional().catch(undefined),
});

type Member = Awaited<ReturnType<typeof listOrgMembers>>['items'][number];
type Standing = { id: string; title: string; granted: boolean; badge: boolean; calibratedAt: Date | null };

/**
 * How a member stands for each of the issuer's credentials they have anything for: an admin's grant
 * (a qualification row with a granter), a valid badge (which qualifies a reviewer too, so only for
 * those who review here), and their calibration. A row without a granter is one made when a badge
 * holder calibrated: it qualifies nobody on its own once the badge is revoked or suspended.
 */
function standingOf(u: Member, canReview: boolean): Standing[] {
  const titleOf = (mc: Member['awards'][number]['microCredential']) => mc?.versions[0]?.title ?? mc?.slug ?? '';
  const badges = new Set(canReview ? u.awards.flatMap((a) => (a.microCredential ? [a.microCredential.id] : [])) : []);
  const out: Standing[] = u.qualifications.map((q) => ({ id: q.microCredential.id, title: titleOf(q.microCredential), granted: Boolean(q.grantedById), badge: badges.has(q.microCredential.id), calibratedAt: q.calibratedAt }));
  const listed = new Set(out.map((s) => s.id));
  for (const a of canReview ? u.awards : []) {
    if (a.microCredential && !listed.has(a.microCredential.id)) out.push({ id: a.microCredential.id, title: titleOf(a.microCredential), granted: false, badge: true, calibratedAt: null });
  }
  return out;
}

function standingText(s: Standing) {
  if (s.granted) return s.badge ? 'Granted by an admin; also holds the badge' : 'Granted by an admin';
  return s.badge ? 'Qualified by holding the badge' : 'Not qualified: no grant and no valid badge';
}

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/people');
  const query = Query.parse(await searchParams);
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="People" />;
  }
  const org = issuers.find((i) => i.id === query.org) ?? issuers[0];
  const [{ items, nextCursor }, invitations, credentials] = await Promise.all([
    listOrgMembers({ actor, organizationId: org.id, q: query.q, cursor: query.cursor }),
    listPendingInvitations({ actor, organizationId: org.id, q: query.invq, cursor: query.invcursor }),
    listIssuerCredentialOptions(actor, [org.id]),
  ]);
  const roles = assignableRoles('ISSUER') as ('REVIEWER' | 'ISSUER_ADMIN')[];
  return (
    <div>
      <PageHeader
        title="People"
        description={`Reviewers and administrators of ${org.name}. Qualify reviewers for the credentials they may score.`}
        actions={<ButtonLink href="/admin/people/enrol" variant="secondary">Enrol teachers from CSV</ButtonLink>}
      />
      <IssuerPicker issuers={issuers} current={org.id} />
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-semibold">Invite someone</h2>
          <InviteForm organizationId={org.id} roles={roles} />
        </Card>
        <Card>
          <h2 id={OPEN_INVITATIONS_HEADING_ID} className="mb-2 font-semibold">Open invitations</h2>
          <OpenInvitations
            invitations={invitations.items}
            total={invitations.total}
            before={invitations.before}
            q={query.invq}
            nextCursor={invitations.nextCursor}
            links={{ basePath: '/admin/people', keep: { org: issuers.length > 1 ? org.id : undefined, q: query.q, cursor: query.cursor }, qParam: 'invq', cursorParam: 'invcursor' }}
          />
        </Card>
      </div>
      {/* Searching or paging the members keeps the open invitations' own search and page. */}
      <PeopleSearch label="Search people" q={query.q} keep={{ org: org.id, invq: query.invq, invcursor: query.invcursor }} />
      {/* Around the list, not inside it: a removal can empty it, and the notice stays. */}
      <RoleRemovalNotices>
        {items.length === 0 ? <EmptyState title={query.q ? 'Nobody matches that search' : 'No members yet'} /> : (
          <TableScroll label={`Members of ${org.name}`}>
            <table className="w-full text-sm">
              <caption className="sr-only">Members of {org.name}</caption>
              <thead className="bg-slate-50 text-left"><tr><th scope="col" className="p-3">Person</th><th scope="col" className="p-3">Roles</th><th scope="col" className="p-3">Qualified to review</th></tr></thead>
              <tbody>
                {items.map((u) => {
                  const has = new Set(u.memberships.map((m) => m.role));
                  const missing = roles.filter((r) => !has.has(r));
                  const canReview = has.has('REVIEWER') || has.has('ISSUER_ADMIN');
                  const standing = standingOf(u, canReview);
                  // "Qualify" grants: offered for every credential not granted yet, the badge's too.
                  const granted = new Set(standing.filter((s) => s.granted).map((s) => s.id));
                  return (
                    <tr key={u.id} className="border-t border-slate-100 align-top">
                      <td className="p-3">
                        <strong>{u.name}</strong>
                        <span className="block text-slate-700">{u.email}</span>
                        {u.disabledAt ? <Pill tone="danger">Disabled</Pill> : null}
                      </td>
                      <td className="p-3">
                        <ul className="space-y-1">
                          {u.memberships.map((m) => (
                            <li key={m.role} className="flex items-center gap-2">
                              <Pill tone="info">{ROLE_LABELS[m.role]}</Pill>
                              <ConfirmDisclosure summary={<>Remove<span className="sr-only"> {ROLE_LABELS[m.role]} role from {u.name}</span></>}>
                                <p>
                                  Remove the {ROLE_LABELS[m.role].toLowerCase()} role from {u.name}?
                                  {m.role === 'REVIEWER' ? ' Their qualifications for this issuer’s credentials, and their calibration, go too.' : ''}
                                  {m.role === 'ISSUER_ADMIN' ? ` ${invitationsThatStop('ISSUER')}` : ''}
                                </p>
                                <RemoveRoleForm hidden={{ organizationId: org.id, userId: u.id, role: m.role, op: 'remove' }} removedMessage={`The ${ROLE_LABELS[m.role].toLowerCase()} role was removed from ${u.name}.`}>
                                  <button type="submit" className={smallButtonClass}>Yes, remove the role</button>
                                </RemoveRoleForm>
                              </ConfirmDisclosure>
                            </li>
                          ))}
                        </ul>
                        {missing.length ? (
                          <InlineActionForm action={changeRoleAction} hidden={{ organizationId: org.id, userId: u.id, op: 'add' }} className="mt-2">
                            <label className="sr-only" htmlFor={`role-${u.id}`}>Role to add for {u.name}</label>
                            <select id={`role-${u.id}`} name="role" className="min-h-6 rounded border border-slate-500 px-1 py-0.5 text-xs">{missing.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}</select>
                            <button type="submit" className={smallButtonClass}>Add role<span className="sr-only"> for {u.name}</span></button>
                          </InlineActionForm>
                        ) : null}
                      </td>
                      <td className="p-3">
                        {standing.length ? (
                          <ul className="space-y-1">
                            {standing.map((q) => (
                              <li key={q.id} className="flex flex-wrap items-center gap-2">
                                {q.title}
                                <Pill tone={q.granted || q.badge ? 'info' : 'danger'}>{standingText(q)}</Pill>
                                {q.calibratedAt ? <Pill tone="success">Calibrated</Pill> : <Pill tone="warning">Not calibrated</Pill>}
                                {q.granted ? (
                                  <ConfirmDisclosure summary={<>Remove<span className="sr-only"> {u.name}’s qualification for {q.title}</span></>}>
                                    <p>
                                      {q.badge
                                        ? `Remove the grant of this credential to ${u.name}? They hold its badge, so they stay qualified to review it${q.calibratedAt ? ' and keep their calibration' : ''}.`
                                        : `Remove ${u.name}’s qualification for this credential? ${q.calibratedAt ? 'Their calibration goes too: they would calibrate again before reviewing it.' : ''}`}
                                    </p>
                                    <InlineActionForm
                                      action={qualificationAction}
                                      hidden={{ userId: u.id, microCredentialId: q.id, op: 'remove' }}
                                      removedMessage={q.badge ? `The grant to ${u.name} for ${q.title} was removed. They stay qualified by holding the badge.` : `${u.name} is no longer qualified for ${q.title}.`}
                                    >
                                      <button type="submit" className={smallButtonClass}>{q.badge ? 'Yes, remove the grant' : 'Yes, remove it'}</button>
                                    </InlineActionForm>
                                  </ConfirmDisclosure>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : <p className="text-slate-600">{canReview ? 'Not qualified for any credential yet.' : 'Not a reviewer.'}</p>}
                        {canReview && credentials.some((c) => !granted.has(c.id)) ? (
                          <InlineActionForm action={qualificationAction} hidden={{ userId: u.id, op: 'add' }} className="mt-2">
                            <label className="sr-only" htmlFor={`q-${u.id}`}>Credential to qualify {u.name} for</label>
                            <select id={`q-${u.id}`} name="microCredentialId" className="min-h-6 max-w-full rounded border border-slate-500 px-1 py-0.5 text-xs">
                              {credentials.filter((c) => !granted.has(c.id)).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
                            </select>
                            <button type="submit" className={smallButtonClass}>Qualify<span className="sr-only"> {u.name}</span></button>
                          </InlineActionForm>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </RoleRemovalNotices>
      <Pagination basePath="/admin/people" params={{ org: issuers.length > 1 ? org.id : undefined, q: query.q, invq: query.invq, invcursor: query.invcursor }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
