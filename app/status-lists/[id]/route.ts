import { statusListResponse } from '@/lib/awards/status-lists';

// The W3C Bitstring Status List verifiers fetch to learn whether a credential was revoked.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return statusListResponse((await params).id, 'revocation');
}
