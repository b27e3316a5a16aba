'use client';

import { answerFeedbackQuestionAction } from './actions';
import { SentTextForm } from '@/components/ui/sent-text-form';
import { ANSWER_MAX } from '@/lib/feedback-questions/schemas';

/** The reply to one teacher question. Once sent, the page shows the reply in place of this form. */
export function AnswerForm({ questionId, teacherName, answered }: { questionId: string; teacherName: string; answered: boolean }) {
  return (
    <SentTextForm
      action={answerFeedbackQuestionAction}
      open={!answered}
      hidden={{ questionId }}
      field={{
        id: `answer-${questionId}`,
        name: 'answer',
        label: `Your reply to ${teacherName}`,
        hint: 'The teacher reads it under the feedback on their application. Reviewers do not see the question or the reply.',
        rows: 4,
        maxLength: ANSWER_MAX,
      }}
      submitLabel="Send reply"
      pendingLabel="Sending…"
    />
  );
}
