'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Keeps an element's height, in whole pixels, in a CSS custom property on the root element while it
 * is on the page (`name`, e.g. '--claim-bar-height'), measured again whenever it resizes, and takes
 * the property away once the element goes. For sticky bars: what sits above them, and the room the
 * page keeps under a focused field, read it. `remeasureOn`: a value whose change may have put the
 * element on the page or taken it off (the effect runs again then).
 */
export function useRootHeightVariable(ref: RefObject<HTMLElement | null>, name: string, remeasureOn?: unknown) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty(name, `${Math.ceil(el.getBoundingClientRect().height)}px`);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.style.removeProperty(name);
    };
  }, [ref, name, remeasureOn]);
}
