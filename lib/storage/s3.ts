import 'server-only';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { env } from '@/lib/env';
import { DomainError, unavailable } from '@/lib/errors';

/**
 * A storage call whose outage becomes `message`, words the person can act on (UNAVAILABLE); the
 * SDK's own error goes to the log under `tag`. A DomainError thrown inside passes through as it is.
 */
export async function withStorage<T>(tag: string, message: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    console.warn(`[${tag}] storage call failed:`, e instanceof Error ? e.message : e);
    throw unavailable(message);
  }
}

let serverClient: S3Client | undefined;
let presignClient: S3Client | undefined;

function makeClient(endpoint: string | undefined) {
  const e = env();
  return new S3Client({
    region: e.S3_REGION,
    endpoint,
    forcePathStyle: e.S3_FORCE_PATH_STYLE || Boolean(endpoint),
    credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
    // With the SDK defaults, presigned PUTs carry an empty-body CRC32 that S3, R2 and MinIO reject.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

export function s3(): S3Client {
  return (serverClient ??= makeClient(env().S3_ENDPOINT));
}

/** Presigned URLs must name the host browsers can reach, which may differ from the server's. */
function s3Presign(): S3Client {
  const e = env();
  if (!e.S3_PUBLIC_ENDPOINT || e.S3_PUBLIC_ENDPOINT === e.S3_ENDPOINT) return s3();
  return (presignClient ??= makeClient(e.S3_PUBLIC_ENDPOINT));
}

const bucket = () => env().S3_BUCKET;

export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
export const VIEW_URL_TTL_SECONDS = 5 * 60;
/**
 * Above this size the browser uploads in parts (needed past 5 GB): a connection dropping costs the
 * part it was sending, retried on its own, not the whole file, which matters for phone video.
 */
export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
/** Uploads under way were told this size when they started: changing it breaks them. */
export const PART_SIZE = 16 * 1024 * 1024;

export async function presignPut(key: string, contentType: string, contentLength: number) {
  return getSignedUrl(s3Presign(), new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: contentType, ContentLength: contentLength }), {
    expiresIn: UPLOAD_URL_TTL_SECONDS,
    signableHeaders: new Set(['content-type']),
  });
}

export async function createMultipart(key: string, contentType: string, cacheControl?: string) {
  const out = await s3().send(new CreateMultipartUploadCommand({ Bucket: bucket(), Key: key, ContentType: contentType, CacheControl: cacheControl }));
  if (!out.UploadId) throw new Error('S3 did not return an upload id');
  return out.UploadId;
}

/** A URL for one part of a multipart upload, signed for exactly `contentLength` bytes (storage refuses any other length). */
export async function presignPart(key: string, uploadId: string, partNumber: number, contentLength: number) {
  return getSignedUrl(s3Presign(), new UploadPartCommand({ Bucket: bucket(), Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: contentLength }), {
    expiresIn: UPLOAD_URL_TTL_SECONDS,
    signableHeaders: new Set(['content-length']),
  });
}

export async function completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]) {
  await s3().send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket(),
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts.sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }),
  );
}

/** Above this size a server-side copy goes part by part (one CopyObject handles at most 5 GB). */
export const COPY_PART_SIZE = 512 * 1024 * 1024;

/**
 * Stored with every copied object: evidence (classroom video, pupils' work) is personal, so no
 * shared cache (a proxy, a CDN in front of the bucket) may keep it, nor a browser write it to disk.
 */
export const PRIVATE_OBJECT_CACHE_CONTROL = 'private, no-store';
/**
 * Signed into every view URL (the response's Cache-Control): a file opened on a shared school
 * computer is not kept in its cache for the next person, and a removed file cannot be shown again
 * from a cache once its short-lived URL has run out.
 */
export const VIEW_CACHE_CONTROL = 'private, no-store, max-age=0';

/**
 * Copies an object inside the bucket, server-side (no bytes pass through the app). Keys here are
 * generated (hex and "/"), so they need no escaping in the copy source.
 */
