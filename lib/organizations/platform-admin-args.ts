// The arguments of `npm run platform:admin` (scripts/platform-admin.ts), checked as the app checks
// the same fields: the address as sign-up takes it, the name through PersonNameInput, so a name
// made on the command line is kept on one line, without control characters or the marks that
// reverse the text around them, like every other name (it goes into emails to other people).
import { z } from 'zod';
import { EmailInput, oneLine, PersonNameInput } from '@/lib/auth/schemas';

const PlatformAdminArgs = z.object({ email: EmailInput, name: PersonNameInput.optional() });

/**
 * The address and the name to grant the role with. No --name: the part of the address before the
 * @ (used only for a new account; an existing one keeps its name). Throws one line naming each
 * problem's flag, for the script to print.
 */
export function parsePlatformAdminArgs(values: { email?: string; name?: string }): { email: string; name: string } {
  if (values.email === undefined) throw new Error('--email is required');
  const parsed = PlatformAdminArgs.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
  const { email, name } = parsed.data;
  return { email, name: name ?? oneLine(email.split('@')[0]) };
}
