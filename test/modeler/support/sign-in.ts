/** Signing in through the modeler's page, as a seeded user (password motcua-demo). */
import type { Page } from 'playwright-core';

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/modeler/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('motcua-demo');
  await page.locator('#sign-in').click();
  await page.locator('#procedures').waitFor();
}
