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

/**
 * Where a form of this site may end up besides itself. Browsers hold a form post's redirects to
 * form-action too, so without JavaScript (or before the page has loaded) "Continue with Google"
 * (a post answered with a redirect to the provider) and signing in from a file link (a post
 * redirected to the file's signed storage URL) would be blocked with `'self'` alone: the configured
 * sign-in providers and the storage origin are allowed.
 */
export function formTargets(e: Record<string, string | undefined> = process.env): string[] {
  const targets: string[] = [];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) targets.push('https://accounts.google.com');
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    let entra = 'https://login.microsoftonline.com';
    try {
      if (e.AUTH_MICROSOFT_ENTRA_ID_ISSUER) entra = new URL(e.AUTH_MICROSOFT_ENTRA_ID_ISSUER).origin;
    } catch {
      // A malformed issuer fails sign-in itself; the usual origin is allowed meanwhile.
    }
    targets.push(entra);
  }
  const storage = storageOrigin(e);
  if (storage) targets.push(storage);
  return targets;
}

export function buildCsp(nonce: string, opts: { dev: boolean; storage: string | null; formTargets?: string[] }): string {
  const storage = opts.storage ? ` ${opts.storage}` : '';
  const forms = (opts.formTargets ?? []).map((t) => ` ${t}`).join('');
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
    `form-action 'self'${forms}`,
    `frame-ancestors 'none'`,
  ];
  if (!opts.dev) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}
