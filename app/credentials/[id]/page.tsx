import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getPublicAward, verifyStoredCredential } from '@/lib/awards/queries';
import { renewability } from '@/lib/submissions/renewal-policy';
import { credentialUrl } from '@/lib/awards/issue';
import { linkedInLinksFor } from '@/lib/credentials/linkedin';
import { getActor } from '@/lib/auth/session';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { stackOutcomesOfWithdrawing } from '@/lib/awards/stack-holds';
import { Alert, Card, Pill } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { CopyLinkButton } from '@/components/copy-link-button';
import { VerificationChecks } from '@/components/credential/verification-checks';
import { CopyResumeLine } from '@/components/credentials/copy-resume-line';
import { resumeLine } from '@/components/credentials/resume-line';
import { signedStackParts } from '@/lib/awards/stack-progress';
import { CopyEmailSignature } from '@/components/credentials/copy-email-signature';
import { emailSignature } from '@/components/credentials/email-signature';
import { levelInWords } from '@/components/credentials/level-words';
import { signedAlignments, signedVersion } from '@/components/credentials/signed-achievement';
import { BadgePortfolioForm } from '@/components/awards/badge-portfolio-form';
import { badgePortfolioStatus } from '@/components/awards/portfolio-words';
import { setBadgeOnPortfolioAction } from '@/app/badges/actions';
import { RevokeForm, SuspensionForm } from './status-forms';
import { reasonAsShown } from '@/lib/awards/withdrawn-words';

type Props = { params: Promise<{ id: string }> };
/** `revoked=1`: back from revoking it (revokeAwardAction), whose form went with the issuer's card. */
type PageProps = Props & { searchParams?: Promise<{ revoked?: string | string[] }> };
const fmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const award = await getPublicAward((await params).id);
  if (!award) return { title: 'Credential not found' };
  return {
    title: `${award.title} · ${award.recipientName}`,
    description: `${award.recipientName} earned “${award.title}” from ${award.issuer.name}.`,
    openGraph: { type: 'profile', url: `/credentials/${award.id}`, images: [{ url: `/credentials/${award.id}/badge.png`, width: 512, height: 512, alt: `${award.title} badge` }] },
  };
}

