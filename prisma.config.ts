import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The Prisma CLI insists on a native schema engine even for `generate`, and downloads it from
// Prisma's host, which locked-down networks cannot reach. `generate` never runs the engine, so any
// existing file satisfies it. Migrations go through the official WASM engine (scripts/db/migrate.ts).
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve('package.json');
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/microcred' },
});
