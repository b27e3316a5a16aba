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

/**
 * Runs `fn` with storage answering until a `commandName` request (e.g. 'CopyObjectCommand') has
 * been answered, and unreachable from then on: storage failing part-way through a call, as when
 * it goes down (or the server stops) between two of its steps.
 */
export async function withStorageDownAfter<T>(commandName: string, fn: () => Promise<T>): Promise<T> {
  const closed = await getEphemeralPort();
  const client = s3();
  let down = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (down) (args.request as { port?: number }).port = closed;
      const out = await next(args);
      if (context.commandName === commandName) down = true;
      return out;
    },
    { step: 'finalizeRequest', name: 'testStorageDownAfter' },
  );
  try {
    return await fn();
  } finally {
    client.middlewareStack.remove('testStorageDownAfter');
  }
}

/**
 * Records the keys objects are copied to (the checked copies under evidence/ that completeUpload
 * makes) until `stop()`: the copy a race leaves behind has no row to find it by.
 */
export function recordCopies(): { keys: string[]; stop: () => void } {
  const client = s3();
  const keys: string[] = [];
  const name = `testRecordCopies${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'CopyObjectCommand') keys.push((args.input as { Key: string }).Key);
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { keys, stop: () => void client.middlewareStack.remove(name) };
}

/**
 * Runs `fn`, calling `after` once, right after the first `commandName` request is answered and
 * before the code that sent it goes on (something happening between two steps of a call).
 */
export async function withPauseAfter<T>(commandName: string, after: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  const client = s3();
  let fired = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (!fired && context.commandName === commandName) {
        fired = true;
        await after();
      }
      return out;
    },
    { step: 'initialize', name: 'testPauseAfter' },
  );
  try {
    return await fn();
  } finally {
    client.middlewareStack.remove('testPauseAfter');
  }
}
