import { z } from 'zod';
import { str } from '@/lib/zod-text';


export const EnrollInput = z.union([
  z.object({ kind: z.literal('track'), trackId: str().min(1).max(40) }),
  z.object({ kind: z.literal('micro'), microCredentialId: str().min(1).max(40) }),
]);
export const ResourceProgressInput = z.object({ resourceId: str().min(1).max(40), done: z.enum(['true', 'false']).transform((v) => v === 'true') });
/** Enrolling again in a credential the teacher stopped; the slug only says where to go next. */
export const PickUpAgainInput = z.object({ microCredentialId: str().min(1).max(40), slug: z.string().max(120) });
