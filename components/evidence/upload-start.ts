// Starting a row's upload afresh (nothing to resume), as its steps: pure of the DOM and the server,
// so it can be unit tested. Each request to start an upload makes a file on the server (and maybe
// a multipart upload in storage) and counts against a rate limit, so none is sent once the row was
// cancelled.

/**
 * Removes the file an earlier try left (`dropOld`, when there is one) and forgets it (`forgetOld`),
 * waits for the connection (`waitOnline`, at once when online), then asks the server to start the
 * upload (`request`). Null, quietly, when the row was cancelled (`cancelled`) before the request was
 * sent, or while it was on its way and the server refused it: the teacher cancelled, so there is
 * nothing to say. A ticket the server gave after Cancel is returned all the same: the upload holds
 * that file now, and Cancel removes it.
 */
export async function startAfresh<T extends { ok: boolean }>(steps: {
  dropOld: (() => Promise<void>) | null;
  forgetOld: () => void;
  waitOnline: () => Promise<void>;
  request: () => Promise<T>;
  cancelled: () => boolean;
}): Promise<T | null> {
  if (steps.dropOld) await steps.dropOld();
  steps.forgetOld();
  if (steps.cancelled()) return null;
  await steps.waitOnline();
  if (steps.cancelled()) return null;
  const ticket = await steps.request();
  if (!ticket.ok && steps.cancelled()) return null;
  return ticket;
}
