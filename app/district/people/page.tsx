import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listDistrictInvitations, listDistrictLeaders, listDistrictSchools, listSchoolLeaders } from '@/lib/district/people';
import { listDistrictRequests } from '@/lib/district/requests';
import { Alert, Card, PageHeader, Pill } from '@/components/ui/card';
import { DistrictPicker } from '@/components/admin/district-picker';
import { smallButtonClass } from '@/components/ui/button';
import { InviteForm, RemoveRoleForm, RoleRemovalNotices } from '@/components/admin/people-forms';
import { invitationsThatStop } from '@/lib/people/invitation-words';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { OPEN_INVITATIONS_HEADING_ID, OpenInvitations } from '@/components/admin/open-invitations';
import { InviteSchoolLeaderForm } from '@/components/school/invite-school-leader-form';
import { BulkRequestsForm } from '@/components/district/bulk-requests-form';
import { decideDistrictRequestAction } from './actions';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'People: district' };
const Query = z.object({
  district: z.string().max(40).optional().catch(undefined),
  request: z.enum(['confirmed', 'declined']).optional().catch(undefined),
  // The open invitations' search and page (named for the list: the page may hold others).
  invq: z.string().trim().max(100).optional().catch(undefined),
  invcursor: z.string().max(300).optional().catch(undefined),
});
/** The form deciding several requests at once; each row's checkbox joins it from inside the list. */
const BULK_FORM = 'decide-requests';