export async function copyObject(from: string, to: string, size: number, contentType: string, partSize = COPY_PART_SIZE) {
  const CopySource = `${bucket()}/${from}`;
  if (size <= partSize) {
    await s3().send(new CopyObjectCommand({ Bucket: bucket(), Key: to, CopySource, ContentType: contentType, CacheControl: PRIVATE_OBJECT_CACHE_CONTROL, MetadataDirective: 'REPLACE' }));
    return;
  }
  const uploadId = await createMultipart(to, contentType, PRIVATE_OBJECT_CACHE_CONTROL);
  try {
    const parts: { partNumber: number; etag: string }[] = [];
    for (let start = 0, n = 1; start < size; start += partSize, n++) {
      const end = Math.min(start + partSize, size) - 1;
      const out = await s3().send(new UploadPartCopyCommand({ Bucket: bucket(), Key: to, UploadId: uploadId, PartNumber: n, CopySource, CopySourceRange: `bytes=${start}-${end}` }));
      parts.push({ partNumber: n, etag: out.CopyPartResult?.ETag ?? '' });
    }
    await completeMultipart(to, uploadId, parts);
  } catch (e) {
    await abortMultipart(to, uploadId);
    throw e;
  }
}

export async function abortMultipart(key: string, uploadId: string) {
  await abortMultipartOrThrow(key, uploadId).catch(() => undefined);
}

/**
 * Aborting an upload that is already gone succeeds; a storage outage throws, so a job retries. A
 * server without the operation (405/501: the embedded development server) cannot be helped by
 * retrying; there, and as a safety net anywhere, a bucket lifecycle rule that aborts incomplete
 * multipart uploads after a few days removes the parts (README, "Using your own Postgres and S3").
 */
export async function abortMultipartOrThrow(key: string, uploadId: string) {
  try {
    await s3().send(new AbortMultipartUploadCommand({ Bucket: bucket(), Key: key, UploadId: uploadId }));
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (e as Error).name === 'NoSuchUpload') return;
    if (status === 405 || status === 501) {
      console.warn(`storage: this S3 server cannot abort multipart uploads (${status}); ${key} keeps its parts until a lifecycle rule removes them`);
      return;
    }
    throw e;
  }
}

export async function headObject(key: string): Promise<{ size: number; contentType?: string } | null> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return { size: Number(out.ContentLength ?? 0), contentType: out.ContentType };
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (e as Error).name === 'NotFound' || (e as Error).name === 'NoSuchKey') return null;
    throw e;
  }
}

/** The first bytes of an object, for content sniffing, without downloading the whole file. */
export async function readHead(key: string, bytes = 4100): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: `bytes=0-${bytes - 1}` }));
  return out.Body ? new Uint8Array(await out.Body.transformToByteArray()) : new Uint8Array();
}

export async function getObjectBytes(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return out.Body ? new Uint8Array(await out.Body.transformToByteArray()) : new Uint8Array();
}

export async function putObject(key: string, body: Uint8Array | string, contentType: string) {
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
}

/**
 * Best effort: a failure is ignored. An object that must go (a teacher's evidence) is deleted
 * through a queued job instead (lib/storage/deletion.ts), which retries until storage answers.
 */
export async function deleteObject(key: string) {
  await deleteObjectOrThrow(key).catch(() => undefined);
}

/** Deleting a missing object succeeds (S3 semantics); a storage outage throws, so a job retries. */
export async function deleteObjectOrThrow(key: string) {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/**
 * A short-lived signed GET. `inline` previews in the browser; otherwise the file downloads. The
 * response is never cached (VIEW_CACHE_CONTROL), whatever the object was stored with.
 */
export async function presignGet(key: string, opts: { fileName: string; contentType: string; inline: boolean }) {
  const disposition = `${opts.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(opts.fileName)}`;
  return getSignedUrl(
    s3Presign(),
    new GetObjectCommand({ Bucket: bucket(), Key: key, ResponseContentDisposition: disposition, ResponseContentType: opts.contentType, ResponseCacheControl: VIEW_CACHE_CONTROL }),
    { expiresIn: VIEW_URL_TTL_SECONDS },
  );
}
