// A credential written in full-width letters (a CJK keyboard's Latin mode) or with other
// compatibility characters (the "ﬁ" ligature of pasted text) is found by the same words typed
// plainly: the catalogue's search vector is built from the NFKC form of its text, the form the
// search box turns a query into (prisma/migrations/*_catalog_search_nfkc). Against Postgres.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { invalidateCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
});

const titles = async (q: string) => (await searchCatalog(CatalogSearchInput.parse({ q }))).items.map((i) => i.title);

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe('catalogue search of text stored in other Unicode forms', () => {
  it('finds a credential titled in full-width letters by the same words typed plainly', async () => {
    await createPublishedCredential({ def: { title: 'Ｒｅａｄｉｎｇ Ｃｉｒｃｌｅｓ' } });
    expect(await titles('reading')).toEqual(['Ｒｅａｄｉｎｇ Ｃｉｒｃｌｅｓ']);
    expect(await titles('Reading circles')).toEqual(['Ｒｅａｄｉｎｇ Ｃｉｒｃｌｅｓ']);
    // Typed in full-width too: the query's NFKC form meets the stored text's.
    expect(await titles('ｒｅａｄｉｎｇ')).toEqual(['Ｒｅａｄｉｎｇ Ｃｉｒｃｌｅｓ']);
  });

  it('finds words of the description, competency and topic written with compatibility characters', async () => {
    await createPublishedCredential({
      def: {
        title: 'Morning routines',
        summary: 'Ｐｈｏｎｉｃｓ games for the ﬁrst ten minutes.',
        competency: 'The educator builds reading ﬂuency.',
        topic: 'Ｌｉｔｅｒａｃｙ',
      },
    });
    expect(await titles('phonics')).toEqual(['Morning routines']);
    expect(await titles('first minutes')).toEqual(['Morning routines']);
    expect(await titles('fluency')).toEqual(['Morning routines']);
    expect(await titles('literacy')).toEqual(['Morning routines']);
  });

  it('keeps the title weighted above the description', async () => {
    // The sample definition speaks of feedback throughout; here only the title or the summary does.
    const rest = { competency: 'The educator plans each week.', keyMethod: 'Plan the week ahead.', methodComponents: '- Plan it' };
    await createPublishedCredential({ def: { ...rest, title: 'Ｆｅｅｄｂａｃｋ ｌｏｏｐｓ', summary: 'Plan the week.' } });
    await createPublishedCredential({ def: { ...rest, title: 'Weekly planning', summary: 'Ｆｅｅｄｂａｃｋ for the week.' } });
    expect(await titles('feedback')).toEqual(['Ｆｅｅｄｂａｃｋ ｌｏｏｐｓ', 'Weekly planning']);
  });

  it('recomputes the vectors of entries published before the migration', async () => {
    await createPublishedCredential({ def: { title: 'Ｒｅａｄｉｎｇ Ｃｉｒｃｌｅｓ' } });
    const dir = path.resolve('prisma/migrations');
    const name = readdirSync(dir).find((d) => d.endsWith('_catalog_search_nfkc'));
    expect(name).toBeDefined();
    const migration = readFileSync(path.join(dir, name!, 'migration.sql'), 'utf8');
    await withClient(async (client) => {
      // The vector as the trigger of 20261124022947_init wrote it, with triggers off so it stays.
      await client.query(`BEGIN;
        SET LOCAL session_replication_role = replica;
        UPDATE "CatalogEntry" SET "search" =
          setweight(to_tsvector('english', coalesce("title", '')), 'A') ||
          setweight(to_tsvector('english', coalesce("competency", '')), 'B') ||
          setweight(to_tsvector('english', coalesce("summary", '') || ' ' || coalesce("issuerName", '') || ' ' || coalesce("topic", '')), 'C') ||
          setweight(to_tsvector('english', coalesce("body", '')), 'D');
        COMMIT;`);
      expect(await titles('reading')).toEqual([]);
      // Rerunning it is harmless: it only replaces the function with itself and recomputes.
      await client.query(migration);
    });
    expect(await titles('reading')).toEqual(['Ｒｅａｄｉｎｇ Ｃｉｒｃｌｅｓ']);
  });
});