export default async function DistrictPeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/people');
  const query = Query.parse(await searchParams);
  const { district, districts } = await districtForPage(actor, query.district);
  const [schools, leaders, schoolLeaders, invitations, requests] = await Promise.all([
    listDistrictSchools({ actor, districtId: district.id }),
    listDistrictLeaders({ actor, districtId: district.id }),
    listSchoolLeaders({ actor, districtId: district.id }),
    listDistrictInvitations({ actor, districtId: district.id, q: query.invq, cursor: query.invcursor }),
    listDistrictRequests({ actor, districtId: district.id }),
  ]);
  // Several at once only helps with several to decide; one request keeps its own buttons.
  const bulk = requests.items.length > 1;
  const teachersHref = districts.length > 1 ? `/district/teachers?district=${district.id}` : '/district/teachers';
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title="People"
        description={`Invite teachers and leaders to ${district.name}. Teachers who accept are linked to the district (and to their school), so their proposals come to you and their credentials count in your reports.`}
      />
      <section aria-labelledby="requests-h" id="requests" className="mb-8">
        <h2 id="requests-h" className="mb-1 text-lg font-semibold">Requests to join ({requests.total})</h2>
        <p className="mb-3 text-sm text-slate-700">
          Teachers who chose {district.name} when they signed up or from their account. Confirm only people who teach in your district, once they have confirmed their email address: confirmed teachers’ proposals come to you and their badges count in your reports.
        </p>
        {query.request ? (
          <div className="mb-3">
            <Alert tone="success">
              {query.request === 'confirmed' ? 'Confirmed. The teacher is now listed under Teachers and has been told.' : 'Declined. The teacher has been told and can ask your office for an invitation.'}
            </Alert>
          </div>
        ) : null}
        {/* Always on the page, so its answer stays when the decided requests leave the list. */}
        <BulkRequestsForm formId={BULK_FORM} districtId={district.id} schools={schools} showControls={bulk} />
        {requests.items.length === 0 ? <p className="text-sm text-slate-700">No one is waiting.</p> : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {requests.items.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
                <span className="flex items-start gap-2">
                  {bulk ? <input type="checkbox" id={`pick-${r.id}`} name="userIds" value={r.id} form={BULK_FORM} className="mt-0.5 h-5 w-5 shrink-0" /> : null}
                  <span>
                    {bulk ? <label htmlFor={`pick-${r.id}`}><span className="sr-only">Select </span><strong>{r.name}</strong></label> : <strong>{r.name}</strong>}{' '}
                    <span className="text-slate-700">{r.email}</span>{' '}
                    <Pill tone={r.emailConfirmed ? 'success' : 'warning'}>{r.emailConfirmed ? 'Email confirmed' : 'Email not confirmed'}</Pill>
                    <span className="block text-slate-600">
                      Asked {r.requestedAt ? dayFmt.format(r.requestedAt) : ''}{r.currentDistrict ? ` · now in ${r.currentDistrict}` : ''}
                    </span>
                  </span>
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  {r.emailConfirmed ? (
                    <InlineActionForm action={decideDistrictRequestAction} hidden={{ districtId: district.id, userId: r.id, decision: 'confirm' }} removedMessage={`${r.name} is confirmed and now listed under Teachers.`}>
                      <label htmlFor={`school-${r.id}`} className="sr-only">School for {r.name}</label>
                      <select id={`school-${r.id}`} name="schoolId" defaultValue="" className="max-w-full rounded-md border border-slate-500 bg-white px-2 py-1">
                        <option value="">District-wide</option>
                        {schools.map((sc) => <option key={sc.id} value={sc.id}>{sc.name}</option>)}
                      </select>
                      <button type="submit" className={smallButtonClass}>Confirm<span className="sr-only"> {r.name}</span></button>
                    </InlineActionForm>
                  ) : (
                    <span className="text-xs text-slate-700">Can be confirmed once they confirm their email address</span>
                  )}
                  <InlineActionForm action={decideDistrictRequestAction} hidden={{ districtId: district.id, userId: r.id, decision: 'decline' }} removedMessage={`${r.name}’s request was declined.`}>
                    <button type="submit" className={smallButtonClass}>Decline<span className="sr-only"> {r.name}</span></button>
                  </InlineActionForm>
                </span>
              </li>
            ))}
          </ul>
        )}
        {requests.total > requests.items.length ? <p className="mt-2 text-sm text-slate-700">Showing the {requests.items.length} oldest; decide these to see the rest.</p> : null}
      </section>
      <div className="mb-8 grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-semibold">Invite someone</h2>
          <InviteForm organizationId={district.id} roles={['TEACHER', 'DISTRICT_LEADER']} organizations={[{ id: district.id, name: `${district.name} (whole district)` }, ...schools]} />
          <p className="mb-2 text-sm text-slate-700">
            A whole staff at once? <Link href={districts.length > 1 ? `/district/people/invite?district=${district.id}` : '/district/people/invite'}>Invite from a file</Link> (a CSV of email addresses, with each teacher’s school).
          </p>
          <p className="text-sm text-slate-700">
            To move a teacher to another school or unlink someone who has left, open them under <Link href={teachersHref}>Teachers</Link>.
          </p>
        </Card>
        <Card>
          <h2 id={OPEN_INVITATIONS_HEADING_ID} className="mb-2 font-semibold">Open invitations</h2>
          <OpenInvitations
            invitations={invitations.items.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, organizationName: i.organization.name, invitedByName: i.invitedByName, emailStatus: i.emailStatus }))}
            total={invitations.total}
            before={invitations.before}
            q={query.invq}
            nextCursor={invitations.nextCursor}
            links={{ basePath: '/district/people', keep: { district: districts.length > 1 ? district.id : undefined }, qParam: 'invq', cursorParam: 'invcursor' }}
          />
        </Card>
      </div>
      <section aria-labelledby="leaders">
        <h2 id="leaders" className="mb-2 text-lg font-semibold">District leaders</h2>
        <p className="mb-3 text-sm text-slate-700">Leaders decide proposals, see every teacher’s progress and run the district’s reports.</p>
        <RoleRemovalNotices>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {leaders.map((l) => (
              <li key={l.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span><strong>{l.name}</strong> <span className="text-slate-700">{l.email}</span> <span className="text-slate-600">· since {dayFmt.format(l.since)}</span></span>
                {l.id === actor.id ? <span className="text-slate-600">You</span> : (
                  <ConfirmDisclosure summary={<>Remove leader role<span className="sr-only"> from {l.name}</span></>}>
                    <p>{l.name} will no longer see this district’s teachers, proposals or reports. {invitationsThatStop('DISTRICT')}</p>
                    <RemoveRoleForm hidden={{ organizationId: district.id, userId: l.id, role: 'DISTRICT_LEADER', op: 'remove' }} removedMessage={`${l.name} is no longer a district leader.`}>
                      <button type="submit" className={smallButtonClass}>Yes, remove the role</button>
                    </RemoveRoleForm>
                  </ConfirmDisclosure>
                )}
              </li>
            ))}
          </ul>
        </RoleRemovalNotices>
      </section>
      <section aria-labelledby="school-leaders-h" id="school-leaders" className="mt-8">
        <h2 id="school-leaders-h" className="mb-2 text-lg font-semibold">School leaders</h2>
        <p className="mb-3 max-w-prose text-sm text-slate-700">
          Principals follow their own school’s professional learning: its teachers’ progress, PD hours, reports and your recommendations for it. They cannot decide proposals, move teachers or change anything, and they never see evidence or reviews. Someone can teach and lead a school at once.
        </p>
        {schools.length ? (
          <Card className="mb-4">
            <h3 className="mb-2 font-semibold">Invite a school leader</h3>
            <InviteSchoolLeaderForm schools={schools} />
          </Card>
        ) : (
          <p className="mb-3 text-sm text-slate-700">Add your schools under <Link href={districts.length > 1 ? `/district/schools?district=${district.id}` : '/district/schools'}>Schools</Link> first.</p>
        )}
        {/* Around the list, not inside it: removing the last school leader empties it, and the notice stays. */}
        <RoleRemovalNotices>
          {schoolLeaders.items.length === 0 ? <p className="text-sm text-slate-700">No school has a leader here yet.</p> : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {schoolLeaders.items.map((l) => (
                <li key={`${l.school.id}:${l.id}`} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <span><strong>{l.name}</strong> <span className="text-slate-700">{l.email}</span> <span className="text-slate-600">· {l.school.name} · since {dayFmt.format(l.since)}</span></span>
                  <ConfirmDisclosure summary={<>Remove school leader role<span className="sr-only"> from {l.name} at {l.school.name}</span></>}>
                    <p>{l.name} will no longer see {l.school.name}’s teachers or reports.</p>
                    <RemoveRoleForm hidden={{ organizationId: l.school.id, userId: l.id, role: 'SCHOOL_LEADER', op: 'remove' }} removedMessage={`${l.name} no longer leads ${l.school.name}.`}>
                      <button type="submit" className={smallButtonClass}>Yes, remove the role</button>
                    </RemoveRoleForm>
                  </ConfirmDisclosure>
                </li>
              ))}
            </ul>
          )}
        </RoleRemovalNotices>
        {schoolLeaders.total > schoolLeaders.items.length ? (
          <p className="mt-2 text-sm text-slate-700">
            Showing the first {schoolLeaders.items.length} of {schoolLeaders.total} school leaders, A to Z by school.
          </p>
        ) : null}
      </section>
    </div>
  );
}
