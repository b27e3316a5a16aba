'use client';

import { useRef } from 'react';
import { useCopyMessage } from '@/components/credentials/use-copy-message';
import { copySignature, type EmailSignature } from '@/components/credentials/email-signature';

// Beside the résumé line, shown to the same people. The button copies the linked badge image as
// HTML (with a plain-text alternative) for an email signature; it is `js-only`, hidden on the
// plain-HTML copies of public pages (lib/http/static-html.ts). Without it, the preview can be
// selected and copied by hand, and the how-to names both addresses. The outcome is read out
// through a polite live region, as for the résumé line.

export function CopyEmailSignature({ signature, credentialUrl, imageUrl, title }: { signature: EmailSignature; credentialUrl: string; imageUrl: string; title: string }) {
  const preview = useRef<HTMLSpanElement>(null);
  const { message, copy: run } = useCopyMessage();

  function copy() {
    return run(
      async () => {
        const how = await copySignature(signature, navigator.clipboard, typeof ClipboardItem === 'undefined' ? undefined : ClipboardItem);
        return how === 'rich' ? 'Copied' : 'Copied as a plain-text link: this browser cannot copy the image. Paste it, or copy the badge preview by hand.';
      },
      () => {
        // Selected for a manual copy, which keeps the image and its link.
        const range = document.createRange();
        if (preview.current) {
          range.selectNodeContents(preview.current);
          window.getSelection()?.removeAllRanges();
          window.getSelection()?.addRange(range);
        }
        return 'Your browser did not allow copying. The badge preview is selected: copy it with Ctrl+C, or Cmd+C on a Mac.';
      },
    );
  }

  return (
    <div className="mt-4 max-w-3xl">
      <h3 className="text-sm font-semibold">Badge for your email signature</h3>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        {/* What the copy pastes: the image, linked to this page. Relative, so it loads under this site's CSP. */}
        <span className="text-sm text-slate-700">Preview:</span>
        <span ref={preview} className="inline-block rounded-md border border-slate-300 bg-white p-1">
          <a href={credentialUrl}>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={new URL(imageUrl).pathname} width={64} height={64} alt={`${title} badge`} />
          </a>
        </span>
        <button
          type="button"
          onClick={copy}
          className="js-only rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          Copy for email signature
        </button>
      </div>
      <p role="status" aria-live="polite" className="mt-1 min-h-5 text-sm text-slate-800">{message}</p>
      <details className="mt-1 text-sm text-slate-800">
        <summary className="cursor-pointer font-medium">How to add it to Gmail or Outlook</summary>
        <div className="mt-2 space-y-2">
          <p>
            <strong>Gmail:</strong> open Settings (the gear), then <em>See all settings</em>. On the General tab, find Signature, create or choose a signature, paste into the box, and choose <em>Save Changes</em> at the bottom of the page.
          </p>
          <p>
            <strong>Outlook on the web and the new Outlook:</strong> open Settings, then <em>Account</em> and <em>Signatures</em>, paste into the signature box and choose <em>Save</em>.{' '}
            <strong>Classic Outlook for Windows:</strong> <em>File</em>, <em>Options</em>, <em>Mail</em>, <em>Signatures…</em>, paste into the editor and choose <em>OK</em>.
          </p>
          <p>Some email programs show images only after the reader allows them; the badge stays a link either way.</p>
          <p>
            Adding it by hand: insert the image from <span className="break-all font-mono text-xs">{imageUrl}</span> and link it to <span className="break-all font-mono text-xs">{credentialUrl}</span>.
          </p>
        </div>
      </details>
    </div>
  );
}
