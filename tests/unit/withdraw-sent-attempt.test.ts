// When a teacher may take a sent attempt back to edit (lib/submissions/withdraw.ts takeBackRefusal):
// only their latest attempt, sent and undecided, with no Review row of any kind and no second look.
import { describe, expect, it } from 'vitest';
import {
  TAKE_BACK_ASSIGNED, TAKE_BACK_DECIDED, TAKE_BACK_EARLIER, TAKE_BACK_NOT_SENT, TAKE_BACK_OPENED, TAKE_BACK_SECOND_LOOK, takeBackRefusal,
} from '@/lib/submissions/withdraw';

const sent = { status: 'SUBMITTED' as const, number: 1, secondLookRequestedAt: null, reviews: [] as { assignedById: string | null }[] };

describe('takeBackRefusal', () => {
  it('allows the latest sent attempt nobody has claimed, been given or scored', () => {
    expect(takeBackRefusal(sent, 1)).toBeNull();
    expect(takeBackRefusal({ ...sent, number: 3 }, 3)).toBeNull();
  });

  it('refuses once any review exists, whatever became of it: a reviewer got there first', () => {
    expect(takeBackRefusal({ ...sent, reviews: [{ assignedById: null }] }, 1)).toEqual({ code: 'CONFLICT', message: TAKE_BACK_OPENED });
    expect(takeBackRefusal({ ...sent, reviews: [{ assignedById: 'admin' }] }, 1)).toEqual({ code: 'CONFLICT', message: TAKE_BACK_ASSIGNED });
    // A reviewer's own claim beside an assignment: someone has opened it.
    expect(takeBackRefusal({ ...sent, reviews: [{ assignedById: 'admin' }, { assignedById: null }] }, 1)).toEqual({ code: 'CONFLICT', message: TAKE_BACK_OPENED });
  });

  it('refuses a second look (said as such, before its set-aside reviews), a decided attempt, a draft and an earlier attempt', () => {
    expect(takeBackRefusal({ ...sent, secondLookRequestedAt: new Date(), reviews: [{ assignedById: null }] }, 1)).toEqual({ code: 'INVALID_STATE', message: TAKE_BACK_SECOND_LOOK });
    expect(takeBackRefusal({ ...sent, status: 'RETURNED' }, 1)).toEqual({ code: 'INVALID_STATE', message: TAKE_BACK_DECIDED });
    expect(takeBackRefusal({ ...sent, status: 'PASSED' }, 1)).toEqual({ code: 'INVALID_STATE', message: TAKE_BACK_DECIDED });
    expect(takeBackRefusal({ ...sent, status: 'DRAFT' }, 1)).toEqual({ code: 'INVALID_STATE', message: TAKE_BACK_NOT_SENT });
    expect(takeBackRefusal({ ...sent, number: 1 }, 2)).toEqual({ code: 'INVALID_STATE', message: TAKE_BACK_EARLIER });
  });
});
