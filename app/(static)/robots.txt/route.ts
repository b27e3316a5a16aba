// Crawlers may index the public catalogue, credential pages and portfolios, not the signed-in
// areas. Rendered once at build time (force-static): it is also the benchmark's ceiling, the
// fastest response this Next server gives (docs/benchmarks.md).
export const dynamic = 'force-static';

const BODY = `User-agent: *
Allow: /
Disallow: /api/
Disallow: /account
Disallow: /admin
Disallow: /apply
Disallow: /dashboard
Disallow: /district
Disallow: /files
Disallow: /invitations
Disallow: /notifications
Disallow: /review
`;

export function GET() {
  return new Response(BODY, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
