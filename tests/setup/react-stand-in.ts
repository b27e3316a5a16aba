// React's hooks stood in for by a small keeper of state (by call order, as React keeps it), for unit
// tests of client forms without a DOM library: a component's body runs as a function (`run`), a
// later render sees what its handlers set, effects run when their dependencies change (`commit`), and
// a transition or an action state whose work rejects hands the error to `boundary`, as React hands it
// to the nearest error boundary (the page would show "Something went wrong" instead of the form).
//
// A test file installs it with
//   vi.mock('react', async (original) => (await import('../setup/react-stand-in')).reactStandIn(await original()));
// This module imports neither react nor react-dom (the mock above would be waiting on itself): what
// it needs of React is the real module the mock passes in.
import type { ReactElement, ReactNode } from 'react';

type React = typeof import('react');
type Effect = () => void | (() => void);

/** What reached the error boundary. */
export const boundary: unknown[] = [];
/** Each hook's value, by call order within the component under test's render. */
let slots: unknown[] = [];
let slot = 0;
/** Whether hooks keep state: only while the component under test runs (`run`), not its children. */
let live = false;
const pendingEffects: Effect[] = [];
const cleanups: (() => void)[] = [];
/** Work started in transitions and action states, not yet settled. */
const running = new Set<Promise<unknown>>();
/** The real React, as the mock passed it in. */
let real: React | null = null;

/** Runs `work` as React runs a transition's or an action's: a rejection goes to `boundary`; `done` when it has settled. */
export function track(work: () => unknown, done: () => void) {
  let p: Promise<unknown>;
  try {
    p = Promise.resolve(work());
  } catch (e) {
    p = Promise.reject(e);
  }
  const settled = p.then(
    () => undefined,
    (e: unknown) => void boundary.push(e),
  );
  const tracked = settled.finally(() => {
    done();
    running.delete(tracked);
  });
  running.add(tracked);
}

const take = <T>(init: () => T): [number, T] => {
  const i = slot++;
  if (!(i in slots)) slots[i] = init();
  return [i, slots[i] as T];
};
const set = (i: number) => (next: unknown) => {
  slots[i] = typeof next === 'function' ? (next as (prev: unknown) => unknown)(slots[i]) : next;
};

/** The react module with its hooks stood in for: what `vi.mock('react', …)` returns. */
export function reactStandIn(actual: React): React {
  real = actual;
  return {
    ...actual,
    useState: <T>(init: T | (() => T)) => {
      const first = () => (typeof init === 'function' ? (init as () => T)() : init);
      if (!live) return [first(), () => undefined];
      const [i, value] = take(first);
      return [value, set(i)];
    },
    useRef: <T>(current: T) => (live ? take(() => ({ current }))[1] : { current }),
    useMemo: <T>(make: () => T) => make(),
    useCallback: <T>(fn: T) => fn,
    // Ids only need to be stable within one render here (a form's fields name each other).
    useId: () => ':r0:',
    // No provider around the forms here: each context gives its default.
    useContext: (context: unknown) => (context as { _currentValue: unknown })._currentValue,
    useEffect: (effect: Effect, deps?: unknown[]) => {
      if (!live) return;
      const i = slot++;
      const before = slots[i] as unknown[] | undefined;
      const changed = !(i in slots) || !deps || !before || deps.length !== before.length || deps.some((d, k) => !Object.is(d, before[k]));
      slots[i] = deps;
      if (changed) pendingEffects.push(effect);
    },
    useTransition: () => {
      if (!live) return [false, (fn: () => void) => fn()];
      const [i, pending] = take(() => false);
      const start = (fn: () => unknown) => {
        slots[i] = true;
        track(fn, () => (slots[i] = false));
      };
      return [pending, start];
    },
    useActionState: <S>(action: (prev: S, payload: unknown) => Promise<S>, initial: S) => {
      if (!live) return [initial, () => undefined, false];
      const [i, state] = take(() => initial);
      const [p, pending] = take(() => false);
      const dispatch = (payload: unknown) => {
        slots[p] = true;
        track(
          async () => {
            slots[i] = await action(slots[i] as S, payload);
          },
          () => (slots[p] = false),
        );
      };
      return [state, dispatch, pending];
    },
  } as unknown as React;
}

/** Forgets every component's kept state and what reached the boundary: before each test. */
export function resetHooks() {
  slots = [];
  slot = 0;
  boundary.length = 0;
  pendingEffects.length = 0;
}

/** The component under test mounted afresh (the page loaded again): its kept state and due effects forgotten. */
export function remount() {
  slots = [];
  pendingEffects.length = 0;
}

/** Runs `cleanup` with the effects' cleanups, after the test. */
export function cleanUpAfter(cleanup: () => void) {
  cleanups.push(cleanup);
}

/** Runs the cleanups of the effects committed so far: after each test. */
export function cleanUpEffects() {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

/** Runs the component under test with its kept state, as React renders it. */
export function run<P>(component: (props: P) => ReactNode, props: P): ReactNode {
  slot = 0;
  live = true;
  try {
    return component(props);
  } finally {
    live = false;
  }
}

/** Runs the effects due after the last render, as committing does. */
export function commit() {
  for (const effect of pendingEffects.splice(0)) {
    const cleanup = effect();
    if (typeof cleanup === 'function') cleanups.push(cleanup);
  }
}

/** Waits until every transition and action started so far has settled (and what they started after). */
export async function settle() {
  for (let i = 0; i < 20; i++) {
    await Promise.all([...running]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!running.size) return;
  }
}

/** The elements `node` renders, with the function components in it run (with fresh hooks). */
export function* elements(node: ReactNode): Generator<ReactElement<Record<string, unknown>>> {
  if (Array.isArray(node)) for (const n of node) yield* elements(n);
  else if (real!.isValidElement<Record<string, unknown>>(node)) {
    yield node;
    if (typeof node.type === 'function') yield* elements((node.type as (p: unknown) => ReactNode)(node.props));
    else yield* elements(node.props.children as ReactNode);
  }
}
