import Link from 'next/link';

/**
 * A review this reviewer cannot open: one that does not exist, another reviewer's, or one at an
 * issuer they no longer review for. getReviewWorkspace answers all of them alike, on purpose, so
 * this says the same for each, and nothing about the review, its reviewer or the teacher.
 */
export default function ReviewNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-3xl font-bold">This review is not one you can open</h1>
      <p className="mt-3 text-slate-700">
        A review opens only for the reviewer who claimed it. The link may be to someone else’s review, to one that no longer exists, or to one at an issuer you no longer review for.
      </p>
      <p className="mt-3 text-slate-700">Your own claims and the work waiting for a reviewer are in the review queue.</p>
      <p className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
        <Link href="/review">Go to the review queue</Link>
        <Link href="/review/history">Your review history</Link>
      </p>
    </div>
  );
}
