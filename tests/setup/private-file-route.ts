// Calling a private file's route handler (evidence, app/files/[id]; a certificate of other
// learning, app/other-learning/certificates/[id]) as someone, and what a person could tell two of
// its answers apart by. The test file mocks '@/lib/auth/session' with the session stub.
import { NextRequest } from 'next/server';
import type { Actor } from '@/lib/auth/actor';
import { session } from './session-stub';

type FileRoute = (request: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

/** The route's answer to `path` (its id is the path's last segment) for `actor`, with this Accept header. */
export function openPrivateFile(route: FileRoute, actor: Actor | null, path: string, accept?: string) {
  session.actor = actor;
  const id = decodeURIComponent(path.split('?')[0].split('/').at(-1)!);
  return route(new NextRequest(`http://127.0.0.1:3100${path}`, { headers: accept ? { accept } : {} }), { params: Promise.resolve({ id }) });
}

/** Everything a person (or their browser) could tell two responses apart by. */
export async function observable(res: Response) {
  const headers = [...res.headers.entries()].filter(([k]) => k !== 'date').sort();
  return { status: res.status, headers, body: await res.text() };
}
