import { expect, Page } from '@playwright/test';

/** Opens a page and waits until the WebAssembly has taken it over. */
export async function gotoHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
}
