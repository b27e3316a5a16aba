// The level of a micro-credential in the same words on its page (/micro-credentials/{slug}), addressed
// to the teacher reading it ("your own classroom"), and on the page of one of its versions
// (/micro-credentials/{slug}/versions/{n}), which verifiers also read ("the teacher’s"): both say it
// with levelInWords (components/credentials/level-words.ts), as the badge page does.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createPublishedCredential } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: VersionPage } = await import('@/app/micro-credentials/[slug]/versions/[n]/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** The words of the first pill that names a level (the badge mark's own text is not a pill). */
const levelPill = (html: string) => /<span[^>]*>(Level \d[^<]*)<\/span>/.exec(html)?.[1] ?? null;

describe('the level of a micro-credential, in words', () => {
  for (const [level, mine, words] of [
    [1, 'Level 1: shows understanding of the method', 'Level 1: shows understanding of the method'],
    [2, 'Level 2: demonstrated in your own classroom', 'Level 2: demonstrated in the teacher’s own classroom'],
  ] as const) {
    it(`says “${mine}” on the credential page and “${words}” on its version page`, async () => {
      const { mc } = await createPublishedCredential({ def: { level } });
      const main = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: mc.slug }), searchParams: Promise.resolve({}) }));
      const version = renderToStaticMarkup(await VersionPage({ params: Promise.resolve({ slug: mc.slug, n: '1' }) }));
      expect(levelPill(main)).toBe(mine);
      expect(levelPill(version)).toBe(words);
      // The wording the credential page used before (a second way of saying the same level) is gone.
      expect(textOf(main)).not.toMatch(/shows understanding(?! of the method)|demonstrated in the classroom/);
    });
  }
});
