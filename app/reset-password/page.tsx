import { redirect } from 'next/navigation';
import { str } from '@/lib/zod-text';

/**
 * A reset token as the query string carries it: what /reset-password/{token} looks up (at most 200
 * characters, as readAccountToken and ResetPasswordInput allow), and only URL-safe characters, as
 * every token is made (lib/security/tokens.ts), so it stays one path segment.
 */
const ResetLinkTokenInput = str().trim().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/);

// The reset link as a query string (/reset-password?token=…), from an old or retyped link: the
// emailed form is /reset-password/{token}. A token of the right shape goes there, which says whether
// the link still works (and offers to send a new one when not); one that cannot be a token goes to
// "Forgot your password?" with a note (an empty one is a link cut short), and no token at all simply
// goes there.
export default async function ResetPasswordQueryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  if (token === undefined) redirect('/forgot-password');
  const parsed = ResetLinkTokenInput.safeParse(token);
  redirect(parsed.success ? `/reset-password/${encodeURIComponent(parsed.data)}` : '/forgot-password?link=invalid');
}
