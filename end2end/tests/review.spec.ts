import { Page } from '@playwright/test';
import { expect, panicsIn, test } from './fixtures';
import { createOfficer, declareInCanada, familyWithAccounts, gotoHydrated, sendCompliantPhoto, signInFirstTime, unique } from './helpers';

const fixtures = `${__dirname}/../../photo/tests/fixtures`;

/** From the officers' case list: the case by its application number, then its person's photo. */
async function reviewPhotoOf(officer: Page, number: string, name: string) {
  await gotoHydrated(officer, '/en/officer/cases');
  await officer.getByLabel('Find a case').fill(number);
  await officer.getByRole('button', { name: 'Search' }).click();
  await expect(officer.locator('table.cases tbody tr')).toHaveCount(1);
  await expect(officer.locator('table.cases tbody tr')).toContainText(number);
  await officer.locator('table.cases li', { hasText: name }).getByRole('link', { name: 'Review the photo' }).click();
  await expect(officer).toHaveURL(/\/en\/officer\/photos\?person=\d+$/);
  await expect(officer.locator('#review-who')).toContainText(`${name}, application ${number}`);
  // The photo itself arrives (from its random key, for officers only).
  await expect.poll(() => officer.locator('.review-photo img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

/** What each officer's review page shows: the photo's address, or that none waits. */
async function shownPhoto(officer: Page) {
  await gotoHydrated(officer, '/en/officer/photos');
  await expect(officer.locator('.review-photo img, .review-none').first()).toBeVisible();
  return (await officer.locator('.review-photo img').getAttribute('src').catch(() => null)) ?? 'none';
}

test('an officer returns a photo for glare; the person reads why in French, sends another, and it is accepted', async ({ page, browser, request }, testInfo) => {
  test.slow();
  const { number, mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'saffron lagoon three wrens');
  await gotoHydrated(page, '/en/account');
  await page.locator('.profiles a', { hasText: 'Thị Mai Nguyễn' }).click();
  await declareInCanada(page, 'I declare that I am physically in Canada');
  await page.getByRole('link', { name: 'Send a PR card photo' }).click();
  const photoStep = new URL(page.url()).pathname;
  const file = page.locator('#photo-file');
  await file.setInputFiles(`${fixtures}/astronaut_glare_cheek.jpg`);
  await expect(page.locator('li[data-check="glare"]')).toHaveClass(/check-fail/, { timeout: 20_000 });
  await page.getByLabel(/^Send it anyway/).check();
  await page.getByRole('button', { name: 'Send this photo' }).click();
  await expect(page.locator('.photo-send-progress')).toContainText('We received your photo.');

  // The officer signs in (with the emailed code), finds the case and sees the photo with its report.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const officerPanics = panicsIn(context);
  const officer = await context.newPage();
  const first = createOfficer(testInfo, unique().tag);
  await signInFirstTime(officer, first.address, first.password, 'quartz meadow eleven foxes');
  await reviewPhotoOf(officer, number, 'Thị Mai Nguyễn');
  await expect(officer.locator('.review-anyway')).toHaveText('The person chose to send it despite failed checks.');
  await expect(officer.locator('.review-report li[data-check="glare"]')).toHaveClass(/check-fail/);
  await expect(officer.locator('.review-earlier')).toContainText('This is the person’s first photo.');
  await expect(officer.locator('.review-shortcuts')).toHaveText('Keyboard: A accepts the photo; R moves to the reason for returning it.');
  // R moves to the reason; the return names it.
  await officer.locator('body').press('r');
  await expect(officer.getByLabel('Reason', { exact: true })).toBeFocused();
  await officer.getByLabel('Reason', { exact: true }).selectOption('glare');
  await officer.getByRole('button', { name: 'Return the photo' }).click();
  await expect(officer.locator('.notice-success')).toHaveText('The photo of Thị Mai Nguyễn is returned: There is glare on the photo. The next photo is below.');

  // The person reads why, in French, and the photo step takes a new photo.
  await gotoHydrated(page, '/fr/messages');
  const returned = page.locator('.message', { hasText: 'Photo renvoyée : Thị Mai Nguyễn' });
  await expect(returned).toContainText('Un agent n’a pas pu utiliser la photo. Il y a un reflet sur la photo. Veuillez envoyer une nouvelle photo.');
  await returned.getByRole('link', { name: 'Envoyer une photo pour la carte RP' }).click();
  // The photo step starts its checker (a worker and its model): on a busy machine this takes a while.
  await expect(page).toHaveURL(new RegExp(`${photoStep.replace('/en/', '/fr/')}$`), { timeout: 15_000 });
  await expect(page.locator('.photo-state')).toContainText('a été renvoyée : Il y a un reflet sur la photo. Envoyez une nouvelle photo.');
  await sendCompliantPhoto(page, 'fr');

  // The new photo, with the returned one beside it; A accepts it.
  await reviewPhotoOf(officer, number, 'Thị Mai Nguyễn');
  await expect(officer.locator('.review-earlier figcaption')).toHaveText(['Returned: There is glare on the photo.']);
  await officer.locator('body').press('a');
  await expect(officer.locator('.notice-success')).toHaveText('The photo of Thị Mai Nguyễn is accepted. The next photo is below.');

  await gotoHydrated(page, '/en/home');
  const card = page.locator('.person-card', { hasText: 'Thị Mai Nguyễn' });
  await expect(card.locator('[data-step="photo"] .step-status')).toHaveText('Done');
  await expect(card.locator('[data-step="review"] .step-status')).toHaveText('Done');
  await gotoHydrated(page, photoStep);
  await expect(page.locator('.photo-state')).toHaveText(/^The photo received on [A-Z][a-z]+ \d{1,2}, \d{4} is accepted\.$/);

  // Her child's photo waits too; two officers opening the queue at the same moment never get the same photo.
  await gotoHydrated(page, '/en/account');
  await page.locator('.profiles a', { hasText: 'Anh Tremblay' }).click();
  await declareInCanada(page, 'I declare that Anh Tremblay is physically in Canada');
  await page.getByRole('link', { name: 'Send a PR card photo' }).click();
  await sendCompliantPhoto(page);
  const otherContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const otherPanics = panicsIn(otherContext);
  const other = await otherContext.newPage();
  const second = createOfficer(testInfo, unique().tag);
  await signInFirstTime(other, second.address, second.password, 'ember harbour twelve owls');
  const [one, two] = await Promise.all([shownPhoto(officer), shownPhoto(other)]);
  expect([one, two].filter((shown) => shown !== 'none').length).toBeGreaterThan(0);
  expect(one).not.toBe(two);
  expect([...officerPanics, ...otherPanics], 'the WebAssembly panicked').toEqual([]);
  await context.close();
  await otherContext.close();
});
