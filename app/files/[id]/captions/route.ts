import { NextResponse, type NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { getCaptionsText } from '@/lib/evidence/uploads';
import { isDomainError } from '@/lib/errors';

// A video's captions file, as text/vtt from the app's own origin (a <track> cannot load it from
// the storage's signed URL without CORS). Same access rule as the file itself.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) return new NextResponse('Sign in to view this file.', { status: 401, headers: { 'cache-control': 'no-store' } });
  if (!/^[a-z0-9]{1,40}$/i.test(id)) return new NextResponse('Not found', { status: 404 });
  try {
    const text = await getCaptionsText({ actor, fileId: id });
    return new NextResponse(text, {
      status: 200,
      headers: { 'content-type': 'text/vtt; charset=utf-8', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' },
    });
  } catch (e) {
    if (isDomainError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return new NextResponse('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
    // Storage unreachable (or the object missing): say so plainly, with no stack trace; the video plays without captions.
    if (isDomainError(e) && (e.code === 'UNAVAILABLE' || e.code === 'INVALID_STATE')) return new NextResponse('The captions cannot be loaded right now. Try again in a minute.', { status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '60', 'content-type': 'text/plain; charset=utf-8' } });
    throw e;
  }
}
