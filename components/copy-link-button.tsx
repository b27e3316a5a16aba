'use client';

import { useCopyMessage } from '@/components/credentials/use-copy-message';

// `js-only`: hidden on the plain-HTML copies of public pages (lib/http/static-html.ts); the page's
// address is the link.

/** What is said when the browser refuses to copy: the link itself, to copy by hand. */
export function copyLinkRefusedText(url: string): string {
  return `Your browser did not allow copying. The link is ${url}: select it and copy it with Ctrl+C, or Cmd+C on a Mac.`;
}

/**
 * Copies the page's link. The button's name stays "Copy link"; what happened (copied, or refused by
 * the browser, with the link to copy by hand) is said in a polite live region beside it, as for
 * the résumé line (useCopyMessage), so it is read once and nothing is read again when it clears.
 */
export function CopyLinkButton({ url }: { url: string }) {
  const { message, copy: run } = useCopyMessage();

  function copy() {
    return run(
      async () => {
        await navigator.clipboard.writeText(url);
        return 'Link copied';
      },
      () => copyLinkRefusedText(url),
    );
  }

  return (
    <div className="js-only min-w-0 max-w-full">
      <button type="button" onClick={copy} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
        Copy link
      </button>
      <p role="status" aria-live="polite" className="mt-1 max-w-sm text-sm text-slate-800 [overflow-wrap:anywhere] empty:mt-0">
        {message}
      </p>
    </div>
  );
}
