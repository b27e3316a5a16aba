import { describe, expect, it } from 'vitest';
import { closestWord, correctQuery, createVocabulary, editDistance, isKnownWord, maxEditsFor } from '@/lib/catalog/spelling';
import { activeCatalogFilters, catalogSearchHref } from '@/lib/catalog/search-links';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

// Words as the catalogue's titles, competencies and topics give them, with how often each occurs.
const vocabulary = createVocabulary([
  ['feedback', 12], ['formative', 9], ['assessment', 8], ['assessing', 2], ['assess', 1], ['praising', 1], ['praises', 1],
  ['meetings', 3], ['agendas', 2], ['team', 4], ['teams', 1], ['lessons', 3], ['study', 2], ['students', 6],
  ['discourse', 2], ['classroom', 5], ['class', 2], ['leadership', 3], ['reading', 4], ['leading', 2], ['learning', 10],
  ['families', 3], ['based', 4], ['plan', 2], ['used', 3], ['question', 2], ['questioning', 3],
]);

describe('editDistance (Damerau-Levenshtein, optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbouring letters as one edit each', () => {
    expect(editDistance('feedbak', 'feedback', 2)).toBe(1);
    expect(editDistance('feedback', 'feedbak', 2)).toBe(1);
    expect(editDistance('lesson', 'lessen', 2)).toBe(1);
    expect(editDistance('fedeback', 'feedback', 2)).toBe(1);
    expect(editDistance('asessmnet', 'assessment', 2)).toBe(2);
    expect(editDistance('same', 'same', 2)).toBe(0);
  });

  it('stops past the limit, answering limit + 1', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });
});

describe('closestWord', () => {
  it('allows one edit for words of four or five letters, two from six, none below four', () => {
    expect([3, 4, 5, 6, 12].map(maxEditsFor)).toEqual([0, 1, 1, 2, 2]);
    expect(closestWord('taem', vocabulary)).toBe('team');
    expect(closestWord('tiem', vocabulary)).toBeNull(); // two edits from "team": too far for four letters
    expect(closestWord('feedbak', vocabulary)).toBe('feedback');
    expect(closestWord('fedbak', vocabulary)).toBe('feedback');
    expect(closestWord('leaderhsip', vocabulary)).toBe('leadership');
    expect(closestWord('tem', vocabulary)).toBeNull();
    expect(closestWord('gardening', vocabulary)).toBeNull();
  });

  it('prefers the nearer word, then the more frequent one', () => {
    // "leading" and "reading" are both one edit from "eading"... the more frequent wins.
    expect(closestWord('eading', vocabulary)).toBe('reading');
    const tie = createVocabulary([['reading', 1], ['leading', 7]]);
    expect(closestWord('eading', tie)).toBe('leading');
    // One edit beats two, however frequent the farther word.
    const near = createVocabulary([['lesson', 1], ['lessons', 50]]);
    expect(closestWord('lessen', near)).toBe('lesson');
  });
});

describe('isKnownWord', () => {
  it('knows the other forms of a catalogue word that the search finds anyway', () => {
    for (const word of ['feedback', 'praise', 'meeting', 'agenda', 'lesson', 'studies', 'studied', 'assessments', 'classes', 'family', 'base', 'planning', 'planned', 'plans', 'uses']) expect(isKnownWord(word, vocabulary), word).toBe(true);
  });

  it('does not take a typo for another form of a word', () => {
    for (const word of ['feedbak', 'assesing', 'assesment', 'clasroom', 'lesons', 'familes', 'basd', 'questionning']) expect(isKnownWord(word, vocabulary), word).toBe(false);
  });
});

