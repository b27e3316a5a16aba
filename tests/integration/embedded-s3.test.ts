import { randomBytes, randomUUID } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { beforeAll, describe, expect, it } from 'vitest';

// The embedded S3 (patched s3rver) stands in for real S3 in dev and tests. These tests pin down the
// behaviour the upload flow relies on: SigV4 checks, presigned PUT/GET, multipart with readable
// ETags, pagination, and expiry.

function client() {
  return new S3Client({
    endpoint: process.env.S3_ENDPOINT,
    region: process.env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

const s3 = client();
const bucket = `it-${randomUUID().slice(0, 8)}`;
const origin = 'http://localhost:3000';

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ['*'],
            AllowedMethods: ['PUT', 'GET', 'HEAD', 'POST'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
});

describe('embedded S3', () => {
  it('serves the configured app bucket with a CORS rule that exposes ETag', async () => {
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: process.env.S3_BUCKET }));
    const rule = cors.CORSRules?.[0];
    expect(rule?.AllowedMethods).toEqual(expect.arrayContaining(['PUT', 'GET', 'HEAD', 'POST']));
    expect(rule?.ExposeHeaders).toContain('ETag');
  });

  it('accepts a browser-style presigned PUT and serves HEAD and ranged GET', async () => {
    const key = `evidence/${randomUUID()}/lesson plan.pdf`;
    const body = Buffer.from('%PDF-1.7\n' + 'x'.repeat(2000));
    const putUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: 'application/pdf' }),
      { expiresIn: 300 },
    );

    const preflight = await fetch(putUrl, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');

    const put = await fetch(putUrl, { method: 'PUT', body, headers: { 'Content-Type': 'application/pdf', Origin: origin } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(put.headers.get('access-control-expose-headers')).toContain('ETag');

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ContentType).toBe('application/pdf');

    const ranged = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-7' }));
    expect(await ranged.Body!.transformToString()).toBe('%PDF-1.7');

    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
    const download = await fetch(getUrl);
    expect(Buffer.from(await download.arrayBuffer()).equals(body)).toBe(true);
  });

  it('rejects a request with a wrong signature', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'anything' }), { expiresIn: 60 });
    const tampered = url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`);
    const response = await fetch(tampered);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('SignatureDoesNotMatch');
  });

  it('rejects an expired presigned URL', async () => {
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: 'late.txt' }),
      { expiresIn: 60, signingDate: new Date(Date.now() - 5 * 60_000) },
    );
    const response = await fetch(url, { method: 'PUT', body: 'too late' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });

  it('pages through ListObjectsV2 with continuation tokens', async () => {
    const prefix = `list/${randomUUID()}/`;
    const keys = Array.from({ length: 7 }, (_, i) => `${prefix}file-${i}.txt`);
    await Promise.all(keys.map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }))));

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 3, ContinuationToken: token }),
      );
      seen.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      pages++;
    } while (token);

    expect(pages).toBe(3);
    expect(seen).toEqual(keys);
  });

  it('completes a multipart upload whose parts were PUT to presigned URLs', async () => {
    const key = `video/${randomUUID()}.mp4`;
    const partSize = 5 * 1024 * 1024; // S3's minimum for every part but the last
    const data = randomBytes(partSize + 1024);
    const parts = [data.subarray(0, partSize), data.subarray(partSize)];

    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'video/mp4' }),
    );
    const uploaded = [];
    for (const [index, part] of parts.entries()) {
      const PartNumber = index + 1;
      const url = await getSignedUrl(s3, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber }), {
        expiresIn: 300,
      });
      const response = await fetch(url, { method: 'PUT', body: part, headers: { Origin: origin } });
      expect(response.status).toBe(200);
      const ETag = response.headers.get('etag');
      expect(ETag).toBeTruthy();
      uploaded.push({ ETag: ETag!, PartNumber });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: uploaded } }),
    );

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(data.length);
    const tail = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${partSize}-` }));
    expect(Buffer.from(await tail.Body!.transformToByteArray()).equals(parts[1])).toBe(true);
  });
});
