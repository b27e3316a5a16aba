import { describe, expect, it } from 'vitest';
import { extractLinks } from '@/lib/submissions/links';

describe('links answers', () => {
  it('collects each http(s) address once, ignoring other text', () => {
    expect(extractLinks('My unit plan:\nhttps://docs.example.org/unit-7\nand the video https://video.example.org/v/1 (again https://docs.example.org/unit-7)')).toEqual([
      'https://docs.example.org/unit-7',
      'https://video.example.org/v/1',
    ]);
    expect(extractLinks('javascript:alert(1) ftp://x.org www.example.org')).toEqual([]);
  });
});
