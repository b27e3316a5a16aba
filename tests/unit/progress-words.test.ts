import { describe, expect, it } from 'vitest';
import { missingFromPart, requiredPartsLine } from '@/components/evidence/progress-words';

const pdf = (partId: string) => ({ partId, status: 'UPLOADED', declaredType: 'application/pdf', detectedType: 'application/pdf' });
const text = (partId: string, wordCount = 20) => ({ partId, wordCount, links: [] as string[] });

describe('the application page’s progress line', () => {
  const parts = [
    { id: 'plan', required: true, responseType: 'TEXT' as const },
    { id: 'record', required: true, responseType: 'TEXT_AND_FILES' as const },
    { id: 'extra', required: false, responseType: 'TEXT' as const },
    { id: 'links', required: true, responseType: 'LINKS' as const },
    { id: 'reflection', required: true, responseType: 'TEXT' as const },
  ];

  it('says what it measures, ready to send, and names what is missing by the parts’ numbers', () => {
    // Part 2 has its text but no file yet: not ready, and the line says a file is what it lacks.
    const line = requiredPartsLine(parts, [text('plan'), text('record'), text('extra')], []);
    expect(line).toEqual({
      done: 1,
      total: 4,
      text: '1 of 4 required parts is ready to send. Still needed: a file in Part 2, a link in Part 4 and an answer in Part 5. Optional parts are not counted.',
    });
  });

  it('never says ready to send while a refused file is still listed, and names it', () => {
    const responses = [text('plan'), text('record'), { partId: 'links', wordCount: 1, links: ['https://example.org'] }, text('reflection')];
    const refused = { partId: 'record', status: 'REJECTED', declaredType: 'application/pdf', detectedType: null, fileName: 'fake.pdf' };
    expect(requiredPartsLine(parts, responses, [pdf('record'), refused]).text).toBe(
      'All 4 required parts have what they need. Before sending, remove the refused file: “fake.pdf” in Part 2. Optional parts are not counted.',
    );
    expect(requiredPartsLine(parts, [text('plan')], [refused]).text).toMatch(/Still needed: .*\. Before sending, remove the refused file: “fake\.pdf” in Part 2\./);
  });

  it('says when every required part is ready', () => {
    const responses = [text('plan'), text('record'), { partId: 'links', wordCount: 1, links: ['https://example.org'] }, text('reflection')];
    expect(requiredPartsLine(parts, responses, [pdf('record')]).text).toBe('All 4 required parts are ready to send. Optional parts are not counted.');
    expect(requiredPartsLine([parts[0]], [text('plan')], []).text).toBe('The required part is ready to send.');
  });

  it('tells apart a text-and-files part missing its text, its file, or both', () => {
    const part = parts[1];
    expect(missingFromPart(part, undefined, [])).toBe('an answer and a file');
    expect(missingFromPart(part, text('record'), [])).toBe('a file');
    expect(missingFromPart(part, undefined, [pdf('record')])).toBe('an answer');
    expect(missingFromPart(part, text('record'), [pdf('record')])).toBe('');
    // A file still uploading (or rejected) is not there yet.
    expect(missingFromPart(part, text('record'), [{ ...pdf('record'), status: 'PENDING' }])).toBe('a file');
  });
});
