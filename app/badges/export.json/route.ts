import { NextResponse } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { exportUserCredentials } from '@/lib/awards/export';

// Every credential the signed-in teacher holds, as signed JSON, for a wallet or a backup.
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: 'Sign in to export your credentials.' }, { status: 401 });
  const credentials = await exportUserCredentials(actor.id);
  return new NextResponse(JSON.stringify({ exportedAt: new Date().toISOString(), credentials }, null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="my-credentials.json"', 'cache-control': 'private, no-store' },
  });
}
