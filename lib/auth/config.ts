import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { env } from '@/lib/env';
import { authenticate, providerVouchesForEmail, upsertOidcUser } from '@/lib/auth/accounts';
import { SignInInput } from '@/lib/auth/schemas';
import { clientIp } from '@/lib/http/client-ip';
import { rateLimitCode, type SignInRefusalCode } from '@/lib/auth/sign-in-refusal';

class RateLimitedSignIn extends CredentialsSignin {
  constructor(public code: SignInRefusalCode) {
    super();
  }
}

function buildConfig(): NextAuthConfig {
  const e = env();
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      // timeZone: the browser's, from a hidden field; kept for someone who has none yet (ADR 023).
      credentials: { email: {}, password: {}, timeZone: {} },
      async authorize(raw, request) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticate({ ...parsed.data, ip: clientIp(request.headers) });
        if (!result.ok) {
          if (result.reason === 'rate_limited') throw new RateLimitedSignIn(rateLimitCode(result.retryAfterSeconds));
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
  ];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    providers.push(
      MicrosoftEntraID({
        clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      }),
    );
  }
  return {
    secret: e.AUTH_SECRET,
    trustHost: true,
    session: { strategy: 'jwt', maxAge: 60 * 60 * 24 * 14 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || account.type === 'credentials') return true;
        // OIDC: an address the provider does not vouch for opens no account unless this very
        // sign-in was linked before (upsertOidcUser refuses; the sign-in page then says so).
        return Boolean(profile?.email);
      },
      async jwt({ token, user, account, profile }) {
        if (account && account.type !== 'credentials' && profile?.email) {
          const dbUser = await upsertOidcUser({
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: profile.email,
            name: typeof profile.name === 'string' ? profile.name : profile.email,
            emailVouched: providerVouchesForEmail(account.provider, profile as Record<string, unknown>),
          });
          token.sub = dbUser.id;
          token.sv = dbUser.sessionVersion;
        } else if (user?.id) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        (session as { sv?: number }).sv = typeof token.sv === 'number' ? token.sv : 0;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

export function oidcProviders(): { id: string; name: string }[] {
  const e = env();
  const list: { id: string; name: string }[] = [];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) list.push({ id: 'google', name: 'Google' });
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) list.push({ id: 'microsoft-entra-id', name: 'Microsoft' });
  return list;
}
