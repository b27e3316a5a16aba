import 'server-only';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const ServerEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  S3_ENDPOINT: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  // The endpoint browsers use for presigned URLs when it differs from the server's (e.g. Docker).
  S3_PUBLIC_ENDPOINT: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  S3_BUCKET: z.string({ error: 'S3_BUCKET is not set' }).min(1),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string({ error: 'S3_ACCESS_KEY_ID is not set' }).min(1),
  S3_SECRET_ACCESS_KEY: z.string({ error: 'S3_SECRET_ACCESS_KEY is not set' }).min(1),
  S3_FORCE_PATH_STYLE: bool,
  AUTH_SECRET: z.string({ error: 'AUTH_SECRET is not set' }).min(32, 'AUTH_SECRET must be at least 32 characters'),
  CREDENTIAL_KEY_SECRET: z
    .string({ error: 'CREDENTIAL_KEY_SECRET is not set' })
    .min(32, 'CREDENTIAL_KEY_SECRET must be at least 32 characters'),
  APP_URL: z.string({ error: 'APP_URL is not set' }).url(),
  DEMO_MODE: bool,
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().default('Microcred <no-reply@microcred.local>'),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  AUTH_MICROSOFT_ENTRA_ID_ID: z.string().optional(),
  AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().optional(),
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: z.string().optional(),
});

export type ServerEnv = z.infer<typeof ServerEnv>;

let cached: ServerEnv | undefined;

/** Parsed once; a bad value fails with a message naming the variable. */
export function env(): ServerEnv {
  if (cached) return cached;
  const parsed = ServerEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}
