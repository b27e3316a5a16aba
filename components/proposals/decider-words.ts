// How the proposal page names who decides: pure, so the wording is tested without a database.
import { listInWords } from '@/lib/plural';

/**
 * Leaders' names as one phrase: "Ana Ruiz", "Ana Ruiz and Ben Ode", "Ana Ruiz, Ben Ode and 2
 * others". Empty when there is no one to name.
 */
export function nameLeaders(names: string[], others: number): string {
  const items = others > 0 ? [...names, `${others} ${others === 1 ? 'other' : 'others'}`] : names;
  return listInWords(items);
}
