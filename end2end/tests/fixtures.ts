import { BrowserContext, expect, test as base } from '@playwright/test';

/** Collects the WebAssembly's panics in every page of a browser context. */
export function panicsIn(context: BrowserContext): string[] {
  const panics: string[] = [];
  const watch = (page: import('@playwright/test').Page) =>
    page.on('console', (message) => {
      if (message.text().includes('panicked at')) panics.push(`${page.url()}: ${message.text().slice(0, 300)}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return panics;
}

/**
 * Playwright's `test`, failing any test in whose pages the WebAssembly panicked:
 * a page can look right and be dead (a hydration mismatch stops the app).
 */
export const test = base.extend<{ noPanics: void }>({
  noPanics: [
    async ({ context }, use) => {
      const panics = panicsIn(context);
      await use();
      expect(panics, 'the WebAssembly panicked').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
