// How times of day are written, everywhere (ADR 023): day before month as the app writes dates,
// a 24-hour clock, in the viewer's own time zone. Someone whose zone is not known yet sees UTC,
// labelled "UTC"; someone whose zone is UTC sees the label too. Nobody else sees a zone name: the
// time is simply their local time. Safe on the client.
//
// Whole days (a report's period, a transcript's day, a due date) are UTC days by definition and keep
// their own formatters: this module is for instants.

const SHAPES = {
  /** "25 Nov 2026, 06:58" */
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  /** "25 Nov, 06:58" */
  dayTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  /** "06:58" */
  time: { hour: '2-digit', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type Shape = keyof typeof SHAPES;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `timeZone` undefined: the runtime's own zone (the browser's, on the client). */
function formatter(shape: Shape, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${shape}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...SHAPES[shape], hourCycle: 'h23', timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The zone a viewer's times are shown in: theirs, or UTC when it is not known (or is a name this
 * runtime does not know, e.g. one retired from the zone database after it was stored).
 */
export function displayTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    return formatter('time', timeZone).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

function format(shape: Shape, at: Date, timeZone: string | null | undefined): string {
  const zone = displayTimeZone(timeZone);
  const text = formatter(shape, zone).format(at);
  return zone === 'UTC' ? `${text} UTC` : text;
}

/** "25 Nov 2026, 06:58" in `timeZone` (the viewer's); "25 Nov 2026, 12:58 UTC" without one. */
export const formatDateTime = (at: Date, timeZone: string | null | undefined): string => format('dateTime', at, timeZone);

/** "25 Nov, 06:58": for times close to now, where the year goes without saying. */
export const formatDayTime = (at: Date, timeZone: string | null | undefined): string => format('dayTime', at, timeZone);

/** "06:58" (or "12:58 UTC"). */
export const formatTime = (at: Date, timeZone: string | null | undefined): string => format('time', at, timeZone);
