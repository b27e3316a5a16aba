import { z } from 'zod';
import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers } from '@/lib/authoring/queries';
import { getIssuerSettings } from '@/lib/organizations/issuer-settings';
import { Card, PageHeader } from '@/components/ui/card';
import { IssuerPicker } from '@/components/admin/issuer-picker';
import { IssuerProfileForm, IssuerReviewSettingsForm } from '@/components/admin/issuer-settings-forms';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { listSigningKeys } from '@/lib/awards/keys';
import { formatDateTime } from '@/lib/time-format';
import { rotateSigningKeyAction } from './actions';

export const metadata = { title: 'Organisation settings' };
const Query = z.object({ org: z.string().max(40).optional().catch(undefined) });

export default async function IssuerSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/settings');
  const query = Query.parse(await searchParams);
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="Organisation settings" />;
  }
  const org = issuers.find((i) => i.id === query.org) ?? issuers[0];
  const [settings, keys] = await Promise.all([getIssuerSettings({ actor, organizationId: org.id }), listSigningKeys({ actor, issuerId: org.id })]);
  const current = keys.find((k) => !k.retiredAt) ?? null;
  const earlier = keys.filter((k) => k.retiredAt);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={`Settings for ${settings.name}`}
        description="Your public profile, and the checks that keep your scoring fair. Every change is recorded in the audit log."
      />
      <IssuerPicker issuers={issuers} current={org.id} />
      <div className="space-y-6">
        <Card>
          <h2 id="profile-heading" className="mb-1 text-lg font-semibold">Public profile</h2>
          <p className="mb-4 text-sm text-slate-700">
            Shown on <Link href={`/issuers/${settings.slug}`}>your page</Link>, in the catalogue and in the issuer profile of badges issued from now on.
            Badges already issued keep the details they were signed with. Your address, <code>/issuers/{settings.slug}</code>, does not change.
          </p>
          <IssuerProfileForm key={`p-${settings.id}`} issuer={settings} />
        </Card>
        <Card>
          <h2 id="review-heading" className="mb-1 text-lg font-semibold">Review</h2>
          <p className="mb-4 text-sm text-slate-700">These apply as soon as you save, also to reviews under way: a claim’s length from its next save, the fairness checks when a review is submitted, blind review on every page a reviewer opens.</p>
          <IssuerReviewSettingsForm key={`r-${settings.id}`} settings={settings} />
        </Card>
        <Card>
          <h2 id="key-heading" className="mb-1 text-lg font-semibold">Signing key</h2>
          <p className="mb-4 text-sm text-slate-700">
            Every badge you issue is signed with your organisation’s key, so anyone can check that it came from you and has not been changed.
            Replace the key if you think it may have been exposed, or as a routine precaution. Badges issued before keep verifying, and{' '}
            <Link href={`/issuers/${settings.slug}`}>your public page</Link> lists every key you have used.
          </p>
          {current ? (
            <dl className="mb-4 space-y-1 text-sm">
              <dt className="font-semibold">Current key</dt>
              <dd className="break-all font-mono text-xs">{current.did}</dd>
              <dd className="text-slate-700">In use since {formatDateTime(current.createdAt, actor.timeZone)}</dd>
            </dl>
          ) : (
            <p className="mb-4 text-sm">No key yet: one is made when your first badge is issued.</p>
          )}
          {earlier.length ? (
            <details className="mb-4 text-sm">
              <summary className="cursor-pointer font-semibold">Earlier keys ({earlier.length})</summary>
              <ul className="mt-2 space-y-2">
                {earlier.map((k) => (
                  <li key={k.id}>
                    <span className="block break-all font-mono text-xs">{k.did}</span>
                    <span className="text-slate-700">Used {formatDateTime(k.createdAt, actor.timeZone)} to {formatDateTime(k.retiredAt!, actor.timeZone)}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {current ? (
            <ConfirmDisclosure summary="Replace the signing key…">
              <p>A new key signs every badge issued from now on. The current key is retired: it signs nothing more, and the badges it signed keep verifying.</p>
              <InlineActionForm key={current.id} action={rotateSigningKeyAction} hidden={{ organizationId: settings.id, seenKeyId: current.id }} className="w-full">
                <label htmlFor="key-reason" className="block w-full font-semibold">Why (kept in the audit log)</label>
                <textarea id="key-reason" name="reason" required maxLength={500} rows={2} className="w-full rounded border border-slate-400 px-2 py-1" />
                <button type="submit" className="rounded bg-red-700 px-2 py-1 font-semibold text-white hover:bg-red-800">Yes, replace the key</button>
              </InlineActionForm>
            </ConfirmDisclosure>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
