import { safeHttpUrl } from '@/lib/security/safe-url';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getIssuerProfile } from '@/lib/awards/queries';
import { Card, PageHeader } from '@/components/ui/card';
import { catalogHref } from '@/components/catalog/catalog-card';
import { catalogSearchHref } from '@/lib/catalog/search-links';
import { figure } from '@/lib/plural';
import { dayFmt } from '@/lib/dates';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const issuer = await getIssuerProfile((await params).slug);
  return { title: issuer?.name ?? 'Issuer not found' };
}

export default async function IssuerPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const issuer = await getIssuerProfile(slug);
  if (!issuer) notFound();
  const website = safeHttpUrl(issuer.url);
  const cut = issuer.credentialTotal > issuer.credentials.length;
  return (
    <div>
      <PageHeader title={issuer.name} description={issuer.description} />
      <div className="grid gap-6 md:grid-cols-[1fr_20rem]">
        <section aria-labelledby="offers">
          <h2 id="offers" className="mb-2 text-xl font-semibold">Credentials offered</h2>
          {issuer.credentials.length ? (
            <>
              {cut ? (
                // Said before the list, so nobody reads to its end believing it is everything.
                <p className="mb-2">
                  This list shows the first {figure(issuer.credentials.length)} of {figure(issuer.credentialTotal)}.{' '}
                  <Link href={catalogSearchHref({ issuer: issuer.id })}>See all {figure(issuer.credentialTotal)} from {issuer.name} in the catalogue</Link>
                </p>
              ) : null}
              <ul className="list-disc space-y-1 pl-6">
                {issuer.credentials.map((c) => (
                  <li key={c.id}><Link href={catalogHref(c.kind, c.slug)}>{c.title}</Link>{c.level ? ` (level ${c.level})` : ''}</li>
                ))}
              </ul>
              {cut ? <p className="mt-2"><Link href={catalogSearchHref({ issuer: issuer.id })}>See all {figure(issuer.credentialTotal)} from {issuer.name} in the catalogue</Link></p> : null}
            </>
          ) : <p>Nothing published yet.</p>}
        </section>
        <Card>
          <h2 className="font-semibold">Issuer profile</h2>
          {/* Saved as https only; checked again where it becomes a link, as every stored address is. */}
          {issuer.url ? <p className="mt-1 text-sm">{website ? <a href={website} rel="noopener noreferrer">{issuer.url}</a> : issuer.url}</p> : null}
          {issuer.email ? (
            <p className="mt-2 text-sm" data-issuer-contact>
              Questions? Email {issuer.name} at <a href={`mailto:${issuer.email}`}>{issuer.email}</a>
            </p>
          ) : null}
          <p className="mt-2 text-sm text-slate-700">Credentials from this issuer are signed with these keys (did:key). Retired keys still verify the credentials they signed while in use; a badge dated after its key was retired is not the issuer’s.</p>
          <ul className="mt-2 space-y-2 text-xs">
            {issuer.issuerKeys.map((k) => (
              <li key={k.did}>
                <span className="block break-all font-mono">{k.did}</span>
                <span className="text-slate-700">{k.retiredAt ? `Used ${dayFmt.format(k.createdAt)} to ${dayFmt.format(k.retiredAt)} (retired)` : `In use since ${dayFmt.format(k.createdAt)}`}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm"><a href={`/issuers/${issuer.slug}/profile.json`}>Profile as JSON</a></p>
        </Card>
      </div>
    </div>
  );
}
