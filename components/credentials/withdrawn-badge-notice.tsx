import Link from 'next/link';
import { Alert } from '@/components/ui/card';
import { withdrawnBadgeWords, type WithdrawnBadge } from '@/lib/awards/withdrawn-words';

/**
 * Shown to the holder in place of "You earned this" once their badge is revoked or on hold; nothing
 * while it stands.
 */
export function WithdrawnBadgeNotice({ award, awardId, issuer }: { award: WithdrawnBadge; awardId: string; issuer: { name: string; slug: string; email?: string | null } }) {
  const words = withdrawnBadgeWords(award, issuer.name);
  if (!words) return null;
  return (
    <Alert tone={words.state === 'revoked' ? 'danger' : 'warning'} title={words.title}>
      <p>
        {words.text}
        {words.state === 'revoked' ? <> {issuer.email ? <a href={`mailto:${issuer.email}`}>Contact {issuer.name}</a> : <Link href={`/issuers/${issuer.slug}`}>Contact {issuer.name}</Link>} if you think this is a mistake.</> : null}
      </p>
      <p className="mt-1"><Link href={`/credentials/${awardId}`}>See the badge as others see it</Link></p>
    </Alert>
  );
}