export default async function CredentialPage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const { revoked } = (await searchParams) ?? {};
  const award = await getPublicAward(id);
  if (!award) notFound();
  const [result, actor] = await Promise.all([verifyStoredCredential(award.credential), getActor()]);
  const url = credentialUrl(award.id);
  const expired = award.validUntil && award.validUntil < new Date();
  const status = award.revokedAt ? 'Revoked' : award.suspendedAt ? 'Suspended' : expired ? 'Expired' : result.verified ? 'Valid' : 'Could not verify';
  const tone = status === 'Valid' ? 'success' : status === 'Could not verify' || status === 'Suspended' ? 'warning' : 'danger';
  const isOwner = actor?.id === award.userId;
  // What suspending or revoking it would do to the stack badges built on it, for the issuer's admin.
  const { onSuspend, onRevoke } = await stackOutcomesOfWithdrawing(actor, award);
  const issuerAdmin = isIssuerAdmin(actor, award.issuerId);
  // Said only to the issuer's admin, of a badge that is revoked: a visitor adding ?revoked=1 sees
  // the page as it is (and the anonymous page cache keeps the same page under that address).
  const justRevoked = revoked === '1' && issuerAdmin && Boolean(award.revokedAt);
  // The holder's own standing with their portfolio (ADR 025), as My badges states it: this badge's
  // flag, and for a renewed one its newest badge's. Only the holder's view reads it: what anyone
  // else sees (and the anonymous page cache keeps) does not depend on it.
  const hidden = isOwner && !award.revokedAt && award.hiddenFromPortfolio;
  const portfolioStatus = isOwner && !award.revokedAt
    ? badgePortfolioStatus(
      { hiddenFromPortfolio: hidden, suspendedAt: award.suspendedAt, renewed: Boolean(award.renewedBy), newestHidden: Boolean(award.renewedBy?.hiddenFromPortfolio) },
      { isPublic: award.user.portfolioPublic },
    )
    : null;
  // The holder's, while the badge stands and is on their portfolio: add it to their LinkedIn
  // profile, or post about it. A badge they hid from their portfolio is not put forward for
  // publishing; its link still is theirs to send (Copy link).
  const linkedIn = hidden ? null : linkedInLinksFor({
    isOwner,
    revokedAt: award.revokedAt,
    suspendedAt: award.suspendedAt,
    certification: {
      name: award.title,
      // As the badge names the issuer (a later rename does not change what was issued), and its LinkedIn page when it has given one.
      organizationName: award.signedIssuerName,
      organizationId: award.issuer.linkedinOrganizationId ?? undefined,
      issuedAt: award.issuedAt,
      expiresAt: award.validUntil ?? undefined,
      certUrl: url,
      certId: award.id,
    },
  });
  // A stack badge names the badges it was issued on in its signed evidence: listed as signed.
  const stackParts = award.stackId ? signedStackParts(award.credential) : [];
  const portfolio = award.user.portfolioPublic && award.user.handle ? `/u/${award.user.handle}` : null;
  const criteria = ((award.credential as { credentialSubject?: { achievement?: { criteria?: { narrative?: string } } } }).credentialSubject?.achievement?.criteria?.narrative) ?? '';
  // The requirements and rubric of the version this badge was earned on, as signed; the current
  // page only for a badge that names no version.
  const version = award.microCredential ? signedVersion(award.credential) : null;
  const requirementsHref = award.microCredential ? (version ? `/micro-credentials/${award.microCredential.slug}/versions/${version}` : `/micro-credentials/${award.microCredential.slug}`) : null;
  const alignments = signedAlignments(award.credential);
  // The teacher's evidence summary as signed into the badge (its `evidence` narrative), not the
  // application's stored copy: the page says what a verifier checking the JSON reads. A stack
  // badge's evidence is its parts, listed above.
  const evidenceSummary = award.stackId ? '' : signedEvidenceSummary(award.credential);
  const level = levelInWords(award.level);
  const shareable = !award.revokedAt && !award.suspendedAt;

  return (
    <article className="mx-auto max-w-4xl">
      <div className="flex flex-col gap-6 md:flex-row">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={`/credentials/${award.id}/badge.png`} alt={`${award.title} badge`} width={200} height={200} className="h-48 w-48 shrink-0 self-center md:self-start" />
        <div className="flex-1">
          <Pill tone={tone}>{status}</Pill>
          <h1 className="mt-2 text-3xl font-bold">{award.title}</h1>
          <p className="mt-1 text-lg">
            Awarded to <strong>{award.recipientName}</strong> by <Link href={`/issuers/${award.issuer.slug}`}>{award.issuer.name}</Link>
          </p>
          {portfolio ? <p className="mt-1"><Link href={portfolio}>{`See all of ${award.recipientName}'s badges`}</Link></p> : null}
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <div><dt className="inline font-semibold">Issued: </dt><dd className="inline">{fmt.format(award.issuedAt)}</dd></div>
            <div><dt className="inline font-semibold">Expires: </dt><dd className="inline">{award.validUntil ? fmt.format(award.validUntil) : 'Does not expire'}</dd></div>
            {level ? <div className="sm:col-span-2"><dt className="sr-only">Level</dt><dd className="inline font-semibold">{level}</dd></div> : null}
            {Number(award.pdHours) ? <div><dt className="inline font-semibold">PD hours: </dt><dd className="inline">{Number(award.pdHours)}</dd></div> : null}
            <div className="sm:col-span-2"><dt className="inline font-semibold">Credential ID: </dt><dd className="inline break-all font-mono text-xs">{award.id}</dd></div>
          </dl>
          {award.revokedAt ? (
            <div className="mt-4">
              <Alert tone="danger" title={`Revoked on ${fmt.format(award.revokedAt)}`}>{reasonAsShown(award.revocationReason)}</Alert>
            </div>
          ) : award.suspendedAt ? (
            <div className="mt-4">
              <Alert tone="warning" title={`Suspended on ${fmt.format(award.suspendedAt)}`}>{award.suspensionReason}</Alert>
            </div>
          ) : null}
          {award.renewedBy ? (
            <div className="mt-4">
              <Alert tone="info" title={`Renewed on ${fmt.format(award.renewedBy.issuedAt)}`}>
                {award.recipientName} showed this skill again. <Link href={`/credentials/${award.renewedBy.id}`}>See the current badge</Link>.
              </Alert>
            </div>
          ) : isOwner && award.microCredential && award.microCredentialId && renewability(award, new Date()).ok ? (
            <div className="mt-4">
              <Alert tone="info" title={expired ? 'This badge has expired' : 'This badge expires soon'}>
                {award.microCredential.status === 'PUBLISHED' ? (
                  <><Link href={`/apply/${award.microCredential.slug}`}>Renew it</Link> by showing the skill again with fresh evidence.</>
                ) : (
                  <>The issuer no longer offers this micro-credential, so it cannot be renewed. The badge stays verifiable{expired ? ' as an expired badge' : ' until it expires'}.</>
                )}
              </Alert>
            </div>
          ) : null}
        </div>
      </div>

      <section aria-labelledby="verification" className="mt-8">
        <h2 id="verification" className="text-xl font-semibold">Verification</h2>
        <p className="mt-1 text-sm text-slate-700">Checked in the last minute against the issuer’s signature and its published revocation and suspension lists.</p>
        <VerificationChecks result={result} />
      </section>

      {criteria ? (
        <section aria-labelledby="criteria" className="mt-8">
          <h2 id="criteria" className="text-xl font-semibold">What it takes to earn this</h2>
          <p className="mt-2 whitespace-pre-wrap text-slate-800">{criteria}</p>
          {requirementsHref ? (
            <p className="mt-2"><Link href={requirementsHref}>{version ? `See the full requirements and rubric (version ${version}, as earned)` : 'See the full requirements and rubric'}</Link></p>
          ) : award.stack ? (
            <p className="mt-2"><Link href={`/stacks/${award.stack.slug}`}>See the stack</Link></p>
          ) : null}
        </section>
      ) : null}

      {alignments.length ? (
        <section aria-labelledby="aligned" className="mt-8">
          <h2 id="aligned" className="text-xl font-semibold">Aligned to</h2>
          <p className="mt-1 text-sm text-slate-700">The standards the issuer aligned this credential to, as the signed credential names them.</p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {alignments.map((a, i) => (
              <li key={`${a.url ?? a.name}-${i}`}>
                {a.url ? <a href={a.url} rel="noopener noreferrer">{a.name}</a> : a.name}
                {a.code && !a.name.includes(a.code) ? ` (${a.code})` : ''}
                {a.framework ? <span className="text-slate-700"> · {a.framework}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {award.stackId && stackParts.length ? (
        <section aria-labelledby="parts" className="mt-8">
          <h2 id="parts" className="text-xl font-semibold">Built from these badges</h2>
          <p className="mt-1 text-sm text-slate-700">The signed credential names each badge it was issued on. Each badge’s own page says whether it is still valid.</p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {stackParts.map((p, i) => (
              <li key={`${p.awardId ?? p.url ?? p.name}-${i}`}>
                {p.awardId ? <Link href={`/credentials/${p.awardId}`}>{p.name}</Link> : p.url ? <a href={p.url} rel="noopener noreferrer">{p.name}</a> : p.name}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {evidenceSummary ? (
        <section id="evidence" aria-labelledby="evidence-h" className="mt-8">
          <h2 id="evidence-h" className="text-xl font-semibold">Evidence summary</h2>
          <p className="mt-2 whitespace-pre-wrap text-slate-800">{evidenceSummary}</p>
        </section>
      ) : null}

      <section aria-labelledby="share" className="no-print mt-8">
        {/* The holder shares it; anyone else (a recruiter, a district) keeps a copy to check later. */}
        <h2 id="share" className="text-xl font-semibold">{isOwner ? 'Share and download' : 'Download a copy'}</h2>
        {isOwner && shareable && hidden ? (
          <p className="mt-2 max-w-3xl text-slate-800" data-testid="hidden-badge-note">
            You hid this badge from your portfolio, so this page does not offer to add it to LinkedIn, a résumé or an email signature. To send it to someone yourself, copy its link: anyone with the link can still open and verify it. To share it publicly, show it on your portfolio again (below).
          </p>
        ) : null}
        <div className="mt-3 flex flex-wrap gap-2">
          {linkedIn ? (
            <>
              <a href={linkedIn.addToProfile} target="_blank" rel="noopener noreferrer" className="rounded-md bg-[#0a66c2] px-4 py-2 text-sm font-semibold text-white no-underline hover:no-underline" data-testid="linkedin-link">
                Add to LinkedIn profile<span className="sr-only"> (opens in a new tab)</span>
              </a>
              <a href={linkedIn.sharePost} target="_blank" rel="noopener noreferrer" className="rounded-md border border-[#0a66c2] bg-white px-4 py-2 text-sm font-semibold text-[#0a66c2] no-underline hover:no-underline" data-testid="linkedin-share-link">
                Share a post on LinkedIn<span className="sr-only"> (opens in a new tab)</span>
              </a>
            </>
          ) : null}
          <CopyLinkButton url={url} />
          {/* Baked images and a certificate are claims to carry around; a revoked badge has none to make (they answer 410). */}
          {!award.revokedAt ? (
            <>
              <a href={`/credentials/${award.id}/badge.png?download=1`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Badge image (PNG)</a>
              <a href={`/credentials/${award.id}/badge.svg?download=1`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Badge image (SVG)</a>
            </>
          ) : null}
          <a href={`/credentials/${award.id}/credential.json`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Credential (JSON)</a>
          {!award.revokedAt ? <a href={`/credentials/${award.id}/certificate.pdf`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Certificate (PDF)</a> : null}
        </div>
        {/* Shown or hidden from here as from My badges, in the same words. In the same place either
            way, so the outcome is read out where the button was. */}
        {portfolioStatus?.control ? (
          <div className="mt-4 max-w-xl">
            <h3 className="text-base font-semibold">Your portfolio</h3>
            <BadgePortfolioForm action={setBadgeOnPortfolioAction} awardId={award.id} title={award.title} hidden={hidden} status={portfolioStatus.text} />
          </div>
        ) : null}
        {/* The holder's own tools: a visitor has no résumé or signature to put this badge in, and a badge hidden from the portfolio is not put forward. */}
        {isOwner && shareable && !hidden ? (
          <>
            <CopyResumeLine text={resumeLine({ title: award.title, issuerName: award.signedIssuerName, issuedAt: award.issuedAt, url })} />
            <CopyEmailSignature signature={emailSignature({ title: award.title, credentialUrl: url, imageUrl: `${url}/badge.png` })} credentialUrl={url} imageUrl={`${url}/badge.png`} title={award.title} />
          </>
        ) : null}
        {!award.revokedAt ? (
          <p className="mt-2 text-sm text-slate-700">The badge images carry the signed credential inside them, so anyone can check them at <Link href="/verify">the verification page</Link>.</p>
        ) : null}
      </section>

      {issuerAdmin && !award.revokedAt ? (
        <Card className="no-print mt-8">
          <h2 className="text-lg font-semibold">Issuer administration</h2>
          <p className="mt-1 text-sm text-slate-700">Suspend to put the badge on hold while something is looked into; revoke to withdraw it for good. Both are recorded in the audit log, and verifiers see the change within a minute.</p>
          {onSuspend.length ? (
            <p className="mt-2 text-sm text-slate-800">
              Suspending it also puts on hold {onSuspend.length === 1 ? 'the stack badge' : 'the stack badges'} built on it: <StackBadgeLinks badges={onSuspend} />. {onSuspend.length === 1 ? 'It stands' : 'They stand'} again once the holder holds every part.
            </p>
          ) : null}
          {onRevoke.length ? (
            onRevoke[0].outcome === 'revoke' ? (
              <p className="mt-2 text-sm text-slate-800">
                Revoking it also revokes {onRevoke.length === 1 ? 'the stack badge' : 'the stack badges'} built on it: <StackBadgeLinks badges={onRevoke} />. Revoking cannot be undone, and the holder cannot earn this badge again, so {onRevoke.length === 1 ? 'the stack badge stays' : 'the stack badges stay'} revoked.
              </p>
            ) : (
              <p className="mt-2 text-sm text-slate-800">
                Revoking it puts on hold {onRevoke.length === 1 ? 'the stack badge' : 'the stack badges'} built on it: <StackBadgeLinks badges={onRevoke} />. The holder has another badge of this credential, which is suspended; {onRevoke.length === 1 ? 'it stands' : 'they stand'} again once every part is held.
              </p>
            )
          ) : null}
          {award.submissionId ? (
            <p className="mt-2 text-sm">
              <Link href={`/admin/submissions/${award.submissionId}`}>The evidence and reviews behind this badge</Link>
            </p>
          ) : null}
          <SuspensionForm awardId={award.id} suspended={Boolean(award.suspendedAt)} />
          <RevokeForm awardId={award.id} />
        </Card>
      ) : issuerAdmin ? (
        <>
          {/* Where the issuer's card was: revoking took it away, with its button and message, so the outcome takes focus here. */}
          {justRevoked ? (
            <ArrivalNotice className="no-print mt-8">
              <Alert tone="success">The badge is revoked. Verifiers will now report it as revoked.</Alert>
            </ArrivalNotice>
          ) : null}
          {award.submissionId ? (
            <p className="no-print mt-8 text-sm">
              <Link href={`/admin/submissions/${award.submissionId}`}>The evidence and reviews behind this badge</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </article>
  );
}

/** The first evidence narrative the signed credential carries (issueAwardForSubmission signs the summary there), or ''. */
function signedEvidenceSummary(credential: unknown): string {
  const evidence = (credential as { evidence?: unknown } | null)?.evidence;
  if (!Array.isArray(evidence)) return '';
  for (const e of evidence) {
    const narrative = (e as { narrative?: unknown } | null)?.narrative;
    if (typeof narrative === 'string' && narrative.trim()) return narrative;
  }
  return '';
}

function StackBadgeLinks({ badges }: { badges: { id: string; title: string }[] }) {
  return badges.map((b, i) => <span key={b.id}>{i ? ', ' : ''}<Link href={`/credentials/${b.id}`}>{b.title}</Link></span>);
}
