import type { NextConfig } from 'next';

const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tests and scripts included); the build checks the app.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  reactStrictMode: true,
  typedRoutes: false,
  serverExternalPackages: ['@node-rs/argon2', '@resvg/resvg-js', 'pg', '@electric-sql/pglite', 'jsonld', 'rdf-canonize'],
  experimental: {
    // Above the largest file a form takes (2 MB for bulk enrolment) plus the form's other fields, so
    // an oversized file gets the form's own message (lib/csv-form.ts), not a generic failure.
    serverActions: { bodySizeLimit: '3mb' },
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Evidence files: the redirect to storage carries a signed URL; nothing of this site's address goes with it.
      { source: '/files/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

export default nextConfig;
