'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { answerCredentialQuestion, setCredentialQuestionShared } from '@/lib/credential-questions/mutations';
import { AnswerCredentialQuestionInput, ShareCredentialQuestionInput } from '@/lib/credential-questions/schemas';
import { questionsPath } from '@/lib/credential-questions/policy';

/** What changed for whom once a question is answered or shared: the inbox, the home's count, the teacher's and the public page. */
function refresh(questionId: string, slug: string) {
  revalidatePath('/admin/questions');
  revalidatePath(`/admin/questions/${questionId}`);
  revalidatePath('/admin');
  revalidatePath(questionsPath(slug));
  revalidatePath(`/micro-credentials/${slug}`);
}

/**
 * An issuer admin answers a teacher's question (authorized against the question's issuer in
 * answerCredentialQuestion). The question leaves the waiting list, so the admin lands on its own
 * page, which says the answer was sent (and offers to share it) where focus goes.
 */
export async function answerCredentialQuestionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AnswerCredentialQuestionInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result: Awaited<ReturnType<typeof answerCredentialQuestion>>;
  try {
    const actor = await requireActor();
    result = await answerCredentialQuestion({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  refresh(result.questionId, result.slug);
  redirect(`/admin/questions/${result.questionId}?done=${result.shared ? 'answered-shared' : 'answered'}`);
}

/** Shows an answered question on the public page without any name, or stops (authorized in setCredentialQuestionShared). */
export async function shareCredentialQuestionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ShareCredentialQuestionInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'That question could not be found. Reload the page.' };
  let result: Awaited<ReturnType<typeof setCredentialQuestionShared>>;
  try {
    const actor = await requireActor();
    result = await setCredentialQuestionShared({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  refresh(result.questionId, result.slug);
  redirect(`/admin/questions/${result.questionId}?done=${result.shared ? 'shared' : 'unshared'}`);
}
