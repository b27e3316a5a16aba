import { describe, expect, it } from 'vitest';
import { neutralFileNames, showsOriginalFileNames, withViewerFileNames, type NameableFile } from '@/lib/evidence/neutral-names';
import { pairCaptions } from '@/lib/evidence/file-types';

let n = 0;
const file = (partId: string, fileName: string, declaredType: string, detectedType: string | null = declaredType): NameableFile => ({ id: `f${++n}`, partId, fileName, declaredType, detectedType });

describe('neutral evidence file names', () => {
  it('numbers files per part in upload order, keeping only a safe extension', () => {
    const files = [
      file('p2', 'Jane Smith.JPEG', 'image/jpeg'),
      file('p1', 'Lincoln MS.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-ooxml'),
      file('p2', 'renamed-by-Jane.pdf', 'video/mp4'),
      file('p2', 'no extension at all', 'audio/x-m4a'),
      file('p2', 'notes.txt.exe', 'text/plain'),
    ];
    const names = neutralFileNames(['p1', 'p2'], files);
    expect(files.map((f) => names.get(f.id))).toEqual([
      'Part 2 – file 1.jpeg',
      'Part 1 – file 1.docx',
      'Part 2 – file 2.mp4',
      'Part 2 – file 3.m4a',
      'Part 2 – file 4.txt',
    ]);
  });

  it('names a captions file after its video, so pairing by name pairs the same files', () => {
    const intro = file('p1', 'intro.mov', 'video/quicktime');
    const lessonCaptions = file('p1', 'Lesson.vtt', 'text/vtt');
    const lesson = file('p1', 'lesson.mp4', 'video/mp4');
    const stray = file('p1', 'old.vtt', 'text/vtt');
    const files = [intro, lessonCaptions, lesson, stray];
    const names = neutralFileNames(['p1'], files);
    expect(names.get(lessonCaptions.id)).toBe('Part 1 – file 2.vtt');
    // Left over after the name match, it goes to the video left over, as pairCaptions does.
    expect(names.get(stray.id)).toBe('Part 1 – file 1.vtt');
    const renamed = withViewerFileNames(files, { partIds: ['p1'], original: false });
    expect(new Map([...pairCaptions(renamed)].map(([v, c]) => [v, c.id]))).toEqual(new Map([...pairCaptions(files)].map(([v, c]) => [v, c.id])));
  });

  it('captions belonging to no video are numbered apart', () => {
    const video = file('p1', 'a.mp4', 'video/mp4');
    const own = file('p1', 'a.vtt', 'text/vtt');
    const extra = file('p1', 'b.vtt', 'text/vtt');
    const names = neutralFileNames(['p1'], [video, own, extra]);
    expect([names.get(own.id), names.get(extra.id)]).toEqual(['Part 1 – file 1.vtt', 'Part 1 – captions 1.vtt']);
  });

  it('only the owner, or anyone when the issuer does not review blind, sees the real names', () => {
    expect(showsOriginalFileNames({ blindReview: true }, 'teacher', 'teacher')).toBe(true);
    expect(showsOriginalFileNames({ blindReview: true }, 'reviewer', 'teacher')).toBe(false);
    expect(showsOriginalFileNames({ blindReview: false }, 'reviewer', 'teacher')).toBe(true);
    const files = [file('p1', 'Jane.pdf', 'application/pdf')];
    expect(withViewerFileNames(files, { partIds: ['p1'], original: true })[0].fileName).toBe('Jane.pdf');
    expect(withViewerFileNames(files, { partIds: ['p1'], original: false })[0].fileName).toBe('Part 1 – file 1.pdf');
  });
});
