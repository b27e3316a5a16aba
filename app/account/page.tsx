import { requireUser } from '@/lib/auth/session';
import { getAccount } from '@/lib/auth/profile';
import { Card, PageHeader } from '@/components/ui/card';
import { ProfileForm } from './profile-form';
import { NewPasswordForm } from '@/components/account/new-password-form';
import { changePasswordAction } from './actions';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requireUser('/account');
  const account = (await getAccount(actor.id))!;
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title="Your account" description={`Signed in as ${account.email}.`} />
      <Card>
        <ProfileForm account={account} />
      </Card>
      <Card className="mt-6">
        <h2 className="mb-1 font-semibold">Password</h2>
        {account.hasPassword ? (
          <>
            <p className="mb-4 text-sm text-slate-700">Changing it signs you out everywhere, here too; sign in again with the new one.</p>
            <NewPasswordForm action={changePasswordAction} askCurrent submitLabel="Change password" pendingLabel="Changing…" />
          </>
        ) : (
          <p className="text-sm text-slate-700">You sign in with your school account, so there is no password here. To add one, sign out and use “Forgot your password?” on the sign-in page.</p>
        )}
      </Card>
      <Card className="mt-6">
        <h2 className="font-semibold">Your district and school</h2>
        <p className="mt-1 text-sm">
          {account.districtName ? <>District: <strong>{account.districtName}</strong></> : 'Not linked to a district.'}
          {account.schoolName ? <> · School: <strong>{account.schoolName}</strong></> : null}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          Your district sees your progress, decides your proposals and counts your badges toward its salary steps. To join or change a district or school, ask its district leader for an invitation.
        </p>
      </Card>
      {actor.roles.length ? (
        <Card className="mt-6">
          <h2 className="font-semibold">Your roles</h2>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {actor.roles.map((r) => (
              <li key={`${r.role}-${r.organizationId}`}>{r.role.replace('_', ' ').toLowerCase()} at {r.organizationName}</li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
