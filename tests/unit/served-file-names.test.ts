import { describe, expect, it } from 'vitest';
import { declaredKind, extensionsOfType, FILE_KIND_INFO, FILE_KINDS, servedFileName, withoutHiddenCharacters } from '@/lib/evidence/file-types';
import { neutralFileNames, servedContentType, type NameableFile } from '@/lib/evidence/neutral-names';
import { RequestUploadInput } from '@/lib/evidence/schemas';
import { servedCertificateName } from '@/lib/external-learning/certificate-files';
import { RequestCertificateUploadInput } from '@/lib/external-learning/schemas';
import { refusalOf } from '@/components/evidence/pick-files';

// The name a stored file (evidence or a certificate) is saved under ends in an extension of the type
// it is served as, so a saved copy opens as what its bytes were checked to be: text named "plan.js"
// is never run as a script, a PNG named "x.html" never opens as a web page.

const served = (fileName: string, declaredType: string, detectedType: string | null = declaredType) => servedFileName(fileName, servedContentType({ declaredType, detectedType }), declaredType);

describe('servedFileName', () => {
  it('adds the served type’s extension to a name whose own is not of that type', () => {
    expect(served('plan.js', 'text/plain')).toBe('plan.js.txt');
    expect(served('page.html', 'text/plain')).toBe('page.html.txt');
    expect(served('lesson.vtt', 'text/plain')).toBe('lesson.vtt.txt');
    expect(served('worksheet.pdf.exe', 'application/pdf')).toBe('worksheet.pdf.exe.pdf');
    expect(served('plan', 'text/plain')).toBe('plan.txt');
    expect(served('plan.js.', 'text/plain')).toBe('plan.js..txt');
    expect(served('photo.svg', 'image/png')).toBe('photo.svg.png');
    // A type not on the evidence list (an old row) gets no extension that could mean anything.
    expect(servedFileName('x.html', 'text/html')).toBe('x.html.bin');
  });

  it('removes format characters, so a right-to-left override cannot disguise the real extension', () => {
    expect(served('notes\u202Etxt.bat', 'text/plain')).toBe('notestxt.bat.txt');
    expect(served('plan\u202Efdp.txt', 'text/plain')).toBe('planfdp.txt');
    expect(served('\u200B\u2066report.pdf', 'application/pdf')).toBe('report.pdf');
    expect(served('\u202E', 'text/plain')).toBe('file.txt');
  });

  it('keeps a name whose extension is of the served type, or of the type it was declared and found to be', () => {
    expect(served('Lesson plan.PDF', 'application/pdf')).toBe('Lesson plan.PDF');
    expect(served('notes.txt', 'text/plain')).toBe('notes.txt');
    expect(served('lesson.vtt', 'text/vtt')).toBe('lesson.vtt');
    expect(served('photo.jfif', 'image/jpeg')).toBe('photo.jfif');
    expect(served('misnamed.jpg', 'image/jpeg', 'image/png')).toBe('misnamed.jpg');
    // Recorded as plain text after its bytes were checked: it was declared a CSV, and stays one.
    expect(served('scores.csv', 'text/csv', 'text/plain')).toBe('scores.csv');
    expect(served('interview.m4a', 'audio/x-m4a', 'audio/mp4')).toBe('interview.m4a');
    expect(served('interview.webm', 'audio/webm', 'audio/webm')).toBe('interview.webm');
    expect(served('clip.mov', 'video/quicktime', 'video/mp4')).toBe('clip.mov');
    // "Some Office file": served as declared.
    expect(served('plan.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-ooxml')).toBe('plan.docx');
  });

  it('leaves blind review’s neutral names as they are, for every type a part takes', () => {
    let n = 0;
    const files: NameableFile[] = [...FILE_KINDS, 'captions' as const].flatMap((kind) =>
      FILE_KIND_INFO[kind].mimeTypes.map((mime) => ({ id: `f${++n}`, partId: 'p1', fileName: `Jane Smith ${n}.js`, declaredType: mime, detectedType: mime })),
    );
    const names = neutralFileNames(['p1'], files);
    for (const f of files) {
      const neutral = names.get(f.id)!;
      expect(neutral).toMatch(/^Part 1 – (file|captions) \d+\.[a-z0-9]+$/);
      expect(servedFileName(neutral, servedContentType(f), f.declaredType)).toBe(neutral);
    }
  });

  it('is the one certificates are served under', () => {
    expect(servedCertificateName('certificate.html', 'image/png')).toBe('certificate.html.png');
    expect(servedCertificateName('scan.JPG', 'image/jpeg')).toBe('scan.JPG');
    expect(servedCertificateName('cert\u202Egnp.pdf', 'application/pdf')).toBe('certgnp.pdf');
    for (const [name, mime] of [['a.pdf', 'application/pdf'], ['b', 'image/webp'], ['c.gif', 'image/png']]) expect(servedCertificateName(name, mime)).toBe(servedFileName(name, mime));
  });

  it('gives every evidence type its usual extension first', () => {
    expect(extensionsOfType('image/jpeg')[0]).toBe('jpg');
    expect(extensionsOfType('TEXT/PLAIN; charset=utf-8')[0]).toBe('txt');
    expect(extensionsOfType('audio/x-m4a')).toEqual(['m4a']);
    expect(extensionsOfType('__proto__')).toEqual([]);
    for (const kind of [...FILE_KINDS, 'captions' as const]) for (const mime of FILE_KIND_INFO[kind].mimeTypes) expect(extensionsOfType(mime).length, mime).toBeGreaterThan(0);
  });
});

