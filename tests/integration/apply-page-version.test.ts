// The line under the application's title (/apply/{slug}): which attempt this is and which version of
// the requirements it answers, in plain words. An application keeps the version it was started on,
// so once the issuer publishes a newer one the line says so. Published and started through the real
// domain code; the page rendered as the teacher gets it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createPublishedCredential, sampleDefinition } from '../factories';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const applyLine = async (slug: string) => {
  const text = textOf(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) })));
  return /· attempt \d+ · [^\n]*?requirements(?: \([^)]*\))?/.exec(text)?.[0];
};

describe('the attempt and the requirements it answers', () => {
  it('are said in plain words, and a newer version published since is named as not the one being answered', async () => {
    const { admin, mc } = await createPublishedCredential({ def: sampleDefinition({ title: 'Exit Tickets' }) });
    const teacher = await createActor();
    session.actor = teacher;
    await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect(await applyLine(mc.slug)).toBe('· attempt 1 · version 1 of the requirements');

    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: mc.slug, title: 'Exit Tickets, revised' }) });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await applyLine(mc.slug)).toBe('· attempt 1 · version 1 of the requirements (the one you started on; a newer version has been published since)');

    // Someone starting now answers the newer version, with nothing to explain.
    session.actor = await createActor();
    await startApplication({ actor: session.actor, microCredentialId: mc.id });
    expect(await applyLine(mc.slug)).toBe('· attempt 1 · version 2 of the requirements');
  });
});
