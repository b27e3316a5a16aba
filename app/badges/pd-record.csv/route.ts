import { NextResponse } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { getTeacherRecord, teacherRecordCsv, teacherRecordFilename } from '@/lib/reporting/teacher';

// The signed-in teacher's PD record (every credential, its hours, status and verification link),
// for a district office, a licence renewal or a résumé.
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: 'Sign in to download your PD record.' }, { status: 401 });
  const csv = teacherRecordCsv(await getTeacherRecord(actor), { name: actor.name, email: actor.email });
  // A BOM so Excel opens the UTF-8 file with accents intact.
  return new Response(`\uFEFF${csv}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${teacherRecordFilename(actor.name)}"`, 'cache-control': 'private, no-store' },
  });
}
