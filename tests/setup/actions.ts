// Calling server actions from integration tests: the form they post, and where they redirect.
import { expect } from 'vitest';
import { DomainError } from '@/lib/errors';

/** A FormData with these fields, as the browser posts a form. */
export const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** Where the action redirected to: Next's redirect() ends the action with an error carrying the URL. */
export async function redirectOf(action: Promise<unknown>): Promise<string> {
  const e: unknown = await action.then(() => null, (err: unknown) => err);
  const digest = e && typeof e === 'object' && 'digest' in e ? String((e as { digest: unknown }).digest) : '';
  if (!digest.startsWith('NEXT_REDIRECT')) throw new Error(`expected a redirect, got ${JSON.stringify(e)}`);
  return digest.split(';')[2];
}

/** The DomainError the call was refused with (failing the test if it succeeded or threw anything else). */
export async function errorOf(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
