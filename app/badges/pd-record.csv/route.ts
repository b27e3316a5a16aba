import { NextResponse } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { getTeacherRecord, teacherRecordCsv, teacherRecordFilename } from '@/lib/reporting/teacher';
import { listOwnExternalLearningForExport } from '@/lib/external-learning/queries';
import { selfReportedCsv } from '@/lib/external-learning/exports';

// The signed-in teacher's PD record (every credential, its hours, status and verification link),
// for a district office, a licence renewal or a résumé; then, in a section of its own with its own
// total, the professional learning they recorded themselves (self-reported, never in the credentials' hours).
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: 'Sign in to download your PD record.' }, { status: 401 });
  const holder = { name: actor.name, email: actor.email };
  const [record, otherLearning] = await Promise.all([getTeacherRecord(actor), listOwnExternalLearningForExport({ actor })]);
  const csv = teacherRecordCsv(record, holder) + selfReportedCsv(otherLearning, holder);
  // A BOM so Excel opens the UTF-8 file with accents intact.
  return new Response(`\uFEFF${csv}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${teacherRecordFilename(actor.name)}"`, 'cache-control': 'private, no-store' },
  });
}
