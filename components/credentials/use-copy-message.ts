'use client';

import { useRef, useState } from 'react';

/**
 * The message a copy button reads out through its polite live region: `attempt` copies and says
 * what happened; when the browser refuses, `refused` prepares a copy by hand and says how. The
 * message is emptied first (copying twice in a row is announced twice) and clears after 5 s.
 */
export function useCopyMessage() {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  async function copy(attempt: () => Promise<string>, refused: () => string) {
    clearTimeout(timer.current);
    setMessage('');
    try {
      setMessage(await attempt());
    } catch {
      setMessage(refused());
    }
    timer.current = setTimeout(() => setMessage(''), 5000);
  }
  return { message, copy };
}
