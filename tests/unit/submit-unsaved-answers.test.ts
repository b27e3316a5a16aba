// "Submit for review" first saves the answers typed since the last autosave: the server submits
// the text it has, not what is on the screen. When an answer does not reach the server (offline, a
// server error, a conflict with another window), nothing is sent: the form says which answer, in a
// summary that takes focus, and the text stays in the box and in this browser. An answer whose save
// the server refuses for good (the attempt was sent from another tab) stops saving, with the
// "Saving has stopped" alert, instead of trying again every second.
//
// No DOM library here: React's hooks are stood in for, so a component's body runs as a function,
// its effects run as they would once mounted, and a later render sees the state its handlers set.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { mapStorage, type Effect } from '../setup/browser-stand-ins';
import { textJoined } from '../setup/html';

const effects: Effect[] = [];
/** Each useState's value, by call order within a render (as React keeps them). */
let slots: unknown[] = [];
let slot = 0;

vi.mock('react', async (original) => {
  const actual = await original<typeof import('react')>();
  return {
    ...actual,
    useActionState: () => [{ ok: true }, dispatch, false],
    useState: <T,>(init: T | (() => T)) => {
      const i = slot++;
      if (!(i in slots)) slots[i] = typeof init === 'function' ? (init as () => T)() : init;
      const set = (next: unknown) => {
        slots[i] = typeof next === 'function' ? (next as (prev: unknown) => unknown)(slots[i]) : next;
      };
      return [slots[i], set];
    },
    useRef: <T,>(current: T) => ({ current }),
    useCallback: <T,>(fn: T) => fn,
    useEffect: (effect: Effect) => void effects.push(effect),
  };
});

const dispatch = vi.fn();
const saveResponseAction = vi.fn();
vi.mock('@/app/apply/[slug]/actions', () => ({ submitAttemptAction: vi.fn(), saveResponseAction: (...args: unknown[]) => saveResponseAction(...args) }));

const { SubmitForm, UNSAVED_ANSWER } = await import('@/app/apply/[slug]/submit-form');
const { AnswerEditor } = await import('@/components/evidence/answer-editor');
const { flushAllDrafts, registerDraftFlusher } = await import('@/components/evidence/draft-registry');

/** A browser's `window` (with localStorage) and `document`, as far as the components go. */
function fakeBrowser() {
  const store = new Map<string, string>();
  const localStorage = mapStorage(store);
  vi.stubGlobal('window', Object.assign(new EventTarget(), { localStorage }));
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  return store;
}

const cleanups: (() => void)[] = [];
/** Runs the effects collected so far, as mounting does; their cleanups run after the test. */
function mountEffects() {
  for (const effect of effects.splice(0)) {
    const cleanup = effect();
    if (typeof cleanup === 'function') cleanups.push(cleanup);
  }
}

beforeEach(() => {
  slots = [];
  slot = 0;
  effects.length = 0;
  dispatch.mockReset();
  saveResponseAction.mockReset();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

type El = { type: unknown; props: Record<string, unknown> & { children?: unknown } };
function findById(node: unknown, id: string): El | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = findById(child, id);
      if (hit) return hit;
    }
    return null;
  }
  if (!node || typeof node !== 'object' || !('props' in node)) return null;
  const el = node as El;
  if (el.props.id === id) return el;
  return findById(el.props.children, id);
}


describe('flushAllDrafts', () => {
  it('says which answers the server does not have, and that all is saved once it has them', async () => {
    const offs = [
      registerDraftFlusher({ id: 'answer-p1', label: 'Answer for Context', flush: async () => true }),
      registerDraftFlusher({ id: 'answer-p2', label: 'Answer for Reflection', flush: async () => false }),
      registerDraftFlusher({ id: 'answer-p3', label: 'Answer for Links', flush: () => Promise.reject(new TypeError('Failed to fetch')) }),
    ];
    expect(await flushAllDrafts()).toEqual({
      ok: false,
      unsaved: [
        { id: 'answer-p2', label: 'Answer for Reflection' },
        { id: 'answer-p3', label: 'Answer for Links' },
      ],
    });
    offs[1]();
    offs[2]();
    expect(await flushAllDrafts()).toEqual({ ok: true, unsaved: [] });
    offs[0]();
  });
});

