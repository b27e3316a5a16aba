// A teacher adds a classroom video with its captions file: picked together, the captions wait for
// the video, are paired with it by name, and play as the video's captions track for anyone who may
// see the video (served from the app's own origin as text/vtt).
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { confirmOwnEmail, signUpTeacher, uniqueEmail } from './helpers';

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.alloc(64)]);
const VTT = Buffer.from('WEBVTT\n\n00:00.000 --> 00:04.000\nNow compare your answer with your partner’s.\n');

test('a teacher uploads a video with its captions, which play as the video’s captions track', async ({ page }) => {
  test.setTimeout(90_000);
  await signUpTeacher(page, { name: 'Noor Captions', email: uniqueEmail('noor') });
  await page.goto('/micro-credentials/designing-a-contextual-assessment');
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await page.getByRole('link', { name: 'Start your application' }).click();
  await page.getByRole('button', { name: 'Start my application' }).click();

  const input = page.getByLabel('Add files to “Student work samples”');
  await expect(page.getByText(/Captions for a video \(WebVTT, \.vtt, up to 1\.0 MB\) do not count/)).toBeVisible();
  expect(await input.getAttribute('accept')).toContain('.vtt');

  // Both at once: the captions are sent after the video, so the server has a video to pair them with.
  await input.setInputFiles([
    { name: 'pair-work.mp4', mimeType: 'video/mp4', buffer: MP4 },
    { name: 'pair-work.vtt', mimeType: 'text/vtt', buffer: VTT },
  ]);
  await expect(page.getByText('Captions for pair-work.mp4')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download pair-work.vtt' })).toBeVisible();
  const track = page.locator('video[aria-label="Video: pair-work.mp4"] track[kind="captions"]');
  const src = await track.getAttribute('src');
  expect(src).toMatch(/^\/files\/[a-z0-9]+\/captions$/);
  const captions = await page.request.get(src!);
  expect(captions.status()).toBe(200);
  expect(captions.headers()['content-type']).toBe('text/vtt; charset=utf-8');
  expect(await captions.text()).toContain('Now compare your answer');
  await expect(page.getByText(/No captions yet/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Without its captions the video says what is missing, and nobody else can read them.
  await page.getByRole('button', { name: 'Remove pair-work.vtt' }).click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.getByText(/No captions yet/)).toBeVisible();
  expect((await page.request.get(src!)).status()).toBe(404);

  // Submitting too early: the summary links each problem to where it is fixed (the files of a part
  // that wants files, the answer box of one that wants words); the video part lacks only its words.
  const application = page.url();
  await confirmOwnEmail(page);
  await page.goto(application);
  await page.getByRole('checkbox', { name: /This evidence is from my own teaching/ }).check();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Some parts are not ready yet.' })).toBeFocused();
  await page.getByRole('link', { name: 'Upload at least one file for “Assessment design”.' }).click();
  await expect(page.getByRole('heading', { name: 'Files for Assessment design' })).toBeFocused();
  await page.getByRole('link', { name: 'Write an answer for “Overview and context”.' }).click();
  const answer = page.getByRole('textbox', { name: 'Answer for Overview and context' });
  await expect(answer).toBeFocused();
  // The box itself says what is wrong with it.
  await expect(answer).toHaveAttribute('aria-invalid', 'true');
  await expect(answer).toHaveAccessibleDescription(/Write an answer for “Overview and context”/);
  await expect(page.getByRole('link', { name: /Student work samples/ })).toHaveText('Write an answer for “Student work samples”.');
  await expectNoAxeViolations(page);
});
