import 'server-only';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';
import { bakePng, bakeSvg } from '@/lib/credentials/bake';

type AwardImageInput = { id: string; title: string; issuerName: string; level: number | null; color: string; credential: unknown };

// Rendering a PNG takes tens of milliseconds; baked images never change for an award, so keep a few.
const pngCache = new Map<string, Uint8Array>();

export function bakedSvg(a: AwardImageInput): string {
  return bakeSvg(generateBadgeSvg({ title: a.title, issuerName: a.issuerName, level: a.level ?? undefined, color: a.color }), a.credential as object);
}

export function bakedPng(a: AwardImageInput): Uint8Array {
  const hit = pngCache.get(a.id);
  if (hit) return hit;
  const png = bakePng(renderPng(generateBadgeSvg({ title: a.title, issuerName: a.issuerName, level: a.level ?? undefined, color: a.color }), 512), a.credential as object);
  if (pngCache.size > 200) pngCache.delete(pngCache.keys().next().value!);
  pngCache.set(a.id, png);
  return png;
}