describe('submitting with an answer not saved', () => {
  const props = { attemptId: 'a1', slug: 'checks-for-understanding', publicSummary: '', blocked: null, notice: 'Your evidence goes to the reviewers.' };
  const render = () => {
    slot = 0;
    return renderToStaticMarkup(createElement(SubmitForm, props));
  };
  /** Presses "Submit for review" and waits until the answers' saves have ended. */
  async function submit() {
    slot = 0;
    const form = SubmitForm(props) as unknown as El;
    // No form element outside a browser: the FormData is the posted fields alone.
    vi.stubGlobal('FormData', class extends FormData {
      constructor() {
        super();
      }
    });
    (form.props.onSubmit as (e: unknown) => void)({ preventDefault: () => undefined, nativeEvent: { submitter: null }, currentTarget: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  it('is not sent; the summary names the answer, links to it and says what to do', async () => {
    cleanups.push(registerDraftFlusher({ id: 'answer-p2', label: 'Answer for Reflection', flush: async () => false }));
    await submit();
    expect(dispatch).not.toHaveBeenCalled();

    const html = render();
    // Takes focus (tabindex -1, focused from its effect) and is read out (role alert).
    expect(html).toMatch(/<div tabindex="-1" role="alert"[^>]*><p class="font-semibold">Your application was not sent: an answer is not saved yet\.<\/p>/);
    expect(html).toContain('<a href="#answer-p2"');
    expect(textJoined(html)).toContain(`Answer for Reflection: ${UNSAVED_ANSWER}`);
    expect(textJoined(html)).toContain('Your text is kept on this device. Check your connection and the message under the answer, then submit again.');
    expect(html).toContain('Submit for review');
  });

  it('is sent once every answer reached the server, and the summary goes', async () => {
    let online = false;
    cleanups.push(registerDraftFlusher({ id: 'answer-p2', label: 'Answer for Reflection', flush: async () => online }));
    await submit();
    expect(dispatch).not.toHaveBeenCalled();
    online = true;
    await submit();
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(render()).not.toContain('not saved yet');
  });
});

describe('an answer editor, on submit and when saving is refused', () => {
  const editorProps = { attemptId: 'a1', partId: 'p2', label: 'Answer for Reflection', initialText: 'Saved text.', initialRevision: 1, wordLimit: null };

  /** The editor, mounted, with `typed` typed since the last save. */
  function editorWithTyping(typed: string) {
    slot = 0;
    const tree = AnswerEditor(editorProps);
    mountEffects();
    const box = findById(tree, 'answer-p2');
    expect(box).not.toBeNull();
    (box!.props.onChange as (e: unknown) => void)({ target: { value: typed } });
  }

  it('reports an answer as not saved when its save fails, keeping the text in this browser', async () => {
    const store = fakeBrowser();
    saveResponseAction.mockResolvedValue({ ok: false, formError: 'Something went wrong on our side. Your input is kept; please try again.', stop: false });
    editorWithTyping('Saved text. The last sentence.');
    expect(await flushAllDrafts()).toEqual({ ok: false, unsaved: [{ id: 'answer-p2', label: 'Answer for Reflection' }] });
    expect(saveResponseAction).toHaveBeenCalledTimes(1);
    expect([...store.values()].some((v) => v.includes('The last sentence.'))).toBe(true);

    saveResponseAction.mockRejectedValue(new TypeError('Failed to fetch'));
    expect((await flushAllDrafts()).ok).toBe(false);

    saveResponseAction.mockResolvedValue({ ok: true, revision: 2, wordCount: 5, savedAt: new Date().toISOString() });
    expect(await flushAllDrafts()).toEqual({ ok: true, unsaved: [] });
    expect(saveResponseAction).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'Saved text. The last sentence.', revision: 1 }));
  });

  it('stops saving when the server refuses for good (the attempt was sent), and says so instead of retrying every second', async () => {
    vi.useFakeTimers();
    fakeBrowser();
    const refusal = 'This attempt has been submitted and can no longer change.';
    saveResponseAction.mockResolvedValue({ ok: false, formError: refusal, stop: true });
    editorWithTyping('Saved text. Typed in a tab left open.');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saveResponseAction).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saveResponseAction).toHaveBeenCalledTimes(1);

    slot = 0;
    const html = renderToStaticMarkup(createElement(AnswerEditor, editorProps));
    expect(html).toMatch(/<div role="alert"[^>]*><p class="font-semibold">This attempt has been submitted and can no longer change\.<\/p><p class="mt-1">Saving has stopped for this answer\./);
    expect(html).toContain('Reload the page');
    // And submitting is held back for it, without another try.
    expect((await flushAllDrafts()).ok).toBe(false);
    expect(saveResponseAction).toHaveBeenCalledTimes(1);
  });

  it('keeps trying after a refusal the next try can get past (a server error)', async () => {
    vi.useFakeTimers();
    fakeBrowser();
    saveResponseAction.mockResolvedValue({ ok: false, formError: 'Something went wrong on our side. Your input is kept; please try again.', stop: false });
    editorWithTyping('Saved text. More.');
    await vi.advanceTimersByTimeAsync(3000);
    expect(saveResponseAction).toHaveBeenCalledTimes(3);
  });
});
