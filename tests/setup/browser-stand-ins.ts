// Just enough of a browser and of React for unit tests that run a client component's body without
// a DOM library: a localStorage backed by a Map, and React hooks that run outside a renderer.
import type * as React from 'react';

export type Effect = () => void | (() => void);

/** A `localStorage` keeping its items in `items` (which a test can read). */
export function mapStorage(items = new Map<string, string>()) {
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

/**
 * React with its hooks stood in for: state keeps its first value (setters do nothing), refs and
 * memos are made once per call, transitions run at once. Effects are collected into `effects`
 * (to run as mounting would) or, without it, never run.
 */
export function hooksOutsideRenderer(actual: typeof React, effects?: Effect[]): typeof React {
  return {
    ...actual,
    useState: <T,>(init: T | (() => T)) => [typeof init === 'function' ? (init as () => T)() : init, () => undefined],
    useRef: <T,>(current: T) => ({ current }),
    useMemo: <T,>(make: () => T) => make(),
    useCallback: <T,>(fn: T) => fn,
    useEffect: (effect: Effect) => void effects?.push(effect),
    useTransition: () => [false, (fn: () => void) => fn()],
  } as unknown as typeof React;
}
