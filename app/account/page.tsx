import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { getAccount, getOwnTeachingLicence } from '@/lib/auth/profile';
import { Card, PageHeader } from '@/components/ui/card';
import { EmailForm, ProfileForm } from './profile-form';
import { NewPasswordForm } from '@/components/account/new-password-form';
import { cancelDistrictRequestAction, changePasswordAction, deleteAccountAction, leaveDistrictAction, requestDistrictAction, setPortfolioHeadlineAction, setSchoolOnPortfolioAction, setSharesWithColleaguesAction, setTeachingAction, setTeachingLicenceAction, setTimeZoneAction, signOutEverywhereAction } from './actions';
import { SignOutEverywhereForm } from './sign-out-everywhere-form';
import { DeleteAccountForm } from '@/components/account/delete-account-form';
import { REVIEWED_BEFORE } from '@/lib/auth/delete-account';
import { DistrictCard } from '@/components/account/district-card';
import { getDistrictTerms } from '@/lib/district/salary-approval';
import { getCatalogFacets, listDistricts } from '@/lib/catalog/queries';
import { describeRole } from '@/components/account/role-lines';
import { TimeZoneForm } from '@/components/account/time-zone-form';
import { groupedTimeZones } from '@/lib/time-zone';
import { getPortfolioPreview } from '@/lib/awards/queries';
import { PortfolioPreview } from '@/components/awards/portfolio-preview';
import { PortfolioSchoolForm } from '@/components/account/portfolio-school-form';
import { TeachingLicenceForm } from '@/components/account/teaching-licence-form';
import { dayLabel } from '@/lib/dates';
import { figure } from '@/lib/plural';
import { getOwnTeaching } from '@/lib/teaching/queries';
import { subjectsToTick, teachingChoices } from '@/lib/teaching/policy';
import { TeachingForm } from './teaching-form';
import { PortfolioHeadlineForm } from './portfolio-headline-form';
import { ColleaguesForm } from '@/components/account/colleagues-form';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requireUser('/account');
  const [account, districts, portfolio, terms, licence, teaching, facets] = await Promise.all([
    getAccount(actor.id).then((a) => a!), listDistricts(), getPortfolioPreview(actor.id).then((p) => p!), getDistrictTerms(actor), getOwnTeachingLicence(actor),
    getOwnTeaching(actor), getCatalogFacets(),
  ]);
  // Only a teacher deletes their own account; other roles are closed by an administrator.
  const canDelete = actor.roles.every((r) => r.role === 'TEACHER');
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title="Your account" description={`Signed in as ${account.email}.`} />
      {/* Each card saves on its own: the list shows what is on this long page and takes you to it. */}
      <nav aria-label="On this page" className="mb-6 text-sm">
        <h2 className="font-semibold">On this page</h2>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {[
            ['#email-section', 'Email address'],
            ['#profile-section', 'Name, public portfolio and emails'],
            ['#teaching', 'What I teach'],
            ['#portfolio', 'What visitors see'],
            ['#colleagues', 'Colleagues'],
            ['#licence', 'Teaching licence'],
            ['#time-zone-section', 'Time zone'],
            ['#password-section', 'Password and devices'],
            ['#district', 'District and school'],
            ...(canDelete ? [['#delete-section', 'Delete your account']] : []),
          ].map(([href, label]) => (
            <li key={href}><a href={href}>{label}</a></li>
          ))}
        </ul>
      </nav>
      <Card id="email-section">
        <EmailForm email={account.email} confirmed={account.emailConfirmed} fixedByRole={actor.roles.some((r) => r.role !== 'TEACHER')} />
      </Card>
      <Card id="profile-section" className="mt-6">
        <ProfileForm account={account} />
      </Card>
      <Card className="mt-6">
        {/* The dashboard and the catalogue link here (#teaching) to say what the teacher teaches. */}
        <TeachingForm
          action={setTeachingAction}
          subjects={teachingChoices(subjectsToTick(facets.subjects), teaching.subjects)}
          gradeBands={teachingChoices(facets.gradeBands, teaching.gradeBands)}
          saved={teaching}
        />
      </Card>
      <Card className="mt-6">
        {/* My badges links here (#portfolio). */}
        <h2 id="portfolio" className="mb-1 font-semibold">What visitors see on your portfolio</h2>
        <PortfolioPreview preview={portfolio} linkPortfolio />
        <PortfolioSchoolForm action={setSchoolOnPortfolioAction} showsSchool={portfolio.showsSchool} schoolName={portfolio.schoolName} />
        <PortfolioHeadlineForm action={setPortfolioHeadlineAction} headline={portfolio.header.headline ?? ''} />
        <p className="mt-4 text-sm text-slate-700">To leave a single badge off your portfolio, use <Link href="/badges">My badges</Link>.</p>
      </Card>
      <Card className="mt-6">
        {/* The colleagues page links here (#colleagues). */}
        <h2 id="colleagues" className="mb-1 font-semibold">Colleagues at your school</h2>
        <ColleaguesForm action={setSharesWithColleaguesAction} shares={account.sharesWithColleagues} schoolName={account.schoolName} />
      </Card>
      <Card className="mt-6">
        {/* My badges links here (#licence) to add the renewal date. */}
        <TeachingLicenceForm
          action={setTeachingLicenceAction}
          renewsOn={licence.renewsOn ? dayLabel(licence.renewsOn) : ''}
          number={licence.number ?? ''}
          toward={licence.districtHours ? `${licence.districtHours.districtName} asks for ${figure(licence.districtHours.hours)} PD hours for each licence renewal: with your renewal date here, My badges shows how many you have toward it.` : null}
        />
      </Card>
      <Card id="time-zone-section" className="mt-6">
        <TimeZoneForm action={setTimeZoneAction} current={actor.timeZone ?? null} groups={groupedTimeZones()} />
      </Card>
      <Card id="password-section" className="mt-6">
        <h2 className="mb-1 font-semibold">Password</h2>
        {account.hasPassword ? (
          <>
            <p className="mb-4 text-sm text-slate-700">Changing it signs you out everywhere, here too; sign in again with the new one.</p>
            <NewPasswordForm action={changePasswordAction} askCurrent username={account.email} submitLabel="Change password" pendingLabel="Changing…" />
          </>
        ) : (
          <p className="text-sm text-slate-700">You sign in with your school account, so there is no password here. To add one, sign out and use “Forgot your password?” on the sign-in page.</p>
        )}
      </Card>
      <Card className="mt-6">
        <SignOutEverywhereForm action={signOutEverywhereAction} hasPassword={account.hasPassword} />
      </Card>
      <Card className="mt-6">
        {/* The colleagues page links here (#district): a teacher's school comes with their district. */}
        <div id="district" className="scroll-mt-4">
          <DistrictCard
            districtName={account.districtName}
            terms={terms}
            schoolName={account.schoolName}
            request={account.districtRequest}
            districts={districts}
            requestAction={requestDistrictAction}
            cancelAction={cancelDistrictRequestAction}
            leaveAction={leaveDistrictAction}
          />
        </div>
      </Card>
      {canDelete ? (
        <Card id="delete-section" className="mt-6">
          {account.hasReviewed ? (
            <>
              <h2 className="mb-1 font-semibold">Delete your account</h2>
              <p className="text-sm text-slate-700">{REVIEWED_BEFORE}</p>
            </>
          ) : (
            <DeleteAccountForm action={deleteAccountAction} hasPassword={account.hasPassword} email={account.email} />
          )}
        </Card>
      ) : null}
      {actor.roles.length ? (
        <Card className="mt-6">
          <h2 className="font-semibold">Your roles</h2>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {actor.roles.map((r) => (
              <li key={`${r.role}-${r.organizationId}`}>{describeRole(r, { districtId: actor.districtId, schoolName: account.schoolName })}</li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