describe('upload names are stored without control or format characters', () => {
  const input = { attemptId: 'a1', partId: 'p1', contentType: 'text/plain', size: 10 };
  it('evidence, as certificates', () => {
    expect(RequestUploadInput.parse({ ...input, fileName: 'notes\u202Etxt.bat' }).fileName).toBe('notestxt.bat');
    expect(RequestUploadInput.parse({ ...input, fileName: ' Week 3\u200B plan\r\n.txt\u0000 ' }).fileName).toBe('Week 3 plan.txt');
    expect(RequestUploadInput.safeParse({ ...input, fileName: '\u202E\u200B\n' }).success).toBe(false);
    expect(RequestCertificateUploadInput.parse({ learningId: 'l1', fileName: 'cert\u202Egnp.pdf', contentType: 'application/pdf', size: 10 }).fileName).toBe('certgnp.pdf');
    expect(withoutHiddenCharacters('a\tb\u00ADc\uFEFFd\u2067e')).toBe('abcde');
  });
});

describe('a name whose extension is not of the declared type', () => {
  it('is refused before any upload, by the server and the browser alike', () => {
    const rules = { allowedTypes: ['document', 'pdf', 'video', 'captions'] as const, maxFileBytes: 1024 ** 2 };
    for (const [name, type] of [['plan.js', 'text/plain'], ['notestxt.bat', 'text/plain'], ['page.html', 'text/plain'], ['photo.png', 'application/pdf'], ['lesson.vtt', 'text/plain'], ['notes.txt', 'text/vtt'], ['a.exe', 'video/mp4']]) {
      expect(declaredKind(name, type), name).toBeNull();
      expect(refusalOf({ name, type, size: 100 }, rules), name).toBe('type');
    }
  });

  it('but not one the type comes with, nor a name without an extension', () => {
    expect(declaredKind('lesson.vtt', 'text/vtt')?.kind).toBe('captions');
    expect(declaredKind('lesson.mp4', 'video/mp4')?.kind).toBe('video');
    expect(declaredKind('lesson.MOV', 'video/mp4')?.kind).toBe('video');
    expect(declaredKind('interview.webm', 'audio/webm;codecs=opus')?.kind).toBe('audio');
    expect(declaredKind('interview.m4a', 'audio/x-m4a')?.kind).toBe('audio');
    expect(declaredKind('photo.jfif', 'image/jpeg')?.kind).toBe('image');
    expect(declaredKind('photo.jpg', 'image/png')?.kind).toBe('image');
    expect(declaredKind('scores.csv', 'text/csv')?.kind).toBe('spreadsheet');
    expect(declaredKind('scan', 'application/pdf')?.kind).toBe('pdf');
    expect(declaredKind('scan.PDF', '')?.kind).toBe('pdf');
  });
});
