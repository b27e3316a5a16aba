import type { Actor } from '@/lib/auth/actor';

/** Evidence is private to its owner; reviewers get access only through their review (see review policy). */
export function ownsSubmission(actor: Actor, submission: { userId: string }): boolean {
  return submission.userId === actor.id;
}
