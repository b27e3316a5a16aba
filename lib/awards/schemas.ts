import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { AWARD_ID } from '@/lib/awards/cursor';

/**
 * My badges' "Hide from my portfolio" / "Show on my portfolio" on one badge. `show` is the state
 * asked for, not a toggle: a double click, or the same form sent from two tabs, leaves one outcome.
 */
export const BadgeOnPortfolioInput = z.object({
  awardId: str().trim().toLowerCase().regex(AWARD_ID, 'That badge could not be found.'),
  show: z.enum(['yes', 'no'], 'Choose whether to show the badge or hide it.').transform((v) => v === 'yes'),
});

/** The account page's "Show my school on my portfolio" (a checkbox: absent when not ticked). */
export const SchoolOnPortfolioInput = z.object({
  showSchool: z.enum(['on']).optional().transform((v) => v === 'on'),
});
