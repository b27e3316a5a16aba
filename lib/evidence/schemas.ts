import { z } from 'zod';

export const RequestUploadInput = z.object({
  attemptId: z.string().min(1).max(40),
  partId: z.string().min(1).max(40),
  fileName: z.string().trim().min(1, 'The file needs a name.').max(255, 'The file name is too long (255 characters at most).'),
  contentType: z.string().trim().max(200).default('application/octet-stream'),
  size: z.coerce.number().int().min(1, 'That file is empty.').max(50 * 1024 ** 3),
});

export const PresignPartsInput = z.object({
  fileId: z.string().min(1).max(40),
  partNumbers: z.array(z.coerce.number().int().min(1).max(10_000)).min(1).max(100),
});

export const CompleteUploadInput = z.object({
  fileId: z.string().min(1).max(40),
  parts: z.array(z.object({ partNumber: z.coerce.number().int().min(1).max(10_000), etag: z.string().min(1).max(200) })).max(10_000).optional(),
});

export const FileIdInput = z.object({ fileId: z.string().min(1).max(40) });
