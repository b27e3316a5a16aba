// A fault injected in the real database: inserts into a table fail while a condition holds, until the
// fault is cleared. Tests use it to make one step of a transaction fail where production could (the
// database blinking while issuing a badge, a notification that cannot be written).
import { db } from '@/lib/db';

export type InsertFault = {
  /** Names both the trigger function and the trigger. */
  name: string;
  table: string;
  message: string;
  /** A plpgsql condition on NEW; every insert fails without one. */
  when?: string;
};

export async function injectInsertFault(f: InsertFault): Promise<void> {
  const message = f.message.replace(/'/g, "''");
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION ${f.name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF ${f.when ?? 'true'} THEN RAISE EXCEPTION '${message}'; END IF; RETURN NEW; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER ${f.name} BEFORE INSERT ON "${f.table}" FOR EACH ROW EXECUTE FUNCTION ${f.name}()`);
}

/** Safe to call when the fault is not there (before and after each test). */
export async function clearInsertFault(f: Pick<InsertFault, 'name' | 'table'>): Promise<void> {
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${f.name} ON "${f.table}"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${f.name}()`);
}
