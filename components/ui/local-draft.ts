// A form's unsent choices kept in this browser (localStorage), so a reload or a crash does not lose
// them. Storage can be full, disabled or hold something older or hand-edited: every read is checked
// and every failure is silent, since the form still works without it.

/** Choices in a grid of radio groups: row id -> column key -> the chosen value. */
export type GridChoices = Record<string, Record<string, number>>;

export function readLocalDraft(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, value: unknown) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the choices stay on the page only.
  }
}

export function clearLocalDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/**
 * The choices in `saved` that still fit the form: rows and columns it shows and values it offers.
 * Anything else (a sample since removed, a level since renumbered, a hand-edited value) is dropped.
 */
export function pickGridChoices(saved: unknown, fits: { rows: string[]; columns: string[]; values: number[] }): GridChoices {
  if (!isRecord(saved)) return {};
  const columns = new Set(fits.columns);
  const values = new Set(fits.values);
  // Built with Object.fromEntries, which defines own properties: a key such as "__proto__" in a
  // hand-edited copy can never reach Object.prototype.
  const rows: [string, Record<string, number>][] = [];
  for (const row of fits.rows) {
    const chosen = Object.hasOwn(saved, row) ? saved[row] : undefined;
    if (!isRecord(chosen)) continue;
    const kept = Object.entries(chosen).filter((e): e is [string, number] => columns.has(e[0]) && typeof e[1] === 'number' && values.has(e[1]));
    if (kept.length) rows.push([row, Object.fromEntries(kept)]);
  }
  return Object.fromEntries(rows);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
