// Prisma migrations through Prisma's WASM schema engine (see scripts/db/migrate-engine.ts).
//
//   tsx scripts/db/migrate.ts create <name> [--schema prisma/schema.prisma] [--migrations-dir prisma/migrations]
//   tsx scripts/db/migrate.ts deploy [--migrations-dir prisma/migrations]
//   tsx scripts/db/migrate.ts resolve --rolled-back|--applied <migration> [--migrations-dir ...]
//
// DATABASE_URL defaults to postgresql://postgres@127.0.0.1:5432/microcred; like the Prisma CLI, the
// database is created when it does not exist yet. `create` replays the migration history on a
// shadow database: SHADOW_DATABASE_URL if set, else a temporary database on the same server, else
// (e.g. on the embedded PGlite server) an in-memory PGlite. Like `prisma migrate dev --create-only`,
// it first applies pending migrations to DATABASE_URL (the WASM engine needs that, see engine-worker.ts).
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createMigration, DEFAULT_DATABASE_URL, deployMigrations, MigrationError, resolveMigration } from './migrate-engine';

const USAGE = `Usage:
  tsx scripts/db/migrate.ts create <name> [--schema <file|dir>] [--migrations-dir <dir>]
  tsx scripts/db/migrate.ts deploy [--migrations-dir <dir>]
  tsx scripts/db/migrate.ts resolve --rolled-back|--applied <migration> [--migrations-dir <dir>]

create applies pending migrations to DATABASE_URL first (as \`prisma migrate dev --create-only\` does).
resolve settles a failed migration: --rolled-back once you reverted it by hand (deploy retries it),
--applied once you completed it by hand.

Environment: DATABASE_URL (default ${DEFAULT_DATABASE_URL}), SHADOW_DATABASE_URL (optional, for create)`;

class UsageError extends Error {}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          schema: { type: 'string' },
          'migrations-dir': { type: 'string' },
          'rolled-back': { type: 'string' },
          applied: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const [command, ...rest] = positionals;
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const urlLabel = process.env.DATABASE_URL ? 'DATABASE_URL' : 'default URL, DATABASE_URL unset';
  const migrationsDir = values['migrations-dir'];
  const log = (message: string) => console.log(message);

  if (command === 'deploy') {
    if (rest.length > 0 || values.schema) throw new UsageError('deploy takes no name and no --schema');
    const { applied } = await deployMigrations({ databaseUrl, urlLabel, migrationsDir, log });
    if (applied.length === 0) {
      console.log('No pending migrations to apply.');
    } else {
      console.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
    return;
  }

  if (command === 'create') {
    const name = rest.join(' ').trim();
    if (!name) throw new UsageError('create needs a migration name, e.g. `create add_badges`');
    const created = await createMigration({ databaseUrl, urlLabel, name, schemaPath: values.schema, migrationsDir, log });
    if (created === null) {
      console.log('Already in sync: the schema matches the migrations, no migration created.');
    } else {
      console.log(`Created ${displayPath(path.join(created.directory, 'migration.sql'))}`);
      console.log('Review it, then apply it with `tsx scripts/db/migrate.ts deploy`.');
    }
    return;
  }

  if (command === 'resolve') {
    const rolledBack = values['rolled-back'];
    const applied = values.applied;
    if ((rolledBack === undefined) === (applied === undefined) || rest.length > 0) {
      throw new UsageError('resolve needs exactly one of --rolled-back <migration> or --applied <migration>');
    }
    const migrationName = (rolledBack ?? applied) as string;
    const as = rolledBack !== undefined ? 'rolled-back' : 'applied';
    await resolveMigration({ databaseUrl, urlLabel, migrationsDir, migrationName, as });
    console.log(`Migration ${migrationName} marked as ${as}.`);
    return;
  }

  throw new UsageError(command ? `Unknown command "${command}"` : 'Missing command');
}

// Explicit exits: nothing should linger, but a stray handle must never keep the CLI hanging.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
    } else if (error instanceof MigrationError) {
      console.error(`Error: ${error.message}`);
    } else {
      // Unexpected: keep the stack, it is a bug report.
      console.error(error);
    }
    process.exit(1);
  },
);
