// An issued badge's files (/credentials/{id}/certificate.pdf, badge.png, badge.svg,
// credential.json) for an id that is no badge: all four answer 404, the same way. Opened in a
// browser tab (Accept names text/html), a small page says so and where to go next; an <img>, a
// download or a verifier gets one plain sentence (JSON for credential.json), never an error from
// inside the app. A real badge is unaffected by what the request accepts. Real Postgres.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { startApplication } from '@/lib/submissions/mutations';
import { GET as badgePngGET } from '@/app/credentials/[id]/badge.png/route';
import { GET as badgeSvgGET } from '@/app/credentials/[id]/badge.svg/route';
import { GET as certificateGET } from '@/app/credentials/[id]/certificate.pdf/route';
import { GET as credentialJsonGET } from '@/app/credentials/[id]/credential.json/route';

beforeEach(resetDatabase);

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

// What a browser sends for a page load in a tab, and for an <img>.
const TAB = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const IMG = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

const FILES = [
  ['certificate.pdf', certificateGET, 'certificate'],
  ['badge.png', badgePngGET, 'badge'],
  ['badge.svg', badgeSvgGET, 'badge'],
  ['credential.json', credentialJsonGET, 'badge'],
] as const;

function get(handler: Handler, id: string, file: string, accept?: string) {
  return handler(new Request(`http://127.0.0.1:3100/credentials/${encodeURIComponent(id)}/${file}`, { headers: accept ? { accept } : {} }), { params: Promise.resolve({ id }) });
}

const UNKNOWN = ['6f1c1a52-6f1c-4a52-8a52-6f1c1a526f1c', 'not-a-badge', '../../etc/passwd'];
const sentence = () => `No badge was found at this address. Check the link, or check a badge at ${new URL('/verify', env().APP_URL)}.`;

describe('an unknown badge’s files, opened in a browser tab', () => {
  it.each(FILES)('%s: a 404 page with a language, a title, a heading, a plain sentence and links to verify and home', async (file, handler, what) => {
    for (const id of UNKNOWN) {
      const res = await get(handler, id, file, TAB);
      expect(res.status, id).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('vary')).toBe('Accept');
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain(`<title>${what === 'certificate' ? 'Certificate' : 'Badge'} not found · Microcred</title>`);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain(`<h1>We could not find that ${what}</h1>`);
      expect(html).toContain('<p>No badge issued here has this address. The link may be mistyped or cut short');
      expect(html).toContain('<a href="/verify">Verify a badge</a>');
      expect(html).toContain('<a href="/">Go to the home page</a>');
      expect(html).toContain('<main>');
      // What was asked for is not repeated back.
      expect(html).not.toContain('passwd');
      // Its styles are allowed by their hash, and nothing else may load or run.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      expect(csp).toContain("default-src 'none'");
      expect(html).not.toContain('<script');
      // A visible focus ring for the links.
      expect(style).toContain(':focus-visible{outline:2px solid');
    }
  });
});

describe('an unknown badge’s files, fetched by an <img>, a download or a verifier', () => {
  it.each(FILES)('%s: a 404 with one plain sentence, no page, no error from inside the app', async (file, handler) => {
    for (const accept of [undefined, IMG, 'application/json']) {
      for (const id of UNKNOWN) {
        const res = await get(handler, id, file, accept);
        expect(res.status, `${accept} ${id}`).toBe(404);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const body = await res.text();
        expect(body).not.toMatch(/Internal|Error:|\sat .*\(|<html/);
        if (file === 'credential.json') {
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(JSON.parse(body)).toEqual({ error: 'Not found', message: sentence() });
        } else {
          expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
          expect(body).toBe(`${sentence()}\n`);
        }
      }
    }
  });
});

describe('a real badge’s files', () => {
  it('are served as before, whatever the request accepts', async () => {
    const { mc } = await createPublishedCredential();
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
    const { awardId } = await issueAwardForSubmission(sub.id);
    const expected = { 'certificate.pdf': 'application/pdf', 'badge.png': 'image/png', 'badge.svg': 'image/svg+xml; charset=utf-8', 'credential.json': 'application/vc+ld+json; charset=utf-8' };
    for (const [file, handler] of FILES) {
      for (const accept of [TAB, IMG, undefined]) {
        const res = await get(handler, awardId, file, accept);
        expect(res.status, `${file} ${accept}`).toBe(200);
        expect(res.headers.get('content-type'), `${file} ${accept}`).toBe(expected[file]);
      }
    }
  });
});
