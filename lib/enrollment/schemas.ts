import { z } from 'zod';

export const EnrollInput = z.union([
  z.object({ kind: z.literal('track'), trackId: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('micro'), microCredentialId: z.string().min(1).max(40) }),
]);
export const ResourceProgressInput = z.object({ resourceId: z.string().min(1).max(40), done: z.enum(['true', 'false']).transform((v) => v === 'true') });
