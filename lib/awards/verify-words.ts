// What the public verifier (/verify) says about pasted text it cannot use, in the words of the person
// who pasted it. Pure, and safe on the client.

/** Said on the field when Verify is pressed with nothing pasted. */
export const NOTHING_TO_VERIFY = 'Paste a badge’s link or its credential JSON here, or choose a badge file below.';

/**
 * Why pasted text that is neither a link nor JSON could not be used. Text that starts like JSON
 * ({ or [) is JSON with a mistake in it; anything else was most likely meant as a link with a typo
 * ("htps://…", "example.org/credentials/…"), so the answer says what a badge link looks like on
 * this site (`appUrl`), rather than talking about JSON to someone who never pasted any.
 */
export function unreadableTextMessage(text: string, appUrl: string): string {
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'That is not valid JSON. Paste the whole credential, from the first { to the last }.';
  return `We could not read that as a badge link. A badge link starts with ${siteOf(appUrl)}/credentials/ followed by a long code of letters, numbers and dashes. Copy the whole link from the badge’s page, or paste the credential’s JSON instead.`;
}

/** The site's address as a link to it starts (no trailing slash), for the example. */
function siteOf(appUrl: string): string {
  try {
    return new URL(appUrl).origin;
  } catch {
    return appUrl.replace(/\/+$/, '');
  }
}
