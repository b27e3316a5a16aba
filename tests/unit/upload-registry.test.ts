import { describe, expect, it, vi } from 'vitest';
import { isUploadingHere, releaseUpload, subscribeUploadsHere, trackUpload } from '@/components/evidence/upload-registry';

describe('uploads handled in this tab', () => {
  it('marks a file as this tab’s until released, telling the file list each time it changes', () => {
    const changed = vi.fn();
    const unsubscribe = subscribeUploadsHere(changed);
    expect(isUploadingHere('f1')).toBe(false);
    trackUpload('f1');
    expect(isUploadingHere('f1')).toBe(true);
    expect(isUploadingHere('f2')).toBe(false);
    expect(changed).toHaveBeenCalledTimes(1);
    // Tracked twice (a Retry that resumes): no change to tell.
    trackUpload('f1');
    expect(changed).toHaveBeenCalledTimes(1);
    releaseUpload('f1');
    expect(isUploadingHere('f1')).toBe(false);
    expect(changed).toHaveBeenCalledTimes(2);
    releaseUpload('f1');
    expect(changed).toHaveBeenCalledTimes(2);
    unsubscribe();
    trackUpload('f3');
    expect(changed).toHaveBeenCalledTimes(2);
    expect(isUploadingHere('f3')).toBe(true);
    releaseUpload('f3');
  });
});
