import { describe, expect, it } from 'vitest';
import { generateBadgeSvg, layoutTitle, renderPng } from '@/lib/credentials/badge-image';

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  // IHDR is always the first chunk: width and height follow the 8-byte signature + 8-byte header.
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('generateBadgeSvg', () => {
  const input = { title: 'Culturally Responsive Teaching', issuerName: 'Riverside USD', level: 2, color: '#0f766e' };

  it('is deterministic and accessible', () => {
    const svg = generateBadgeSvg(input);
    expect(generateBadgeSvg(input)).toBe(svg);
    expect(svg).toMatch(/role="img"/);
    const labelled = /aria-labelledby="([^" ]+) ([^"]+)"/.exec(svg);
    expect(labelled).not.toBeNull();
    expect(svg).toContain(`<title id="${labelled![1]}">Culturally Responsive Teaching, level 2</title>`);
    expect(svg).toContain(`<desc id="${labelled![2]}">Badge issued by Riverside USD</desc>`);
    expect(svg).toContain('LEVEL 2');
    // Different input -> different ids, so two badges inlined on one page do not clash.
    expect(generateBadgeSvg({ ...input, title: 'Other' })).not.toContain(labelled![1]);
  });

  it('escapes markup in user-provided text', () => {
    const svg = generateBadgeSvg({ title: '<script>alert(1)</script> & "quotes"', issuerName: 'A&B <Schools>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('A&amp;B &lt;SCHOOLS&gt;');
    expect(svg).not.toContain('LEVEL');
    // Still well-formed enough for a strict XML renderer.
    expect(() => renderPng(svg, 64)).not.toThrow();
  });

  it('wraps long titles into at most three lines, shrinking the font as needed', () => {
    const short = layoutTitle('Coaching');
    expect(short.lines).toEqual(['Coaching']);
    const long = layoutTitle('Designing Equitable Project-Based Learning Units for Multilingual Learners in Secondary Science');
    expect(long.lines.length).toBeLessThanOrEqual(3);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    const absurd = layoutTitle('word '.repeat(200));
    expect(absurd.lines).toHaveLength(3);
    expect(absurd.lines[2]).toMatch(/…$/);
  });

  it('darkens light colours until white text has at least 4.5:1 contrast', () => {
    const svg = generateBadgeSvg({ title: 'Yellow', issuerName: 'X', color: '#ffff00' });
    const base = /<stop offset="1" stop-color="(#[0-9a-f]{6})"\/>/.exec(svg)![1]!;
    expect(base).not.toBe('#ffff00');
    expect(1.05 / (luminance(base) + 0.05)).toBeGreaterThanOrEqual(4.5);
    // Invalid colours fall back to the default instead of injecting attribute text.
    expect(generateBadgeSvg({ title: 'T', issuerName: 'X', color: '"/><script>' })).not.toContain('script');
  });
});

describe('renderPng', () => {
  it('renders a PNG at the requested size', () => {
    const png = renderPng(generateBadgeSvg({ title: 'Formative Assessment', issuerName: 'Riverside USD' }), 256);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 256, height: 256 });
  });

  it('uses system fonts for the text (text changes the pixels) and survives having none', () => {
    const svg = generateBadgeSvg({ title: 'Formative Assessment', issuerName: 'Riverside USD' });
    const withFonts = renderPng(svg, 128);
    const withoutFonts = renderPng(svg, 128, { loadSystemFonts: false });
    expect(pngSize(withoutFonts)).toEqual({ width: 128, height: 128 });
    expect(Buffer.from(withFonts).equals(Buffer.from(withoutFonts))).toBe(false);
  });

  it('rejects absurd sizes', () => {
    expect(() => renderPng('<svg xmlns="http://www.w3.org/2000/svg"/>', 100_000)).toThrow(RangeError);
  });
});
