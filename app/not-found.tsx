import Link from 'next/link';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-bold">We could not find that page</h1>
      <p className="mt-3 text-slate-700">The link may be old, or the page may have moved. The catalogue is a good place to start again.</p>
      <p className="mt-6">
        <Link href="/catalog">Browse the catalogue</Link>
      </p>
    </div>
  );
}
