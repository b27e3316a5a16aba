'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { submitCalibration, type CalibrationOutcome } from '@/lib/review/calibration';
import { CalibrationInput } from '@/lib/review/schemas';

export async function submitCalibrationAction(input: z.input<typeof CalibrationInput>): Promise<ActionResult<CalibrationOutcome>> {
  const parsed = parseInput(CalibrationInput, input);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    const outcome = await submitCalibration({ actor, ...parsed.data });
    revalidatePath('/review');
    return { ok: true, data: outcome };
  } catch (e) {
    return toActionError(e);
  }
}
