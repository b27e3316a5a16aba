// Messages exchanged between scripts/db/migrate-engine.ts (caller) and scripts/db/engine-worker.ts
// (the worker thread that hosts Prisma's WASM schema engine). Types only: the worker is loaded by
// Node itself (native type stripping), so this file is never needed at run time.
import type { MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm';

export type EngineRequest =
  | {
      op: 'deploy';
      databaseUrl: string;
      /** Name of the setting the URL came from, quoted in error messages (e.g. "DATABASE_URL"). */
      urlLabel: string;
      migrationsList: MigrationList;
    }
  | {
      op: 'create';
      databaseUrl: string;
      urlLabel: string;
      /** Explicit shadow database; when absent the worker provisions a temporary one. */
      shadowDatabaseUrl?: string;
      migrationName: string;
      migrationsList: MigrationList;
      schemaFiles: SchemaContainer[];
    }
  | {
      /** Like `prisma migrate resolve`: settle a failed migration so deploy can proceed. */
      op: 'resolve';
      databaseUrl: string;
      urlLabel: string;
      migrationName: string;
      as: 'applied' | 'rolled-back';
      migrationsList: MigrationList;
    };

export type DeployResult = { op: 'deploy'; appliedMigrationNames: string[]; createdDatabase: boolean };

export type CreateResult = {
  op: 'create';
  /** `null` when the schema already matches the migration history. */
  migrationScript: string | null;
  generatedMigrationName: string;
  extension: string;
  connectorType: string;
};

export type ResolveResult = { op: 'resolve' };

export type EngineResult = DeployResult | CreateResult | ResolveResult;

export type WorkerMessage =
  | { type: 'log'; message: string }
  | { type: 'result'; result: EngineResult }
  /** `expected` failures (unreachable DB, failed migration, ...) are reported without a stack. */
  | { type: 'error'; message: string; expected: boolean; stack?: string };
