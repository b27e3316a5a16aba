'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { removeFileAction } from '@/app/apply/[slug]/actions';

export function RemoveFileButton({ fileId, fileName }: { fileId: string; fileName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await removeFileAction({ fileId });
          router.refresh();
        })
      }
      className="font-semibold text-red-700 underline disabled:opacity-60"
    >
      {pending ? 'Removing…' : 'Remove'}
      <span className="sr-only"> {fileName}</span>
    </button>
  );
}
