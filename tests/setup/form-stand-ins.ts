// What the unit tests of forms posting to server actions share (forms-offline, forms-offline-rest,
// review-forms-offline, track-stack-forms-offline): a browser as far as the forms go, rendering the
// component under test through the hooks stand-in (react-stand-in.ts), and submitting one of its
// forms as a browser with scripts does. Import it after vi.mock('react', …) has been declared in the
// test file (vi.mock is hoisted, so the mock applies here too).
import { expect, vi } from 'vitest';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { mapStorage } from './browser-stand-ins';
import { elements, run, track } from './react-stand-in';

/**
 * A browser's `window` (timers, localStorage, events) and `document`, as far as the forms go; a form
 * that went away moves focus and reads a message out on the next frame, which does not come here.
 * Answers the localStorage's items.
 */
export function fakeBrowser(store = new Map<string, string>()) {
  vi.stubGlobal(
    'window',
    Object.assign(new EventTarget(), {
      localStorage: mapStorage(store),
      setTimeout: globalThis.setTimeout.bind(globalThis),
      clearTimeout: globalThis.clearTimeout.bind(globalThis),
      setInterval: globalThis.setInterval.bind(globalThis),
      clearInterval: globalThis.clearInterval.bind(globalThis),
    }),
  );
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible', getElementById: () => null, activeElement: null, body: null }));
  vi.stubGlobal('requestAnimationFrame', () => 0);
  // No form element outside a browser: a form's fields are given as `{ fields }` where it is read.
  vi.stubGlobal(
    'FormData',
    class extends FormData {
      constructor(form?: { fields?: Record<string, string> }) {
        super();
        for (const [k, v] of Object.entries(form?.fields ?? {})) this.set(k, v);
      }
    },
  );
  return store;
}

/** What the component under test shows now, as HTML (its children get fresh state: they keep none here). */
export const html = <P,>(component: (props: P) => ReactNode, props: P) => renderToStaticMarkup(createElement('div', null, run(component, props)));

/** The `which`th form in `tree`. */
function formIn(tree: ReactNode, which: number) {
  const form = [...elements(tree)].filter((e) => e.type === 'form')[which];
  expect(form).toBeDefined();
  return form;
}

/**
 * Submits the `which`th form in `tree` as a browser with scripts does: its onSubmit handler if it
 * has one, else its action (a function) in a transition, as React runs a form action. `fields`: what
 * it posts; `submitter`: the button pressed, when its name and value are posted too.
 */
export function submit(tree: ReactNode, fields: Record<string, string> = {}, which = 0, submitter: { name: string; value: string } | null = null) {
  const { onSubmit, action } = formIn(tree, which).props as { onSubmit?: (e: unknown) => void; action?: (fd: FormData) => unknown };
  if (onSubmit) onSubmit({ preventDefault: () => undefined, nativeEvent: { submitter }, currentTarget: { fields, parentElement: null } });
  else track(() => action!(new FormData(Object.assign({ fields: { ...fields, ...(submitter ? { [submitter.name]: submitter.value } : {}) } }) as never)), () => undefined);
}

/** The form `which` in `tree` still posts to a function (the server action) without scripts. */
export function postsWithoutScripts(tree: ReactNode, which = 0) {
  expect(formIn(tree, which).props.action).toBeTypeOf('function');
}

/** What a browser's fetch throws when the connection dropped or it is offline. */
export const OFFLINE = () => new TypeError('Failed to fetch');
/** What Next's client throws when a deploy since the page loaded no longer has the action. */
export const UNKNOWN_ACTION = () => new Error('Server Action "7f3a" was not found on the server. \nRead more: https://nextjs.org/docs/messages/failed-to-find-server-action');

/**
 * A form whose hooks are in a component it renders (SuspensionForm renders StatusForm,
 * RemoveRoleForm renders InlineActionForm): that one is the component under test, as the page would
 * keep its state.
 */
export function inner<P>(outer: (props: P) => ReactNode, props: P) {
  const el = outer(props) as ReactElement<Record<string, unknown>>;
  return { component: el.type as (p: never) => ReactNode, props: el.props as never };
}
