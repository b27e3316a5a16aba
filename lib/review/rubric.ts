// Pure rubric logic: the server decides outcomes with it; nothing here trusts the client.

export type PassingRule = { kind: 'ALL_AT_LEAST'; levelRank: number } | { kind: 'TOTAL_AT_LEAST'; levelRank: number; total: number };

export type CriterionResult = { criterionId: string; rank: number };

/**
 * The rule of a published version. Only a draft may have no passing level yet (the database refuses
 * to publish one without it), and drafts are never scored: a missing level here is a broken
 * invariant, not something to guess past (0 would pass every score).
 */
export function passingRuleOf(v: { passingRuleKind: 'ALL_AT_LEAST' | 'TOTAL_AT_LEAST'; passingLevelRank: number | null; passingTotal: number | null }): PassingRule {
  const levelRank = v.passingLevelRank;
  if (levelRank === null) throw new Error('A version without a passing level was scored: only drafts may leave it unchosen.');
  return v.passingRuleKind === 'TOTAL_AT_LEAST'
    ? { kind: 'TOTAL_AT_LEAST', levelRank, total: v.passingTotal ?? 0 }
    : { kind: 'ALL_AT_LEAST', levelRank };
}

/** Whether a set of scores (one per criterion) earns the credential under the rule. */
export function meetsPassingRule(rule: PassingRule, scores: CriterionResult[]): boolean {
  if (scores.length === 0) return false;
  if (rule.kind === 'ALL_AT_LEAST') return scores.every((s) => s.rank >= rule.levelRank);
  const total = scores.reduce((sum, s) => sum + s.rank, 0);
  return total >= rule.total && scores.every((s) => s.rank >= rule.levelRank);
}

/** The sum of the level ranks (points: the lowest level is 0), for a total rule. */
export function totalOf(scores: CriterionResult[]): number {
  return scores.reduce((sum, s) => sum + s.rank, 0);
}

/**
 * Under a total rule: every criterion reached the floor, yet the total fell short. Each criterion
 * then looks fine on its own, so the teacher needs an overall comment on what would raise it.
 */
export function shortOnTotalOnly(rule: PassingRule, scores: CriterionResult[]): boolean {
  return rule.kind === 'TOTAL_AT_LEAST' && scores.length > 0 && scores.every((s) => s.rank >= rule.levelRank) && totalOf(scores) < rule.total;
}

/** A criterion below the passing level needs written feedback so the teacher knows what to change. */
export function criterionNeedsFeedback(rule: PassingRule, rank: number): boolean {
  return rank < rule.levelRank;
}

/**
 * Parts kept as they are on revision. Under "every criterion at the passing level", a part whose
 * every linked criterion reached it. Under a total rule any criterion can still add points, so
 * only a part whose criteria are all at the top level (`topRank`) is kept: otherwise a teacher
 * short on the total alone would find every part locked and nothing left to improve.
 */
export function passedPartIds(rule: PassingRule, criteria: { id: string; partId: string | null }[], scores: CriterionResult[], topRank = Infinity): Set<string> {
  const rankOf = new Map(scores.map((s) => [s.criterionId, s.rank]));
  const keepAt = rule.kind === 'TOTAL_AT_LEAST' ? topRank : rule.levelRank;
  const byPart = new Map<string, boolean>();
  for (const c of criteria) {
    if (!c.partId) continue;
    const ok = (rankOf.get(c.id) ?? -1) >= keepAt;
    byPart.set(c.partId, (byPart.get(c.partId) ?? true) && ok);
  }
  return new Set([...byPart].filter(([, ok]) => ok).map(([id]) => id));
}
