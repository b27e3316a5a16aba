import { NextResponse } from 'next/server';
import { getIssuerProfile } from '@/lib/awards/queries';
import { env } from '@/lib/env';

// The issuer's OB 3.0 Profile, with every did:key it has signed with.
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const issuer = await getIssuerProfile((await params).slug);
  if (!issuer) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  const self = new URL(`/issuers/${issuer.slug}`, env().APP_URL).toString();
  const current = issuer.issuerKeys.find((k) => !k.retiredAt);
  return NextResponse.json(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: current?.did ?? self,
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url ?? self,
      ...(issuer.email ? { email: issuer.email } : {}),
      description: issuer.description,
      otherIdentifier: issuer.issuerKeys.map((k) => ({ type: 'IdentifierEntry', identifier: k.did, identifierType: 'identifier' })),
    },
    // The issuer's page and this profile share /issuers/{slug} (proxy.ts picks by Accept).
    { headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*', vary: 'Accept' } },
  );
}
