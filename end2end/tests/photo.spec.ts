import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { gotoHydrated, widePhoto } from './helpers';

const fixtures = `${__dirname}/../../photo/tests/fixtures`;

async function choose(page: Page, file: string) {
  await page.locator('#photo-file').setInputFiles(`${fixtures}/${file}`);
  await expect(page.locator('.photo-results')).toBeVisible({ timeout: 20_000 });
}

test('a compliant photo passes every check', async ({ page }) => {
  await gotoHydrated(page, '/en/photo-check');
  await expect(page.getByText('your photo does not leave your device')).toBeVisible();
  await choose(page, 'astronaut_good.jpg');
  await expect(page.locator('.photo-summary')).toHaveText('Your photo meets every rule we can check.');
  await expect(page.locator('li.check')).toHaveCount(10);
  await expect(page.locator('li.check-pass')).toHaveCount(10);
  // The outcome is announced to screen readers.
  await expect(page.locator('.photo-progress')).toHaveText('Your photo meets every rule we can check.');
});

for (const [lang, status, message, mark] of [
  ['en', 'Problem', /There is glare on your face or glasses/, 'Glare here'],
  ['fr', 'Problème', /Il y a un reflet sur votre visage ou vos lunettes/, 'Reflet ici'],
] as const) {
  test(`a photo with glare fails the glare check (${lang})`, async ({ page }) => {
    await gotoHydrated(page, `/${lang}/photo-check`);
    await choose(page, 'astronaut_glare_cheek.jpg');
    const glare = page.locator('li[data-check="glare"]');
    await expect(glare).toHaveClass(/check-fail/);
    await expect(glare).toContainText(status);
    await expect(glare).toContainText(message);
    // The spot is marked on the photo, in words for screen readers too.
    await expect(page.locator('.glare-mark')).toBeVisible();
    await expect(page.locator('.glare-mark')).toHaveText(mark);
    await expect(page.locator('li.check-fail')).toHaveCount(1);
  });
}

test('a file that is not a photo gets a clear message', async ({ page }) => {
  await gotoHydrated(page, '/fr/photo-check');
  await page.locator('#photo-file').setInputFiles({ name: 'photo.heic', mimeType: 'image/heic', buffer: Buffer.from('....ftypheic') });
  const format = page.locator('li[data-check="format"]');
  await expect(format).toHaveClass(/check-fail/);
  await expect(format).toContainText('HEIC');
  await expect(page.locator('li[data-check="glare"]')).toContainText('Non vérifié');
});

test('the crop tool frames a wider photo so that it passes', async ({ page }) => {
  await gotoHydrated(page, '/en/photo-check');
  await page.locator('#photo-file').setInputFiles(await widePhoto(page));
  await expect(page.locator('li[data-check="head_size"]')).toHaveClass(/check-fail/, { timeout: 20_000 });

  // The frame is proposed; it moves by keyboard and comes back.
  const frame = page.getByRole('group', { name: 'Crop frame' });
  await expect(frame).toBeVisible();
  const before = await frame.boundingBox();
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await frame.boundingBox())!.x).toBeGreaterThan(before!.x);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await frame.boundingBox())!.x).toBeCloseTo(before!.x, 0);

  await page.getByRole('button', { name: 'Check the cropped photo' }).click();
  await expect(page.getByRole('heading', { name: 'Results for the cropped photo' })).toBeVisible();
  await expect(page.locator('.photo-summary')).toHaveText('Your photo meets every rule we can check.');
  await expect(page.locator('li.check-pass')).toHaveCount(10);
  const download = page.getByRole('link', { name: 'Download the cropped photo' });
  await expect(download).toHaveAttribute('download', 'pr-card-photo.jpg');
});

test('the checks run in a Web Worker that only the photo-check page starts', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
  await gotoHydrated(page, '/en/');
  expect(workers).toEqual([]);
  await gotoHydrated(page, '/en/photo-check');
  await expect.poll(() => workers).toEqual(['/photo-worker/worker.js']);
  await choose(page, 'astronaut_good.jpg');
  await expect(page.locator('li.check-pass')).toHaveCount(10);
});

test('choosing the same file again checks it again', async ({ page }) => {
  await gotoHydrated(page, '/en/photo-check');
  await choose(page, 'astronaut_glare_cheek.jpg');
  // The input is emptied once the photo is taken, so the same choice is a change.
  await expect(page.locator('#photo-file')).toHaveValue('');
  await page.locator('.photo-results').evaluate((results) => results.setAttribute('data-seen', ''));
  await choose(page, 'astronaut_glare_cheek.jpg');
  await expect(page.locator('.photo-results:not([data-seen])')).toBeVisible();
  await expect(page.locator('li[data-check="glare"]')).toHaveClass(/check-fail/);
});
