// The public verifier's action (app/verify/actions.ts) with what a person types into /verify:
// nothing at all is said on the field, a mistyped link is told what a badge link looks like, and
// "not valid JSON" is kept for text that starts like JSON. Real Postgres (the rate limit).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { env } from '@/lib/env';
import { resetDatabase } from '../setup/db';
import { NOTHING_TO_VERIFY, unreadableTextMessage } from '@/lib/awards/verify-words';

// Outside a request there are no request headers: the rate limit keys on 'local'.
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
const { verifyAction } = await import('@/app/verify/actions');

beforeAll(resetDatabase);

const LINK_HELP = () => unreadableTextMessage('x', env().APP_URL);

describe('pressing Verify', () => {
  it('with nothing pasted says so on the pasted-text field', async () => {
    for (const text of ['', '   \n ']) {
      expect(await verifyAction({ kind: 'text', text, email: '' })).toEqual({ ok: false, message: NOTHING_TO_VERIFY, fieldErrors: { text: NOTHING_TO_VERIFY } });
    }
  });

  it('says each field’s problem on its own field', async () => {
    const r = await verifyAction({ kind: 'text', text: '', email: 'not an address' });
    expect(r).toMatchObject({ ok: false, fieldErrors: { text: NOTHING_TO_VERIFY, email: 'Enter the email address as name@example.org, or leave it empty.' } });
  });

  it('with a mistyped link says what a badge link from this site looks like, not that it is bad JSON', async () => {
    expect(LINK_HELP()).toContain(`starts with ${new URL(env().APP_URL).origin}/credentials/`);
    for (const text of ['htps://example/credentials/abc', 'example.org/credentials/x', '127.0.0.1:3100/credentials/6f1c1a52-6f1c-4a52-8a52-6f1c1a526f1c', 'just some words']) {
      const r = await verifyAction({ kind: 'text', text, email: '' });
      // Said on the field, which is marked: the pasted text is what needs fixing.
      expect(r).toEqual({ ok: false, message: LINK_HELP(), fieldErrors: { text: LINK_HELP() } });
    }
  });

  it('with a link to this site that is not a badge’s (a mistyped path) says what a badge link looks like', async () => {
    const origin = new URL(env().APP_URL).origin;
    for (const text of [`${origin}/credential/6f1c1a52-6f1c-4a52-8a52-6f1c1a526f1c`, `${origin}/credentials/`, `${origin}/badges`]) {
      expect(await verifyAction({ kind: 'text', text, email: '' })).toEqual({ ok: false, message: LINK_HELP(), fieldErrors: { text: LINK_HELP() } });
    }
  });

  it('with text that starts like JSON but is not says it is not valid JSON', async () => {
    for (const text of ['{not json', '[{"@context": ']) {
      const message = 'That is not valid JSON. Paste the whole credential, from the first { to the last }.';
      expect(await verifyAction({ kind: 'text', text, email: '' })).toEqual({ ok: false, message, fieldErrors: { text: message } });
    }
  });

  it('answers everything else as before', async () => {
    // Valid JSON that is no credential.
    expect(await verifyAction({ kind: 'text', text: '42', email: '' })).toEqual({ ok: false, message: 'That JSON is not a credential.' });
    expect(await verifyAction({ kind: 'text', text: '{"name": "x"}', email: '' })).toMatchObject({ ok: true, summary: { name: 'x' } });
    // A link elsewhere is not fetched; a file problem is the verdict, not a field's.
    expect(await verifyAction({ kind: 'text', text: 'https://evil.example/credentials/6f1c1a52-6f1c-4a52-8a52-6f1c1a526f1c', email: '' })).toMatchObject({ ok: false, message: expect.stringContaining('only look up badges from this site') });
    expect(await verifyAction({ kind: 'file', name: 'badge.png', base64: 'A'.repeat(1_400_004), email: '' })).toEqual({ ok: false, message: 'That file is too large to be a badge (1 MB at most).' });
  });
});
