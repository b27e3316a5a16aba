import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectReflowAt320 } from './axe';
import { signIn } from './helpers';

// Two teachers at one school who both share (the demo's Maya and Rosa) see each other's badges and
// what they are working on; the apply page points Maya to Rosa; when Rosa stops sharing, Maya no
// longer sees her, and when Rosa shares again from her account, she is back. Never an email address.
test('colleagues at one school who share see each other, and stop seeing each other when one stops sharing', async ({ browser, page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'teacher@demo.school');
  await page.goto('/dashboard');
  await page.getByRole('link', { name: 'Colleagues at my school' }).click();
  await expect(page).toHaveURL(/\/colleagues$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Colleagues at Kettle Moraine Middle School' })).toBeVisible();
  // The site's main navigation leads here too, and says this is where the teacher is.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Colleagues', exact: true })).toHaveAttribute('aria-current', 'page');
  const which = page.getByRole('navigation', { name: 'Which colleagues' });
  await expect(which.getByRole('link', { name: 'Everyone who shares' })).toHaveAttribute('aria-current', 'page');
  const rosa = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Rosa Delgado' }) });
  await expect(rosa.getByText('Stages of Team Building').first()).toBeVisible();
  await expect(rosa.getByText('Designing an Effective Team Agenda').first()).toBeVisible();
  await expect(rosa.getByText('You are working on this too').first()).toBeVisible();
  await expect(rosa.getByRole('link', { name: 'Rosa Delgado’s public portfolio' })).toHaveAttribute('href', '/u/rosa-delgado');
  await expect(page.getByText('rosa.delgado@')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await expectReflowAt320(page);

  await which.getByRole('link', { name: 'Working on the same as me' }).click();
  await expect(page).toHaveURL(/\/colleagues\?same=1$/);
  await expect(page.getByRole('navigation', { name: 'Which colleagues' }).getByRole('link', { name: 'Working on the same as me' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();

  // The apply page names her, and leads to the colleagues working on the same.
  await page.goto('/apply/designing-an-effective-team-agenda');
  await page.getByRole('link', { name: 'At Kettle Moraine Middle School, Rosa Delgado is working on it.' }).click();
  await expect(page).toHaveURL(/\/colleagues\?same=1$/);

  // Rosa, in a browser of her own, sees Maya, then stops sharing.
  const rosaContext = await browser.newContext();
  const rosaPage = await rosaContext.newPage();
  try {
    await signIn(rosaPage, 'rosa.delgado@kettle-moraine.example');
    await rosaPage.goto('/colleagues');
    await expect(rosaPage.getByRole('heading', { name: 'Maya Okafor' })).toBeVisible();
    await rosaPage.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(rosaPage.getByText('You stopped sharing. Colleagues no longer see you, and you no longer see them.')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toHaveCount(0);
    await page.goto('/colleagues');
    await expect(page.getByText('No one else at Kettle Moraine Middle School shares yet')).toBeVisible();

    // Back on from her account page: Maya sees her again.
    await rosaPage.goto('/account#colleagues');
    await rosaPage.getByLabel('Share with colleagues at my school').check();
    await rosaPage.getByRole('button', { name: 'Save colleagues setting' }).click();
    await expect(rosaPage.getByText(/^Saved\. You share with colleagues at Kettle Moraine Middle School/)).toBeVisible();
  } finally {
    await rosaContext.close();
  }
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
});

test('signed out, the colleagues page asks to sign in first', async ({ page }) => {
  await page.goto('/colleagues');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcolleagues/);
});
