// The PD transcript's alert for a period that cannot be used (/badges/transcript): it says so once,
// in its title, and its text says what to do: which date to correct (linked to that field, whose
// own message says what is wrong), or, for a quick period that does not exist, which to choose.
// Rendered as the signed-in teacher. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: TranscriptPage } = await import('@/app/badges/transcript/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = await createActor({ name: 'Ann Avery' });
});

const render = async (query: Record<string, string>) => renderToStaticMarkup(await TranscriptPage({ searchParams: Promise.resolve(query) }));
/** The alert: the element with role="alert" and what it holds. */
const alertOf = (html: string) => /<div role="alert"[^>]*>([\s\S]*?)<\/div><\/div>/.exec(html)?.[1] ?? '';

describe('the transcript’s alert for a period that cannot be used', () => {
  it('for an end before the start: says it could not be used once, and links to the end date, whose message says why', async () => {
    const html = await render({ from: '2026-03-01', to: '2025-09-01' });
    const alert = alertOf(html);
    const text = textOf(alert);
    expect(text).toBe('That period could not be used Correct the end date below.');
    expect(textOf(html).match(/could not be used/g)).toHaveLength(1);
    expect(alert).toContain('<a href="#to">end date</a>');
    // The reason, once, where the date is corrected.
    expect(html.match(/The end date is before the start date\./g)).toHaveLength(1);
    expect(html).toMatch(/<p id="to-error"[^>]*>The end date is before the start date\. Choose an end date on or after 1 Mar 2026\.<\/p>/);
  });

  it('for two wrong dates: names both, each linked to its field', async () => {
    const alert = alertOf(await render({ from: '1921-07-01', to: '2021-02-30' }));
    expect(textOf(alert)).toBe('That period could not be used Correct the start date and the end date below.');
    expect(alert).toContain('<a href="#from">start date</a>');
    expect(alert).toContain('<a href="#to">end date</a>');
  });

  it('for a quick period that does not exist: says which to choose, as it has no field of its own', async () => {
    const html = await render({ period: 'last-decade' });
    expect(textOf(alertOf(html))).toBe('That period could not be used Choose one of the periods offered: all time, the last 5 years or this school year.');
    expect(textOf(html).match(/could not be used/g)).toHaveLength(1);
  });
});
