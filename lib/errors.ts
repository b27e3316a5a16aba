export type ErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'INVALID_STATE' | 'VALIDATION' | 'RATE_LIMITED' | 'UNAVAILABLE';

/**
 * A refusal a client reacts to on its own, beyond showing the message: carried to the form as
 * `ActionResult.reason`, so the client tells it apart by name, never by the message's wording.
 * `EDIT_CONFLICT`: the credential changed since the editor loaded it (lib/authoring/mutations.ts).
 */
export type ErrorReason = 'EDIT_CONFLICT';

/** An expected failure with a message a person can act on. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;
  readonly reason?: ErrorReason;
  constructor(code: ErrorCode, message: string, fieldErrors?: Record<string, string[]>, reason?: ErrorReason) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.reason = reason;
  }
}

export const notFound = (what = 'That page') => new DomainError('NOT_FOUND', `${what} could not be found.`);
export const forbidden = (message = 'You do not have permission to do that.') => new DomainError('FORBIDDEN', message);
export const conflict = (message: string, reason?: ErrorReason) => new DomainError('CONFLICT', message, undefined, reason);
export const invalidState = (message: string) => new DomainError('INVALID_STATE', message);
export const validation = (message: string, fieldErrors?: Record<string, string[]>) =>
  new DomainError('VALIDATION', message, fieldErrors);
export const rateLimited = (message: string) => new DomainError('RATE_LIMITED', message);
/** A service the app depends on (file storage) is down for now: the same request may work in a minute. */
export const unavailable = (message: string) => new DomainError('UNAVAILABLE', message);

/** A write refused by a unique index (Prisma's P2002, Postgres's 23505): someone got there first. */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  return code === 'P2002' || code === '23505' || /unique constraint/i.test(String((e as { message?: unknown }).message ?? ''));
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
