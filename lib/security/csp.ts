/** The S3 origin browsers talk to for direct uploads and signed previews. */
export function storageOrigin(e: Record<string, string | undefined> = process.env): string | null {
  const endpoint = e.S3_PUBLIC_ENDPOINT || e.S3_ENDPOINT;
  try {
    if (endpoint) return new URL(endpoint).origin;
    if (e.S3_BUCKET && e.S3_REGION) return `https://${e.S3_BUCKET}.s3.${e.S3_REGION}.amazonaws.com`;
  } catch {
    return null;
  }
  return null;
}

export function buildCsp(nonce: string, opts: { dev: boolean; storage: string | null }): string {
  const storage = opts.storage ? ` ${opts.storage}` : '';
  const directives = [
    `default-src 'self'`,
    // strict-dynamic: only scripts carrying this request's nonce (and what they load) run.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? ` 'unsafe-eval'` : ''}`,
    // Inline style attributes (progress bars, chart geometry) are needed; styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:${storage}`,
    `media-src 'self' blob:${storage}`,
    `frame-src 'self' blob:${storage}`,
    `font-src 'self'`,
    `connect-src 'self'${storage}${opts.dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  if (!opts.dev) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}
