import { z } from 'zod';
import { str } from '@/lib/zod-text';


export const RequestUploadInput = z.object({
  attemptId: str().min(1).max(40),
  partId: str().min(1).max(40),
  fileName: str().trim().min(1, 'The file needs a name.').max(255, 'The file name is too long (255 characters at most).'),
  contentType: str().trim().max(200).default('application/octet-stream'),
  size: z.coerce.number().int().min(1, 'That file is empty.').max(50 * 1024 ** 3),
});

export const PresignPartsInput = z.object({
  fileId: str().min(1).max(40),
  partNumbers: z.array(z.coerce.number().int().min(1).max(10_000)).min(1).max(100),
});

export const CompleteUploadInput = z.object({
  fileId: str().min(1).max(40),
  parts: z.array(z.object({ partNumber: z.coerce.number().int().min(1).max(10_000), etag: str().min(1).max(200) })).max(10_000).optional(),
});

export const FileIdInput = z.object({ fileId: str().min(1).max(40) });
