import { badgeFileGET } from '@/lib/awards/badge-file-route';

// The badge image as PNG with the signed credential baked in (lib/awards/badge-file-route.ts).
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return badgeFileGET(req, (await params).id, 'png');
}
