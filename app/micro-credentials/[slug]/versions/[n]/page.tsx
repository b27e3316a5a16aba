import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getMicroCredentialVersionPage } from '@/lib/catalog/queries';
import { Alert } from '@/components/ui/card';
import { CredentialDescription } from '@/components/credential/credential-description';
import { AtAGlance, VersionHeader } from '@/components/credential/version-header';
import { levelInWords } from '@/components/credentials/level-words';

// One version of a micro-credential exactly as it was published: what a badge earned on it was
// reviewed against (the badge page links here, and badges signed since this page exists name it as
// their achievement). Read-only, with no client component: a verifier needs nothing but the text.
// Anonymous visitors get it from the page cache (lib/http/page-cache.ts, ADR 006), which every
// publish clears, so a version that is superseded says so at once.

type Props = { params: Promise<{ slug: string; n: string }> };

const fmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, n } = await params;
  const page = await getMicroCredentialVersionPage(slug, n);
  if (!page) return { title: 'Not found' };
  return {
    title: `${page.version.title} (version ${page.version.version})`,
    description: page.version.summary,
    // An earlier version is for checking a badge against; search engines should send people to the current one.
    ...(page.current ? { alternates: { canonical: `/micro-credentials/${page.slug}` } } : { robots: { index: false } }),
  };
}

export default async function MicroCredentialVersionPage({ params }: Props) {
  const { slug, n } = await params;
  const page = await getMicroCredentialVersionPage(slug, n);
  if (!page) notFound();
  const v = page.version;
  const level = levelInWords(page.level, 'teacher');
  const currentHref = `/micro-credentials/${page.slug}`;

  return (
    <article>
      <VersionHeader
        version={v}
        badgeLevel={page.level}
        level={level}
        issuedBy={<>Issued by <Link href={`/issuers/${page.issuer.slug}`}>{page.issuer.name}</Link> · Version {v.version}{v.publishedAt ? `, published ${fmt.format(v.publishedAt)}` : ''}</>}
      />

      <div className="mb-8 max-w-3xl">
        {page.current ? (
          <Alert tone="info" title={`Version ${v.version} is the current version`}>
            {page.status === 'RETIRED' ? 'The issuer has retired this micro-credential: it takes no new enrolments, and badges earned with it stay valid. ' : null}
            <Link href={currentHref}>See the micro-credential’s page</Link> for its resources{page.status === 'RETIRED' ? '' : ' and to enrol'}.
          </Alert>
        ) : (
          <Alert tone="warning" title={`This is version ${v.version}, not the current version`}>
            Badges earned on version {v.version} were reviewed against the requirements and rubric below. The issuer has since published version {page.currentVersion}.{' '}
            <Link href={currentHref}>See the current version</Link>.
          </Alert>
        )}
      </div>

      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        {/* min-w-0: the rubric table scrolls inside its box instead of widening the page. */}
        <div className="min-w-0 space-y-8">
          <CredentialDescription version={v} submitHeading="What teachers submit" />
        </div>
        <aside>
          <AtAGlance
            version={v}
            issuerName={page.issuer.name}
            level={level}
            extra={<div><dt className="inline font-medium">Version: </dt><dd className="inline">{v.version}{page.current ? ' (current)' : ` (current: ${page.currentVersion})`}</dd></div>}
          />
        </aside>
      </div>
    </article>
  );
}
