// "Use this browser’s time zone" on the account page (components/account/time-zone-form.tsx, ADR 023):
// it picks the browser's zone in the list the server sent, under the name that list gives it, even
// when the browser spells the zone differently ("Asia/Kolkata" where the list has "Asia/Calcutta",
// "US/Eastern" for "America/New_York", "Etc/UTC" for "UTC"). No DOM library here: the form runs with
// its React hooks stood in for, the select is a stand-in holding the options the form rendered, and
// the button's click handler is called as a click would.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intlReturningZoneNamesAsGiven } from '../setup/intl-as-given';

const said: string[] = [];
vi.mock('react', async (original) => {
  const actual = await original<typeof import('react')>();
  return {
    ...actual,
    useActionState: () => [{ ok: true }, () => undefined, false],
    useRef: <T,>(current: T) => ({ current }),
    // The only state is what the button said.
    useState: <T,>(init: T) => [init, (next: T) => void said.push(String(next))],
    // Scripts have run: the button is there.
    useSyncExternalStore: (_subscribe: unknown, client: () => unknown) => client(),
  };
});

let reported = '';
vi.mock('@/components/account/browser-time-zone-field', () => ({ browserTimeZone: () => reported }));

const { TimeZoneForm } = await import('@/components/account/time-zone-form');
const { groupedTimeZones } = await import('@/lib/time-zone');

type El = { type: unknown; props: Record<string, unknown> & { children?: unknown } };

/** Every element of a rendered tree that `match` accepts (components inside are not expanded). */
function findAll(node: unknown, match: (el: El) => boolean, out: El[] = []): El[] {
  if (Array.isArray(node)) {
    for (const child of node) findAll(child, match, out);
    return out;
  }
  if (!node || typeof node !== 'object' || !('props' in node)) return out;
  const el = node as El;
  if (match(el)) out.push(el);
  findAll(el.props.children, match, out);
  return out;
}

type Group = { region: string; zones: { value: string; label: string }[] };

/** The form, hydrated, with the browser reporting `zone`: clicks the button, returns what was picked and said. */
function clickUseThisBrowsersZone(zone: string, groups: Group[], current: string | null = null) {
  reported = zone;
  said.length = 0;
  const tree = TimeZoneForm({ action: async () => ({ ok: true }), current, groups });
  const options = findAll(tree, (el) => el.type === 'option').map((el) => ({ value: String(el.props.value) }));
  const [field] = findAll(tree, (el) => el.props.name === 'timeZone');
  const select = { value: String(field.props.defaultValue), options };
  (field.props.ref as { current: unknown }).current = select;
  const [button] = findAll(tree, (el) => el.type === 'button' && el.props.children === 'Use this browser’s time zone');
  (button.props.onClick as () => void)();
  return { picked: select.value, said: said.at(-1) };
}

// The list as a runtime built on ICU (Node, as the server is here) writes it: older names.
const serverList = groupedTimeZones();
// The list as a runtime listing current names would write it.
const currentNames: Group[] = [
  { region: 'Universal', zones: [{ value: 'UTC', label: 'UTC (Coordinated Universal Time)' }] },
  { region: 'America', zones: [{ value: 'America/New_York', label: 'New York' }] },
  { region: 'Asia', zones: [{ value: 'Asia/Kolkata', label: 'Kolkata' }] },
  { region: 'Europe', zones: [{ value: 'Europe/Kyiv', label: 'Kyiv' }] },
];

describe('a browser whose Intl returns zone names as given (Firefox, Safari and engines after them)', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = intlReturningZoneNamesAsGiven();
  });
  afterEach(() => restore());

  it('picks the listed zone for the current name of one the list has under an older name', () => {
    expect(clickUseThisBrowsersZone('Asia/Kolkata', serverList)).toEqual({ picked: 'Asia/Calcutta', said: 'Chosen: Kolkata time (Asia), this browser’s time zone. Set it to keep it.' });
    expect(clickUseThisBrowsersZone('Europe/Kyiv', serverList).picked).toBe('Europe/Kiev');
  });

  it('picks the listed zone for an alias, and UTC for every spelling of it', () => {
    expect(clickUseThisBrowsersZone('US/Eastern', serverList)).toEqual({ picked: 'America/New_York', said: 'Chosen: New York time (America), this browser’s time zone. Set it to keep it.' });
    expect(clickUseThisBrowsersZone('Etc/UTC', serverList)).toEqual({ picked: 'UTC', said: 'Chosen: UTC, this browser’s time zone. Set it to keep it.' });
    expect(clickUseThisBrowsersZone('UTC', serverList).picked).toBe('UTC');
  });
});

describe('a browser on ICU (Chrome) and a list with current names', () => {
  it('picks the listed zone for the older name the browser reports', () => {
    expect(clickUseThisBrowsersZone('Asia/Calcutta', currentNames)).toEqual({ picked: 'Asia/Kolkata', said: 'Chosen: Kolkata time (Asia), this browser’s time zone. Set it to keep it.' });
    expect(clickUseThisBrowsersZone('Europe/Kiev', currentNames).picked).toBe('Europe/Kyiv');
    expect(clickUseThisBrowsersZone('US/Eastern', currentNames).picked).toBe('America/New_York');
  });
});

describe('what the button does otherwise', () => {
  it('picks a listed zone as it is, over a choice already there', () => {
    expect(clickUseThisBrowsersZone('America/Chicago', serverList, 'Europe/London').picked).toBe('America/Chicago');
  });

  it('leaves the choice as it was and says why when the zone is not in the list, or not said', () => {
    expect(clickUseThisBrowsersZone('Asia/Tokyo', currentNames, 'Europe/Kyiv')).toEqual({
      picked: 'Europe/Kyiv',
      said: 'This browser’s time zone (Asia/Tokyo) is not in the list: choose the city nearest you that shares its time.',
    });
    expect(clickUseThisBrowsersZone('', serverList)).toEqual({ picked: 'none', said: 'This browser does not say its time zone: choose the city nearest you that shares its time.' });
  });
});
