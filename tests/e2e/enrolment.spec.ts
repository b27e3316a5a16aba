import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { uniqueEmail } from './helpers';

test('a new teacher enrols, stops working on the credential, and enrols again to pick it up', async ({ page }) => {
  // Signing up from the credential page comes back to it.
  await page.goto('/micro-credentials/the-assessment-cycle');
  await page.getByRole('link', { name: 'Create a free account to enrol' }).click();
  await page.getByLabel('Your name').fill('Aiko Tanaka');
  await page.getByLabel('Email').fill(uniqueEmail('aiko'));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/micro-credentials\/the-assessment-cycle$/);
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await expect(page.getByRole('link', { name: 'Start your application' })).toBeVisible();
  // The button is gone: the notice says what happened and holds the keyboard focus.
  await expect(page.getByRole('status').filter({ hasText: 'You are enrolled' })).toBeVisible();
  await expect(page.locator(':focus')).toContainText('You are enrolled');

  // Folded away, so it is never hit by accident; accessible when opened.
  await page.getByText('Stop working on this micro-credential').click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Stop working on it' }).click();
  await expect(page.getByText('You stopped working on this micro-credential')).toBeVisible();
  await expect(page.locator(':focus')).toContainText('You stopped working on this micro-credential');
  await expect(page.getByRole('button', { name: 'Enrol in this micro-credential' })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page.getByText('You are not enrolled in anything yet')).toBeVisible();

  await page.goto('/micro-credentials/the-assessment-cycle');
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await expect(page.getByRole('link', { name: 'Start your application' })).toBeVisible();

  // A whole track at once: the button goes, and the notice says so and holds the keyboard focus.
  await page.goto('/tracks/ptc-leadership-tools-for-teacher-leaders');
  await page.getByRole('button', { name: 'Enrol in all levels' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are enrolled in every level' })).toBeVisible();
  await expect(page.locator(':focus')).toContainText('You are enrolled in every level');
  await expectNoAxeViolations(page);
});
