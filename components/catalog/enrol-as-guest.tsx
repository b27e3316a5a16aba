import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';

/** For visitors without an account: create one (the usual case) or sign in, and come back to `back`. */
export function EnrolAsGuest({ back }: { back: string }) {
  const q = `callbackUrl=${encodeURIComponent(back)}`;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <ButtonLink href={`/sign-up?${q}`}>Create a free account to enrol</ButtonLink>
      <Link href={`/sign-in?${q}`} className="font-semibold">
        I have an account: sign in
      </Link>
    </div>
  );
}