describe('correctQuery', () => {
  it('replaces misspelt words with the closest catalogue word', () => {
    expect(correctQuery('feedbak', vocabulary)).toBe('feedback');
    expect(correctQuery('formative assesment', vocabulary)).toBe('formative assessment');
    expect(correctQuery('assesing students', vocabulary)).toBe('assessing students');
    expect(correctQuery('familes', vocabulary)).toBe('families');
    expect(correctQuery('questionning', vocabulary)).toBe('questioning');
    expect(correctQuery('project-basd', vocabulary)).toBe('project-based');
  });

  it('keeps everything else as typed: other words, quotes, "or", case, hyphenated words', () => {
    expect(correctQuery('"Feedbak loops" or TEAMS', vocabulary)).toBe('"Feedback loops" or TEAMS');
    expect(correctQuery('FEEDBAK', vocabulary)).toBe('FEEDBACK');
    expect(correctQuery('clasroom-based', vocabulary)).toBe('classroom-based');
  });

  it('leaves excluded words, stop words and short words alone', () => {
    expect(correctQuery('feedback -clasroom', vocabulary)).toBeNull();
    expect(correctQuery('feedbak -clasroom', vocabulary)).toBe('feedback -clasroom');
    expect(correctQuery('about their feedback', vocabulary)).toBeNull();
    expect(correctQuery('tem', vocabulary)).toBeNull();
  });

  it('returns null when nothing is misspelt or nothing is close', () => {
    expect(correctQuery('feedback', vocabulary)).toBeNull();
    expect(correctQuery('praise meeting', vocabulary)).toBeNull();
    expect(correctQuery('gardening', vocabulary)).toBeNull();
    expect(correctQuery('', vocabulary)).toBeNull();
    expect(correctQuery('feedback', createVocabulary([]))).toBeNull();
  });

  it('looks up at most eight unknown words per query, however long it is', () => {
    const query = Array(10).fill('feedbak').join(' ');
    expect(correctQuery(query, vocabulary)).toBe([...Array(8).fill('feedback'), 'feedbak', 'feedbak'].join(' '));
  });
});

describe('catalogue search links', () => {
  it('lists the active filters and builds one address per search, words first', () => {
    const input = CatalogSearchInput.parse({ q: 'feedbak', level: '2', kind: 'MICRO_CREDENTIAL', cursor: 'abc', subject: '' });
    const filters = activeCatalogFilters(input);
    expect(filters).toEqual({ kind: 'MICRO_CREDENTIAL', level: '2' });
    expect(catalogSearchHref({ ...filters, q: 'feedback' })).toBe('/catalog?q=feedback&kind=MICRO_CREDENTIAL&level=2');
    expect(catalogSearchHref({ q: 'peer feedback & more' })).toBe('/catalog?q=peer+feedback+%26+more');
    expect(catalogSearchHref(filters)).toBe('/catalog?kind=MICRO_CREDENTIAL&level=2');
    expect(catalogSearchHref({})).toBe('/catalog');
  });
});

describe('the catalogue’s query string is forgiving', () => {
  it('cuts an over-long search instead of failing, and ignores an over-long or malformed filter', () => {
    const long = `feedback ${'x'.repeat(500)}`;
    const input = CatalogSearchInput.parse({ q: long, issuer: 'i'.repeat(500), level: 'nine', cursor: ['a', 'b'] });
    expect(input.q).toHaveLength(200);
    expect(input.q?.startsWith('feedback ')).toBe(true);
    expect(input.issuer).toBeUndefined();
    expect(input.level).toBeUndefined();
    expect(input.cursor).toBeUndefined();
  });
});

describe('a search typed in another Unicode form', () => {
  it('is read as its plain characters (NFKC): a separate accent mark joins its letter, full-width letters become plain', () => {
    expect(CatalogSearchInput.parse({ q: 'cafe\u0301' }).q).toBe('café');
    expect(CatalogSearchInput.parse({ q: '  ＦＥＥＤＢＡＣＫ　' }).q).toBe('FEEDBACK');
    // Cut after normalising: 200 plain characters, not 200 before the marks were joined.
    expect(CatalogSearchInput.parse({ q: 'e\u0301'.repeat(150) }).q).toBe('é'.repeat(150));
  });

  it('is corrected in the same form, and suggestions are written as the search reads them', () => {
    expect(correctQuery('ＦＥＥＤＢＡＫ', vocabulary)).toBe('FEEDBACK');
    // A catalogue word with a ligature is offered as the plain word a search for it would be read as.
    expect(correctQuery('feild', createVocabulary([['\uFB01eld', 3]]))).toBe('field');
  });
});
