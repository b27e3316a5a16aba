'use client';

import { useState } from 'react';

/**
 * A PDF's preview, folded away until asked for. The viewer is only put on the page once the
 * preview is opened: a browser's PDF viewer in a closed <details> still loads the file from
 * storage and can take keyboard focus, unseen, when it finishes loading.
 */
export function PdfPreview({ src, fileName }: { src: string; fileName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-semibold text-brand-700">Preview PDF</summary>
      {open ? <iframe src={src} title={`PDF preview of ${fileName}`} className="mt-2 h-[32rem] w-full rounded border border-slate-200" /> : null}
    </details>
  );
}
