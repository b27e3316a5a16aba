import { NextResponse } from 'next/server';
import { getSignedStatusList } from '@/lib/awards/status-lists';

// The companion suspension list of /status-lists/{id}: the same index per credential, set while an
// issuer has suspended it (ADR 005).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[a-z0-9]{1,40}$/i.test(id)) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  const list = await getSignedStatusList(id, 'suspension');
  if (!list) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return new NextResponse(JSON.stringify(list), {
    headers: { 'content-type': 'application/vc+ld+json; charset=utf-8', 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' },
  });
}
