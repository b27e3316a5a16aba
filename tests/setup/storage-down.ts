import { s3 } from '@/lib/storage/s3';
import { getEphemeralPort } from '../../scripts/embedded/ports';

/** Runs `fn` with the app's S3 client sending to a closed port on loopback (storage unreachable). */
export async function withStorageDown<T>(fn: () => Promise<T>): Promise<T> {
  const closed = await getEphemeralPort();
  const client = s3();
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { port?: number }).port = closed;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'testStorageDown' },
  );
  try {
    return await fn();
  } finally {
    client.middlewareStack.remove('testStorageDown');
  }
}
