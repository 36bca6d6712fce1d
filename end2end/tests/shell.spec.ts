import { expect, test } from './fixtures';
import { gotoHydrated } from './helpers';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('pages are rendered on the server, in each language', async ({ page }) => {
    await page.goto('/en/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your permanent residence online');
    await expect(page).toHaveTitle(/PR Confirmation Portal/);

    // The language toggle is a plain link, so it works before (or without) the WebAssembly.
    await page.getByRole('link', { name: /Français/ }).click();
    await expect(page).toHaveURL(/\/fr\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer votre résidence permanente en ligne');
  });
});

test('the page hydrates and then navigates without reloading', async ({ page }) => {
  await gotoHydrated(page, '/en/');
  // A value on window survives only if no full page load happens.
  await page.evaluate(() => ((window as any).sameDocument = true));

  await page.getByRole('link', { name: /Français/ }).click();
  await expect(page).toHaveURL(/\/fr\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer votre résidence permanente en ligne');
  await expect(page).toHaveTitle('Confirmer votre résidence permanente en ligne – Portail de confirmation de la RP – Canada.ca');
  // The route announcer is the hydrated app at work: it tells screen readers the new page.
  await expect(page.getByRole('status')).toHaveText(/Page chargée : Confirmer votre résidence permanente/);
  // A change of language keeps focus on the toggle, now in the other language.
  await expect(page.getByRole('link', { name: /English/ })).toBeFocused();
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);

  await page.getByRole('link', { name: /English/ }).click();
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your permanent residence online');
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
});

for (const [lang, label] of [
  ['en', 'Skip to main content'],
  ['fr', 'Passer au contenu principal'],
] as const) {
  test(`the skip link works by keyboard (${lang})`, async ({ page }) => {
    await gotoHydrated(page, `/${lang}/`);
    const skip = page.getByRole('link', { name: label });
    await expect(skip).not.toBeInViewport();

    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();

    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await expect(skip).not.toBeInViewport();
  });
}

test('the language page at / leads to each language', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'English' })).toBeVisible();
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL(/\/fr\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('an unknown address gives the bilingual 404 page', async ({ page }) => {
  const response = await page.goto('/fr/page-inexistante');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const headings = page.getByRole('heading', { level: 1 });
  await expect(headings.first()).toContainText('Nous ne pouvons trouver cette page Web');
  await expect(headings.nth(1)).toContainText("We couldn't find that Web page");
  await page.getByRole('link', { name: "Go to the PR Confirmation Portal home page" }).click();
  await expect(page).toHaveURL(/\/en\/$/);
});
