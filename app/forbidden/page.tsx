import Link from 'next/link';

export const metadata = { title: 'Not allowed' };

export default function ForbiddenPage() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-3xl font-bold">You don’t have access to this page</h1>
      <p className="mt-3 text-slate-700">
        This part of Microcred is for people with a different role. If you think you should have access, ask an administrator of your
        organisation.
      </p>
      <p className="mt-6">
        <Link href="/dashboard">Go to my learning</Link>
      </p>
    </div>
  );
}
