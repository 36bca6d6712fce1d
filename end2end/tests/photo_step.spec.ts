import { expect, test } from './fixtures';
import { declareInCanada, familyWithAccounts, gotoHydrated, signInFirstTime, widePhoto } from './helpers';

const fixtures = `${__dirname}/../../photo/tests/fixtures`;

test('a photo is sent for a profile; a failed check goes only when the person chooses to send it anyway', async ({ page, request }, testInfo) => {
  // A whole journey: invitation, accounts, first sign-in, then the photo step.
  test.slow();
  const { mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'copper meadow nine kites');
  await page.locator('.profiles a', { hasText: 'Thị Mai Nguyễn' }).click();
  await expect(page.locator('.photo-state')).toHaveText('No photo has been sent yet.');
  // The photo step opens once she is declared in Canada.
  await expect(page.getByRole('link', { name: 'Send a PR card photo' })).toHaveCount(0);
  await declareInCanada(page, 'I declare that I am physically in Canada');
  await page.getByRole('link', { name: 'Send a PR card photo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PR card photo: Thị Mai Nguyễn');

  // An objective failure cannot be sent at all.
  const file = page.locator('#photo-file');
  await file.setInputFiles(`${fixtures}/astronaut_two_faces.jpg`);
  await expect(page.locator('li[data-check="face_count"]')).toHaveClass(/check-fail/, { timeout: 20_000 });
  await expect(page.locator('.photo-send')).toContainText('This photo cannot be sent');
  await expect(page.getByRole('button', { name: 'Send this photo' })).toHaveCount(0);

  // Glare is a judgement: it goes only once the box is ticked, and says so.
  await file.setInputFiles(`${fixtures}/astronaut_glare_cheek.jpg`);
  await expect(page.locator('li[data-check="glare"]')).toHaveClass(/check-fail/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Send this photo' }).click();
  const anyway = page.getByLabel(/^Send it anyway/);
  await expect(anyway).toBeFocused();
  await expect(page.locator('#photo-anyway-error')).toContainText('tick the box to send the photo anyway');
  await anyway.check();
  await page.getByRole('button', { name: 'Send this photo' }).click();
  await expect(page.locator('.photo-send-progress')).toHaveText('We received your photo. An officer will decide whether it can be used.');
  await expect(page.locator('.photo-state')).toContainText('sent despite failed checks');
  await expect(page.getByRole('img', { name: 'The photo we received' })).toBeVisible();

  const maiPhotoPage = new URL(page.url()).pathname;

  // The principal sends her child's photo too, as the crop tool made it.
  await gotoHydrated(page, '/en/account');
  await page.locator('.profiles a', { hasText: 'Anh Tremblay' }).click();
  await declareInCanada(page, 'I declare that Anh Tremblay is physically in Canada');
  await page.getByRole('link', { name: 'Send a PR card photo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PR card photo: Anh Tremblay');
  await file.setInputFiles(await widePhoto(page));
  await expect(page.locator('li[data-check="head_size"]')).toHaveClass(/check-fail/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Check the cropped photo' }).click();
  await expect(page.getByRole('heading', { name: 'Results for the cropped photo' })).toBeVisible();
  await expect(page.locator('li.check-pass')).toHaveCount(10);
  await page.getByRole('button', { name: 'Send this photo' }).click();
  await expect(page.locator('.photo-send-progress')).toHaveText('We received your photo.');
  await expect(page.locator('.photo-state')).toHaveText(/^Photo received on [A-Z][a-z]+ \d{1,2}, \d{4}\.$/);

  // Each photo received is a message in the inbox, unread until marked.
  await gotoHydrated(page, '/en/home');
  await page.getByRole('link', { name: 'Messages (2 unread)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your messages');
  await expect(page.locator('.message-unread h2')).toHaveText(['New: We received the photo of Anh Tremblay', 'New: We received the photo of Thị Mai Nguyễn']);
  await page.locator('.message-unread').first().getByRole('button', { name: 'Mark as read' }).click();
  await expect(page.locator('.message-unread')).toHaveCount(1);
  await expect(page.locator('.message')).toHaveCount(2);

  // No one else's photo page opens.
  const other = await page.goto('/en/profile/999999/photo');
  expect(other!.status()).toBe(404);

  // In French, the state is kept; a compliant photo goes without a question.
  await gotoHydrated(page, maiPhotoPage.replace('/en/', '/fr/'));
  await expect(page.locator('.photo-state')).toContainText('envoyée malgré des vérifications échouées');
  await file.setInputFiles(`${fixtures}/astronaut_good.jpg`);
  await expect(page.locator('li.check-pass')).toHaveCount(10, { timeout: 20_000 });
  await expect(page.getByLabel(/^L’envoyer quand même/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Envoyer cette photo' }).click();
  await expect(page.locator('.photo-send-progress')).toHaveText('Nous avons reçu votre photo.');
  await expect(page.locator('.photo-state')).toHaveText(/^Photo reçue le (1er|\d{1,2}) [a-zéû]+ \d{4}\.$/);
});
