'use client';

import { requestSecondLookAction } from '@/app/admin/submissions/[id]/actions';
import { SentTextForm } from '@/components/ui/sent-text-form';
import { SECOND_LOOK_REASON_MAX } from '@/lib/review/second-look-rules';

/**
 * "Ask for a second look" at a returned attempt, with the admin's reason. Once it has worked (`open`
 * false) the page shows the request. `version`: the attempt's version as the page was loaded; the
 * server refuses a stale one.
 */
export function SecondLookForm({ attemptId, attemptNumber, version, open }: { attemptId: string; attemptNumber: number; version: number; open: boolean }) {
  return (
    <SentTextForm
      action={requestSecondLookAction}
      open={open}
      hidden={{ attemptId, version }}
      field={{
        id: `second-look-reason-${attemptId}`,
        name: 'reason',
        label: `Why attempt ${attemptNumber} needs a second look`,
        hint: 'For the issuer’s records: it shows on this page and in the audit log. The teacher and the new reviewer do not see it.',
        rows: 3,
        maxLength: SECOND_LOOK_REASON_MAX,
      }}
      submitLabel="Ask for a second look"
      pendingLabel="Asking…"
    />
  );
}
