import { isDomainError } from '@/lib/errors';

/** 'allowed' when the call succeeds, else the DomainError code it was refused with (anything else is rethrown). */
export async function outcomeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'allowed';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}
