// An issuer's contact address, kept by its admins on the settings page, is shown to teachers on the
// issuer's public page ("Questions? Email … at …", a mailto link). Those pages are served to
// anonymous visitors from each server's page cache (ADR 006), so changing only the address must
// drop this server's cached issuer and micro-credential pages at once and tell every other server.
// Real Postgres; the page origin is a real HTTP server on loopback.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { textOf } from '../setup/html';
import { createOrg, createPublishedCredential } from '../factories';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { PAGE_CACHE_CHANNEL } from '@/lib/http/page-cache-sync';
import { initialActionState } from '@/lib/action-result';
import { pageOriginForTests } from '../setup/page-origin';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));

const { default: IssuerPage } = await import('@/app/issuers/[slug]/page');
const { issuerProfileAction } = await import('@/app/admin/settings/actions');

const origin = pageOriginForTests();
beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});
afterEach(() => {
  vi.unstubAllEnvs();
  clearPageCache();
});

const issuerPage = async (slug: string) => renderToStaticMarkup(await IssuerPage({ params: Promise.resolve({ slug }) }));
const contact = (html: string) => {
  const m = /<p[^>]*data-issuer-contact[^>]*>([\s\S]*?)<\/p>/.exec(html);
  return m ? { text: textOf(m[1]), href: /href="([^"]+)"/.exec(m[1])?.[1] ?? null } : null;
};

describe('the contact address on an issuer’s page', () => {
  it('says whom to email and links the address, and says nothing when there is none', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Acme Learning', data: { email: 'help@acme.example' } });
    expect(contact(await issuerPage(issuer.slug))).toEqual({ text: 'Questions? Email Acme Learning at help@acme.example', href: 'mailto:help@acme.example' });
    const quiet = await createOrg({ kind: 'ISSUER', name: 'Quiet Issuer' });
    expect(contact(await issuerPage(quiet.slug))).toBeNull();
  });

  it('reaches anonymous visitors as soon as an admin changes only the address: every server drops its cached pages', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const { issuer, admin, mc } = await createPublishedCredential();
    await db.organization.update({ where: { id: issuer.id }, data: { email: 'old@acme.example' } });
    const keys = [`/issuers/${issuer.slug}`, `/micro-credentials/${mc.slug}`];
    // Another server: a LISTEN connection of its own counts the notices.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    let notices = 0;
    other.on('notification', (msg) => {
      if (msg.channel === PAGE_CACHE_CHANNEL) notices++;
    });
    await other.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
    try {
      for (const key of keys) await getOrRender(origin.url(), key);
      for (const key of keys) expect(freshPage(key)).toBeDefined();

      session.actor = admin;
      const { name, description, url, linkedinOrganizationId, updatedAt } = await db.organization.findUniqueOrThrow({ where: { id: issuer.id } });
      const r = await issuerProfileAction(initialActionState, form({ organizationId: issuer.id, seenAt: updatedAt.toISOString(), name, description, url: url ?? '', linkedinOrganizationId: linkedinOrganizationId ?? '', email: 'questions@acme.example' }));
      expect(r).toMatchObject({ ok: true });
      for (const key of keys) expect(freshPage(key)).toBeUndefined();
      const start = Date.now();
      while (notices < 1 && Date.now() - start < 5_000) await new Promise((res) => setTimeout(res, 20));
      expect(notices).toBe(1);
    } finally {
      await other.end();
    }
    expect(contact(await issuerPage(issuer.slug))?.href).toBe('mailto:questions@acme.example');
  });
});
