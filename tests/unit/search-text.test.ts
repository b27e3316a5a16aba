// A search typed with full-width letters (a CJK keyboard's Latin mode), compatibility characters or an
// accent as a separate mark is read as the usual characters (lib/search-text.ts), by the helper, by
// the query-string schemas that parse a search, and by the policy page's in-browser issuer filter.
// The stored-side matches against the database are in tests/integration/search-normalised.test.ts.
import { describe, expect, it } from 'vitest';
import { searchText, toSearchForm } from '@/lib/search-text';
import { ApplicationsQuery } from '@/lib/submissions/admin-list-schemas';
import { OrgListInput } from '@/lib/organizations/schemas';
import { SchoolPageQuery, SchoolTeachersQuery } from '@/lib/school/schemas';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { issuersMatching } from '@/app/district/policy/salary-issuers';

const FULL_WIDTH = 'Ｍａｒｉａ';
const COMPOSED = 'Jos\u00e9';
const DECOMPOSED = 'Jose\u0301';

describe('searchText', () => {
  it('reads full-width letters and signs as the usual ones', () => {
    expect(searchText(FULL_WIDTH)).toBe('Maria');
    expect(searchText('ｍａｒｉａ＠ｓｃｈｏｏｌ．ｔｅｓｔ')).toBe('maria@school.test');
  });

  it('joins an accent typed as a separate mark to its letter, as names are stored', () => {
    expect(DECOMPOSED).not.toBe(COMPOSED);
    expect(searchText(DECOMPOSED)).toBe(COMPOSED);
    expect(searchText(`Maria ${DECOMPOSED}`)).toBe(`Maria ${COMPOSED}`);
  });

  it('reads compatibility characters as the letters they stand for', () => {
    expect(searchText('\ufb01rst')).toBe('first'); // the "ﬁ" ligature
    expect(searchText('Grade \u2167')).toBe('Grade VIII'); // Roman numeral eight
  });

  it('trims, and reads any run of white space (ideographic and no-break spaces too) as one space', () => {
    expect(searchText('  Maria \u3000\u00a0\t José \n')).toBe('Maria José');
    expect(searchText('Ｍａｒｉａ\u3000Ｊｏｓｅ\u0301')).toBe(`Maria ${COMPOSED}`);
  });

  it('gives "" for nothing to search, and drops NUL, which Postgres text cannot hold', () => {
    expect(searchText(undefined)).toBe('');
    expect(searchText(null)).toBe('');
    expect(searchText('')).toBe('');
    expect(searchText(' \u3000 ')).toBe('');
    expect(searchText('Ma\u0000ria')).toBe('Maria');
  });

  it('leaves text already in the usual form as it is', () => {
    for (const s of ['Maria José', 'ann@school.test', 'Formative feedback', 'Zoë Ng', '李小龍', 'Ørsted']) expect(searchText(s)).toBe(s);
  });

  it('shares its character form with the catalogue, whose search keeps white space as typed', () => {
    expect(toSearchForm(`Ｆｅｅｄｂａｃｋ ${DECOMPOSED}`)).toBe(`Feedback ${COMPOSED}`);
    expect(CatalogSearchInput.parse({ q: `  Ｆｅｅｄｂａｃｋ  ${DECOMPOSED} ` }).q).toBe(`Feedback  ${COMPOSED}`);
  });
});

describe('the query strings that parse a search', () => {
  it('normalise it before it reaches a list, and still drop one that is too long', () => {
    expect(ApplicationsQuery.parse({ q: ` ${FULL_WIDTH} ${DECOMPOSED} ` }).q).toBe(`Maria ${COMPOSED}`);
    expect(ApplicationsQuery.parse({ q: ' \u3000 ' }).q).toBeUndefined();
    expect(OrgListInput.parse({ q: 'Ｌａｋｅｓｉｄｅ' }).q).toBe('Lakeside');
    expect(SchoolPageQuery.parse({ find: 'Ａｌｄｅｒ' }).find).toBe('Alder');
    expect(SchoolTeachersQuery.parse({ q: DECOMPOSED }).q).toBe(COMPOSED);
    expect(OrgListInput.parse({ q: 'A'.repeat(101) }).q).toBeUndefined();
    expect(ApplicationsQuery.parse({ q: ['a', 'b'] }).q).toBeUndefined();
  });
});

describe('the policy page’s issuer filter', () => {
  const issuers = [{ name: 'Instituto José Martí' }, { name: 'Maria Montessori Center' }, { name: 'Teaching Matters' }];

  it('finds an issuer typed in full-width letters or with a separate accent mark', () => {
    expect(issuersMatching(issuers, FULL_WIDTH).map((i) => i.name)).toEqual(['Maria Montessori Center']);
    expect(issuersMatching(issuers, DECOMPOSED).map((i) => i.name)).toEqual(['Instituto José Martí']);
    expect(issuersMatching(issuers, 'ｊｏｓé\u3000ｍａｒｔí').map((i) => i.name)).toEqual(['Instituto José Martí']);
    expect(issuersMatching(issuers, '\u3000')).toEqual(issuers);
  });
});
