// The one plain line a teacher pastes into a résumé or CV for a badge: what, from whom, when, and the
// address where anyone can check it. Plain text (no markup), so it pastes the same anywhere.
import { monthYearFmt } from '@/lib/dates';

/** "Title — Issuer, Month Year — https://…/credentials/{id}" */
export function resumeLine(award: { title: string; issuerName: string; issuedAt: Date; url: string }): string {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  return `${clean(award.title)} — ${clean(award.issuerName)}, ${monthYearFmt.format(award.issuedAt)} — ${award.url}`;
}
