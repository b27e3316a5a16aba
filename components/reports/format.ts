/** Rows each report table shows; the rest are in its CSV download. */
export const SHOWN = 100;
export const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
// Whole days in words: one formatter in lib/dates.ts, as lib/ prints them too and may not import components/.
export { dayFmt } from '@/lib/dates';
