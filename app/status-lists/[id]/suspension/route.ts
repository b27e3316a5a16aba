import { statusListResponse } from '@/lib/awards/status-lists';

// The companion suspension list of /status-lists/{id}: the same index per credential, set while an
// issuer has suspended it (ADR 005).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return statusListResponse((await params).id, 'suspension');
}
