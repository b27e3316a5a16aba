// "Copy link" on a badge's page (components/copy-link-button.tsx): the button keeps its name, and
// what happened is said once in a polite region beside it, as for the résumé line; when the browser
// refuses to copy, the person is told, with the link to copy by hand, instead of nothing happening.
// No DOM library: the button runs with its React hooks stood in for, and each message it would show
// is recorded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';

const said: unknown[] = [];
vi.mock('react', async (original) => {
  const stand = (await import('../setup/browser-stand-ins')).hooksOutsideRenderer(await original());
  return { ...stand, useState: <T,>(init: T) => [init, (v: T) => void said.push(v)] };
});

const { CopyLinkButton } = await import('@/components/copy-link-button');
const url = 'https://badges.example.org/credentials/abc123';

// The message clears itself after a while: not what is tested here.
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  said.length = 0;
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function* elements(node: ReactNode): Generator<ReactElement<Record<string, unknown>>> {
  if (Array.isArray(node)) for (const n of node) yield* elements(n);
  else if (isValidElement<Record<string, unknown>>(node)) {
    yield node;
    yield* elements(node.props.children as ReactNode);
  }
}
const press = async () => {
  const button = [...elements(CopyLinkButton({ url }))].find((e) => e.type === 'button');
  await (button!.props.onClick as () => Promise<void>)();
};

describe('the Copy link button', () => {
  it('keeps its name, with the outcome said in a separate polite region, not inside the button', () => {
    const html = renderToStaticMarkup(createElement(CopyLinkButton, { url }));
    expect(html).toMatch(/<button type="button"[^>]*>Copy link<\/button>/);
    expect(html).toMatch(/<\/button><p role="status" aria-live="polite"[^>]*><\/p>/);
    expect(liveRegionsAround(html, 'Copy link')).toEqual([]);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('says the link was copied', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await press();
    expect(writeText).toHaveBeenCalledWith(url);
    expect(said).toEqual(['', 'Link copied']);
  });

  it('says so, with the link to copy by hand, when the browser refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) } });
    await press();
    expect(said).toEqual(['', `Your browser did not allow copying. The link is ${url}: select it and copy it with Ctrl+C, or Cmd+C on a Mac.`]);
  });
});
