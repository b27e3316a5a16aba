import { z } from 'zod';
import { str } from '@/lib/zod-text';

/**
 * A micro-credential's enrol, stop and "Pick up again" buttons: its id, and its slug, which only says
 * where to go next. NUL (U+0000) cannot reach Postgres: `str` drops it before the id is used (and
 * from the slug, which goes into the next page's address).
 */
export const EnrollInput = z.object({ microCredentialId: str().min(1).max(40), slug: str().max(120) });
export const ResourceProgressInput = z.object({ resourceId: str().min(1).max(40), done: z.enum(['true', 'false']).transform((v) => v === 'true') });
