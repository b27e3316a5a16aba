// Pure rubric logic: the server decides outcomes with it; nothing here trusts the client.

export type PassingRule = { kind: 'ALL_AT_LEAST'; levelRank: number } | { kind: 'TOTAL_AT_LEAST'; levelRank: number; total: number };

export type CriterionResult = { criterionId: string; rank: number };

export function passingRuleOf(v: { passingRuleKind: 'ALL_AT_LEAST' | 'TOTAL_AT_LEAST'; passingLevelRank: number; passingTotal: number | null }): PassingRule {
  return v.passingRuleKind === 'TOTAL_AT_LEAST'
    ? { kind: 'TOTAL_AT_LEAST', levelRank: v.passingLevelRank, total: v.passingTotal ?? 0 }
    : { kind: 'ALL_AT_LEAST', levelRank: v.passingLevelRank };
}

/** Whether a set of scores (one per criterion) earns the credential under the rule. */
export function meetsPassingRule(rule: PassingRule, scores: CriterionResult[]): boolean {
  if (scores.length === 0) return false;
  if (rule.kind === 'ALL_AT_LEAST') return scores.every((s) => s.rank >= rule.levelRank);
  const total = scores.reduce((sum, s) => sum + s.rank, 0);
  return total >= rule.total && scores.every((s) => s.rank >= rule.levelRank);
}

/** A criterion below the passing level needs written feedback so the teacher knows what to change. */
export function criterionNeedsFeedback(rule: PassingRule, rank: number): boolean {
  return rank < rule.levelRank;
}

/** Parts whose every linked criterion reached the passing level are kept as they are on revision. */
export function passedPartIds(rule: PassingRule, criteria: { id: string; partId: string | null }[], scores: CriterionResult[]): Set<string> {
  const rankOf = new Map(scores.map((s) => [s.criterionId, s.rank]));
  const byPart = new Map<string, boolean>();
  for (const c of criteria) {
    if (!c.partId) continue;
    const ok = (rankOf.get(c.id) ?? -1) >= rule.levelRank;
    byPart.set(c.partId, (byPart.get(c.partId) ?? true) && ok);
  }
  return new Set([...byPart].filter(([, ok]) => ok).map(([id]) => id));
}
