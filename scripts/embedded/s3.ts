import fs from 'node:fs/promises';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { pickPort } from './ports';

/**
 * Embedded S3-compatible server (s3rver, patched: see patches/@20minutes+s3rver+4.0.4.patch) for
 * development and tests. It checks SigV4 signatures and presigned-URL expiry like S3, but does not
 * enforce presigned POST policies and accepts unsigned requests, so the app must still validate
 * uploads itself.
 */

/** s3rver's built-in account. */
export const EMBEDDED_S3_ACCESS_KEY_ID = 'S3RVER';
export const EMBEDDED_S3_SECRET_ACCESS_KEY = 'S3RVER';
export const EMBEDDED_S3_REGION = 'us-east-1';
export const EMBEDDED_S3_DEFAULT_BUCKET = 'microcred';
export const EMBEDDED_S3_DEFAULT_PORT = 4568;

/**
 * Browsers upload straight to storage with presigned URLs (single PUT and multipart parts), so
 * every origin may PUT/GET/HEAD/POST and the ETag header must be readable: multipart completion
 * needs each part's ETag.
 */
export const UPLOAD_CORS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`;

export interface StartEmbeddedS3Options {
  /** Folder holding buckets and objects (e.g. `.data/s3`); created when missing. */
  dataDir: string;
  /** Port on 127.0.0.1; default: 4568 when free, else any free port. */
  port?: number;
  /** Bucket created (with UPLOAD_CORS_XML) before the server accepts requests. */
  bucket?: string;
  /** Log every request to stdout (default false). */
  verbose?: boolean;
}

export interface EmbeddedS3 {
  /** e.g. http://127.0.0.1:4568 */
  endpoint: string;
  port: number;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: true;
  /** The S3_* variables lib/env.ts reads, pointing at this server. */
  env: {
    S3_ENDPOINT: string;
    S3_BUCKET: string;
    S3_REGION: string;
    S3_ACCESS_KEY_ID: string;
    S3_SECRET_ACCESS_KEY: string;
    S3_FORCE_PATH_STYLE: 'true';
  };
  stop(): Promise<void>;
}

export async function startEmbeddedS3(options: StartEmbeddedS3Options): Promise<EmbeddedS3> {
  const dataDir = path.resolve(options.dataDir);
  const bucket = options.bucket ?? EMBEDDED_S3_DEFAULT_BUCKET;
  await fs.mkdir(dataDir, { recursive: true });
  const port = options.port ?? (await pickPort(EMBEDDED_S3_DEFAULT_PORT));

  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory: dataDir,
    silent: !options.verbose,
    // Path-style only: a hostname that is not an IP would otherwise be read as a bucket name.
    vhostBuckets: false,
    configureBuckets: [{ name: bucket, configs: [UPLOAD_CORS_XML] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    // Keep-alive sockets from SDK clients would hold close() open indefinitely.
    stopped ??= new Promise<void>((resolve) => {
      const http = server.httpServer;
      if (!http) return resolve();
      http.close(() => resolve());
      http.closeAllConnections();
    });
    return stopped;
  };

  return {
    endpoint,
    port: address.port,
    bucket,
    region: EMBEDDED_S3_REGION,
    accessKeyId: EMBEDDED_S3_ACCESS_KEY_ID,
    secretAccessKey: EMBEDDED_S3_SECRET_ACCESS_KEY,
    forcePathStyle: true,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: EMBEDDED_S3_REGION,
      S3_ACCESS_KEY_ID: EMBEDDED_S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: EMBEDDED_S3_SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop,
  };
}
