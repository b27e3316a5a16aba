import { describe, expect, it } from 'vitest';
import { countWords } from '@/lib/submissions/words';
import { findIncompleteParts, type PartSpec } from '@/lib/submissions/completeness';
import { addBusinessDays, businessDaysBetween } from '@/lib/review/sla';

describe('word count', () => {
  it('counts words as a teacher would', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   ')).toBe(0);
    expect(countWords("Students' well-being isn't optional.")).toBe(4);
    expect(countWords('Élèves — 12 groupes, 3 rôles')).toBe(5);
    expect(countWords('line one\n\nline two')).toBe(4);
  });
});

describe('completeness', () => {
  const parts: PartSpec[] = [
    { id: 'a', title: 'Context', responseType: 'TEXT', required: true, wordLimit: 5, maxFiles: 1 },
    { id: 'b', title: 'Work', responseType: 'FILES', required: true, wordLimit: null, maxFiles: 2 },
    { id: 'c', title: 'Extra', responseType: 'TEXT', required: false, wordLimit: null, maxFiles: 1 },
    { id: 'd', title: 'Links', responseType: 'LINKS', required: true, wordLimit: null, maxFiles: 1 },
  ];
  it('names each missing or invalid part', () => {
    const problems = findIncompleteParts(parts, new Map([['a', { text: 'one two three four five six', links: [], uploadedFiles: 0, pendingFiles: 0 }], ['b', { text: '', links: [], uploadedFiles: 0, pendingFiles: 1 }]]));
    // Keyed by where each is fixed: the answer box or the files.
    expect(problems.get('a.answer')).toEqual(['“Context” has 6 words; the limit is 5.']);
    expect(problems.get('b.files')).toEqual(['A file in “Work” has not finished uploading. If it is still uploading, wait for it to finish; if its upload stopped (the page was closed or the connection dropped), remove it and choose the file again.', 'Upload at least one file for “Work”.']);
    expect([...problems.keys()].some((k) => k.startsWith('c.'))).toBe(false);
    expect(problems.get('d.answer')).toEqual(['Add at least one link for “Links”.']);
    // Words about files in a part's title do not send the fix to the files.
    const titled: PartSpec[] = [{ id: 'e', title: 'Files and folders', responseType: 'TEXT_AND_FILES', required: true, wordLimit: null, maxFiles: 1 }];
    expect([...findIncompleteParts(titled, new Map([['e', { text: '', links: [], uploadedFiles: 1, pendingFiles: 0 }]])).keys()]).toEqual(['e.answer']);
  });
  it('refuses more captions files than videos in a part', () => {
    const withVideo: PartSpec[] = [{ id: 'v', title: 'Lesson video', responseType: 'FILES', required: true, wordLimit: null, maxFiles: 1 }];
    const answer = (videoFiles: number, captionFiles: number) => new Map([['v', { text: '', links: [], uploadedFiles: videoFiles, pendingFiles: 0, videoFiles, captionFiles }]]);
    expect(findIncompleteParts(withVideo, answer(1, 1)).size).toBe(0);
    expect(findIncompleteParts(withVideo, answer(1, 2)).get('v.files')).toEqual(['“Lesson video” has more captions files than videos (one per video): remove the extra ones.']);
  });
  it('is empty when everything required is there', () => {
    const answers = new Map([
      ['a', { text: 'short answer', links: [], uploadedFiles: 0, pendingFiles: 0 }],
      ['b', { text: '', links: [], uploadedFiles: 2, pendingFiles: 0 }],
      ['d', { text: '', links: ['https://example.org'], uploadedFiles: 0, pendingFiles: 0 }],
    ]);
    expect(findIncompleteParts(parts, answers).size).toBe(0);
  });
});

describe('service level clock', () => {
  it('skips weekends', () => {
    const friday = new Date('2026-11-20T10:00:00Z');
    expect(addBusinessDays(friday, 1).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(addBusinessDays(friday, 14).toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(businessDaysBetween(friday, new Date('2026-11-27T10:00:00Z'))).toBe(5);
    expect(businessDaysBetween(new Date('2026-11-27T10:00:00Z'), friday)).toBe(-5);
  });
});
