'use client';

// `js-only`: hidden on the plain-HTML copies of public pages (lib/http/static-html.ts).

export function PrintButton({ label = 'Print or save as PDF' }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="js-only no-print rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
      {label}
    </button>
  );
}
