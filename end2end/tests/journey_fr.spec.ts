import { expect, test } from './fixtures';
import { APPROVED_ON, familyWithAccounts, gotoHydrated, sendCompliantPhoto, signInFirstTime } from './helpers';

const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** 180 days after approval, as a French reader writes it, and the days left from today (UTC, as the server counts). */
function deadline() {
  const day = new Date(`${APPROVED_ON}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 180);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const d = day.getUTCDate();
  return {
    date: `${d === 1 ? '1er' : d} ${MOIS[day.getUTCMonth()]} ${day.getUTCFullYear()}`,
    days: Math.round((day.getTime() - today) / 86_400_000),
  };
}

test('en français : deux fiches et l’échéance, puis présence, adresse et photo pour la mère et pour l’enfant', async ({ page, request }, testInfo) => {
  test.slow();
  const { mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'violet canyon four herons');
  await page.getByRole('link', { name: /Français/ }).click();
  await expect(page).toHaveURL(/\/fr\/home$/);

  // One card for her, one for her child; her spouse has his own account.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vos étapes');
  const cards = page.locator('.person-card');
  await expect(cards.locator('h2')).toHaveText(['Thị Mai Nguyễn', 'Anh Tremblay']);
  const { date, days } = deadline();
  await expect(cards.first().locator('.deadline')).toHaveText(`Donnez la photo et l’adresse postale d’ici le ${date} : il reste ${days} jours.`);
  const mother = cards.filter({ hasText: 'Thị Mai Nguyễn' });
  const child = cards.filter({ hasText: 'Anh Tremblay' });
  await expect(mother.locator('.step .step-status')).toHaveText([
    'À faire', 'Pas encore disponible', 'Pas encore disponible', 'Pas encore disponible', 'Pas encore disponible', 'Prête pour examen',
  ]);
  // Status in words and with an icon, never colour alone.
  await expect(mother.locator('[data-step="presence"] .step-icon')).toHaveText('→');

  // Presence: the card's one button leads to it.
  await mother.getByRole('link', { name: 'Déclarer la présence au Canada' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Présence au Canada : Thị Mai Nguyễn');
  await expect(page.getByText('ne fait pas de vous, à elle seule, un résident permanent')).toBeVisible();
  await page.getByLabel('Je déclare que je me trouve physiquement au Canada').check();
  await page.getByRole('button', { name: 'Enregistrer la déclaration' }).click();
  await expect(page.locator('.notice-success')).toContainText('La déclaration est enregistrée.');
  await expect(page.locator('.presence-state')).toHaveText(/^Présence physique au Canada déclarée le (1er|\d{1,2}) [a-zéû]+ \d{4}\.$/);

  // The address: a Toronto postal code given for Quebec is named at its field, the rest kept.
  await gotoHydrated(page, '/fr/home');
  await mother.getByRole('link', { name: 'Donner l’adresse postale' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse postale : Thị Mai Nguyễn');
  const street = page.getByLabel('Adresse municipale (numéro et rue)');
  const city = page.getByLabel('Ville ou village');
  const province = page.getByLabel('Province ou territoire');
  const postal = page.getByLabel('Code postal (par exemple K1A 0B1)');
  await street.fill('290, boulevard Bremner');
  await page.getByLabel('Appartement, bureau ou unité (facultatif)').fill('App. 1204');
  await city.fill('Toronto');
  await province.selectOption('QC');
  await postal.fill('M5V3L9');
  await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toHaveText('Vérifiez ces réponses');
  await summary.getByRole('link', { name: /Ce code postal n’est pas utilisé dans la province ou le territoire choisi/ }).click();
  await expect(postal).toBeFocused();
  await expect(postal).toHaveAttribute('aria-describedby', 'postal_code-error');
  await expect(street).toHaveValue('290, boulevard Bremner');
  await expect(city).toHaveValue('Toronto');
  // Mid-form, to English and back: still on the step, with what was typed.
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mailing address: Thị Mai Nguyễn');
  await expect(page.getByLabel('Street address (number and street)')).toHaveValue('290, boulevard Bremner');
  await expect(page.getByLabel('Postal code (for example K1A 0B1)')).toHaveValue('M5V3L9');
  await page.getByRole('link', { name: /Français/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse postale : Thị Mai Nguyễn');
  await province.selectOption('ON');
  await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  await expect(page.locator('.notice-success')).toHaveText('L’adresse est enregistrée.');
  // Kept normalised, as Canada Post prints it.
  await gotoHydrated(page, new URL(page.url()).pathname);
  await expect(postal).toHaveValue('M5V 3L9');
  await expect(province).toHaveValue('ON');

  // A compliant photo goes without a question.
  await gotoHydrated(page, '/fr/home');
  await mother.getByRole('link', { name: 'Envoyer une photo pour la carte RP' }).click();
  await sendCompliantPhoto(page, 'fr');

  // Her card: three steps done, the review with IRCC, the rest not yet.
  await gotoHydrated(page, '/fr/home');
  await expect(mother.locator('.step .step-status')).toHaveText([
    'Terminée', 'Terminée', 'Terminée', 'En attente d’IRCC', 'Pas encore disponible', 'Prête pour examen',
  ]);
  await expect(mother.locator('[data-step="review"] .step-icon')).toHaveText('…');
  await expect(mother.locator('.deadline')).toHaveText('La photo et l’adresse postale sont données.');

  // Her child: declared by her, the same address in one choice, a photo.
  await child.getByRole('link', { name: 'Déclarer la présence au Canada' }).click();
  await page.getByLabel('Je déclare que Anh Tremblay se trouve physiquement au Canada').check();
  await page.getByRole('button', { name: 'Enregistrer la déclaration' }).click();
  await expect(page.locator('.presence-state')).toHaveText(/ par Thị Mai Nguyễn\.$/);
  await gotoHydrated(page, '/fr/home');
  await child.getByRole('link', { name: 'Donner l’adresse postale' }).click();
  await expect(page.getByLabel('Utiliser la même adresse que')).toContainText('Thị Mai Nguyễn');
  await page.getByRole('button', { name: 'Utiliser cette adresse' }).click();
  await expect(page.locator('.notice-success')).toHaveText('L’adresse est enregistrée.');
  await expect(postal).toHaveValue('M5V 3L9');
  await expect(page.getByLabel('Appartement, bureau ou unité (facultatif)')).toHaveValue('App. 1204');
  await gotoHydrated(page, '/fr/home');
  await child.getByRole('link', { name: 'Envoyer une photo pour la carte RP' }).click();
  await sendCompliantPhoto(page, 'fr');

  await gotoHydrated(page, '/fr/home');
  for (const card of [mother, child]) {
    await expect(card.locator('.step .step-status')).toHaveText([
      'Terminée', 'Terminée', 'Terminée', 'En attente d’IRCC', 'Pas encore disponible', 'Prête pour examen',
    ]);
    // Nothing left for her to do: no button, the deadline is met.
    await expect(card.locator('a.button')).toHaveCount(0);
    await expect(card.locator('.deadline')).toHaveText('La photo et l’adresse postale sont données.');
  }
  // The inbox counts both photos, in French.
  await expect(page.getByRole('link', { name: /Messages \(2 non lus\)/ })).toBeVisible();
});
