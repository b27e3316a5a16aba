// `npm run platform:admin -- --email you@example.org --name "Your Name"`: makes a platform admin,
// the way the first one is made on a new installation (nobody can grant the role in the app). Uses
// the same environment as `npm start` (DATABASE_URL, APP_URL and the rest; .env files are read).
// Prints a one-time link, valid for a day, where a new account sets its password; an existing
// account keeps its password and gets the role. A disabled one is enabled again (the way back if no
// enabled platform admin is left), but without its old password, which may be an intruder's: it
// gets the link too, as does an unconfirmed account. Audit-logged as done from the command line.
import { parseArgs } from 'node:util';
import { loadDotEnvFiles } from './embedded/launch';
import { parsePlatformAdminArgs } from '@/lib/organizations/platform-admin-args';

async function main() {
  loadDotEnvFiles();
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  // The name as every other name is stored: on one line, no control or direction characters.
  const args = parsePlatformAdminArgs(values);
  const { grantPlatformAdmin, BOOTSTRAP_LINK_MINUTES } = await import('@/lib/organizations/platform');
  const { env } = await import('@/lib/env');
  const { db } = await import('@/lib/db');
  try {
    const result = await grantPlatformAdmin(args);
    console.log(`${args.email} is a platform admin${result.created ? ' (new account)' : ''}${result.reenabled ? ' (the account was disabled and is enabled again)' : ''}.`);
    if (result.passwordCleared) {
      console.log(
        result.reenabled
          ? 'Its old password no longer works (if the account was disabled because someone else got into it, they may know it), and it is signed out everywhere.'
          : 'Its old password no longer works (its address was never confirmed, so the password may be someone else’s), and it is signed out everywhere.',
      );
    }
    if (result.token) {
      const link = new URL(`/reset-password/${result.token}`, env().APP_URL).toString();
      console.log(`Set ${result.passwordCleared ? 'a new' : 'the'} password here (works once, for ${BOOTSTRAP_LINK_MINUTES / 60} hours):\n  ${link}`);
    } else {
      console.log('The account already has a password: sign in with it (or use “Forgot your password?”).');
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(`platform:admin: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
