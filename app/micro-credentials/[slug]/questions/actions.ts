'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { askCredentialQuestion, withdrawCredentialQuestion } from '@/lib/credential-questions/mutations';
import { AskCredentialQuestionInput, WithdrawCredentialQuestionInput } from '@/lib/credential-questions/schemas';
import { questionsPath } from '@/lib/credential-questions/policy';

/**
 * "Ask the issuer a question" (authorized in askCredentialQuestion against the credential: a draft
 * looks missing). The form stays for the next question; the question is listed under "Your questions".
 */
export async function askCredentialQuestionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AskCredentialQuestionInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result: Awaited<ReturnType<typeof askCredentialQuestion>>;
  try {
    const actor = await requireActor();
    result = await askCredentialQuestion({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(questionsPath(result.slug));
  return {
    ok: true,
    message: result.repeated
      ? 'You sent this question a moment ago. It is listed once, under “Your questions”.'
      : 'Your question was sent to the issuer. It is listed under “Your questions”, and we will notify you when it is answered.',
  };
}

/** The teacher withdraws an unanswered question of theirs; the page says so where focus lands (the button is gone). */
export async function withdrawCredentialQuestionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(WithdrawCredentialQuestionInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'That question could not be found. Reload the page.' };
  let slug: string;
  try {
    const actor = await requireActor();
    ({ slug } = await withdrawCredentialQuestion({ actor, questionId: parsed.data.questionId }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(questionsPath(slug));
  revalidatePath('/admin/questions');
  redirect(`${questionsPath(slug)}?withdrawn=1`);
}
