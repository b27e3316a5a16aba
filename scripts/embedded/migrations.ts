import fs from 'node:fs';
import path from 'node:path';

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

/** True when `dir` holds at least one Prisma migration (a folder with migration.sql). */
export function hasMigrations(dir = MIGRATIONS_DIR): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')));
}
