// The inline admin forms (rename a school, a reason, a role picker) tie an error to their own fields:
// described by it, and marked invalid when what was typed is at fault. A request that got no answer
// says so beside the form, but nothing is wrong with the fields then: they are described by the
// message, not marked invalid (a screen reader would say "invalid entry" of a correct school name).
import { describe, expect, it } from 'vitest';
import { fieldMarkFor, INLINE_ACTION_UNREACHABLE, markFields } from '@/components/admin/inline-action-form';

/** A field as far as markFields goes: its attributes. */
function field(attrs: Record<string, string> = {}) {
  const a = new Map(Object.entries(attrs));
  return {
    attrs: a,
    getAttribute: (k: string) => a.get(k) ?? null,
    setAttribute: (k: string, v: string) => void a.set(k, v),
    removeAttribute: (k: string) => void a.delete(k),
  };
}
const formOf = (...fields: ReturnType<typeof field>[]) => ({ querySelectorAll: () => fields }) as unknown as ParentNode;

describe('markFields', () => {
  it('an ordinary refusal marks the fields invalid and describes them by the error, keeping their hint', () => {
    const name = field({ 'aria-describedby': 'name-hint' });
    markFields(formOf(name), 'err1', 'invalid');
    expect(name.attrs.get('aria-invalid')).toBe('true');
    expect(name.attrs.get('aria-describedby')).toBe('name-hint err1');
  });

  it('no answer from the server describes the fields by the message but does not call them invalid', () => {
    const name = field();
    markFields(formOf(name), 'err1', 'invalid');
    markFields(formOf(name), 'err1', 'described');
    expect(name.attrs.has('aria-invalid')).toBe(false);
    expect(name.attrs.get('aria-describedby')).toBe('err1');
  });

  it('an answer with no error takes both away again, and the error id is never added twice', () => {
    const name = field({ 'aria-describedby': 'name-hint' });
    markFields(formOf(name), 'err1', 'invalid');
    markFields(formOf(name), 'err1', 'invalid');
    expect(name.attrs.get('aria-describedby')).toBe('name-hint err1');
    markFields(formOf(name), 'err1', 'fine');
    expect(name.attrs.has('aria-invalid')).toBe(false);
    expect(name.attrs.get('aria-describedby')).toBe('name-hint');
    const bare = field();
    markFields(formOf(bare), 'err1', 'fine');
    expect(bare.attrs.has('aria-describedby')).toBe(false);
  });

  it('a form not on the page yet is left alone', () => {
    expect(() => markFields(null, 'err1', 'invalid')).not.toThrow();
  });
});

describe('fieldMarkFor', () => {
  it('a refusal is the fields’ fault; no answer (the form’s own message, or its default) is not; success clears', () => {
    expect(fieldMarkFor({ ok: false, formError: 'A school of that name is already in your district.' }, INLINE_ACTION_UNREACHABLE)).toBe('invalid');
    expect(fieldMarkFor({ ok: false, formError: INLINE_ACTION_UNREACHABLE }, INLINE_ACTION_UNREACHABLE)).toBe('described');
    expect(fieldMarkFor({ ok: false, formError: 'We could not reach the server, so the role may not have been removed.' }, 'We could not reach the server, so the role may not have been removed.')).toBe('described');
    expect(fieldMarkFor({ ok: true, message: 'Renamed.' }, INLINE_ACTION_UNREACHABLE)).toBe('fine');
  });
});
