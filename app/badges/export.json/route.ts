import { NextResponse } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { exportUserCredentials } from '@/lib/awards/export';
import { listOwnExternalLearningForExport } from '@/lib/external-learning/queries';
import { selfReportedJson } from '@/lib/external-learning/exports';

// Every credential the signed-in teacher holds, as signed JSON, for a wallet or a backup; beside
// them, under a key of their own, the professional learning they recorded themselves (self-reported,
// not credentials: a wallet reading `credentials` never sees them).
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: 'Sign in to export your credentials.' }, { status: 401 });
  const [credentials, otherLearning] = await Promise.all([exportUserCredentials(actor.id), listOwnExternalLearningForExport({ actor })]);
  return new NextResponse(JSON.stringify({ exportedAt: new Date().toISOString(), credentials, otherProfessionalLearning: selfReportedJson(otherLearning) }, null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="my-credentials.json"', 'cache-control': 'private, no-store' },
  });
}
