import { expect, test } from './fixtures';
import { declareInCanada, familyWithAccounts, gotoHydrated, signInFirstTime } from './helpers';

test('presence first, then a mailing address checked against its province; outside Canada the next steps stay shut', async ({ page, request }, testInfo) => {
  test.slow();
  const { mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'amber harbour seven owls');
  await page.locator('.profiles a', { hasText: 'Thị Mai Nguyễn' }).click();
  const profile = new URL(page.url()).pathname;
  // Dates as people write them, in each language.
  await expect(page.locator('dl.profile')).toContainText('July 2, 1987');
  await expect(page.locator('dl.profile')).toContainText('Vietnam');
  await expect(page.locator('dl.profile')).toContainText('F (female)');
  await expect(page.locator('dl.profile')).not.toContainText('VNM');
  // What IRCC holds is read-only here, with the way to have it corrected.
  await expect(page.locator('p.correction')).toContainText('If any of them is wrong, ask IRCC to correct it');
  await expect(page.getByRole('link', { name: 'Ask IRCC for a correction (web form)' })).toHaveAttribute('href', /contact-ircc\/web-form\.html$/);

  // What the invitation's answer said is a starting point, not the declaration.
  await page.getByRole('link', { name: 'Declare presence in Canada' }).click();
  await expect(page.locator('.presence-state')).toHaveText('Presence in Canada is not declared yet.');
  await expect(page.locator('.presence-said')).toContainText('you said this person was in Canada');
  await expect(page.getByText('does not by itself make you a permanent resident')).toBeVisible();

  // Outside Canada: the portal says what that means, and the address and photo steps refuse.
  await page.getByLabel('I am not in Canada now').check();
  await page.getByRole('button', { name: 'Save the declaration' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /cannot confirm permanent residence while the person is outside Canada/ })).toBeVisible();
  await expect(page.locator('.presence-state')).toHaveText(/^Declared outside Canada on [A-Z][a-z]+ \d{1,2}, \d{4}\.$/);
  for (const step of ['address', 'photo']) {
    await gotoHydrated(page, `${profile}/${step}`);
    await expect(page.getByRole('heading', { level: 2, name: 'First declare that the person is in Canada' })).toBeVisible();
    await expect(page.locator('#street, #photo-file')).toHaveCount(0);
  }

  // Back in Canada: the address, first with a postal code from another province.
  await gotoHydrated(page, profile);
  await declareInCanada(page, 'I declare that I am physically in Canada');
  await page.getByRole('link', { name: 'Give the mailing address' }).click();
  const street = page.getByLabel('Street address (number and street)');
  const city = page.getByLabel('City, town or village');
  const postal = page.getByLabel('Postal code (for example K1A 0B1)');
  await street.fill('290 Bremner Blvd');
  await city.fill('Montréal');
  await page.getByLabel('Province or territory').selectOption('QC');
  await postal.fill('m5v 3l9');
  // Switching language mid-form keeps the person on the step with what they typed.
  await page.getByRole('link', { name: /Français/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse postale : Thị Mai Nguyễn');
  await expect(page.getByLabel('Adresse municipale (numéro et rue)')).toHaveValue('290 Bremner Blvd');
  await expect(page.getByLabel('Province ou territoire')).toHaveValue('QC');
  await expect(page.getByLabel('Code postal (par exemple K1A 0B1)')).toHaveValue('m5v 3l9');
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mailing address: Thị Mai Nguyễn');

  // Before the WebAssembly has taken over the page, the toggle is a plain link to a
  // new page: what was typed goes with it (public/keep-draft.js), and stays through hydration.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${profile}/address`);
  await street.fill('290 Bremner Blvd');
  await city.fill('Montréal');
  await page.getByLabel('Province or territory').selectOption('QC');
  await postal.fill('m5v 3l9');
  await page.getByRole('link', { name: /Français/ }).click();
  await expect(page).toHaveURL(/\/fr\/profile\/\d+\/address$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse postale : Thị Mai Nguyễn');
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated');
  await expect(page.getByLabel('Adresse municipale (numéro et rue)')).toHaveValue('290 Bremner Blvd');
  await expect(page.getByLabel('Ville ou village')).toHaveValue('Montréal');
  await expect(page.getByLabel('Province ou territoire')).toHaveValue('QC');
  await expect(page.getByLabel('Code postal (par exemple K1A 0B1)')).toHaveValue('m5v 3l9');
  await page.unroute('**/*.wasm');
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', '', { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mailing address: Thị Mai Nguyễn');
  await expect(street).toHaveValue('290 Bremner Blvd');
  await expect(page.getByLabel('Province or territory')).toHaveValue('QC');
  await expect(postal).toHaveValue('m5v 3l9');
  // The draft was read once: a reload opens the form as the server has it.
  await gotoHydrated(page, `${profile}/address`);
  await expect(street).toHaveValue('');
  await street.fill('290 Bremner Blvd');
  await city.fill('Montréal');
  await page.getByLabel('Province or territory').selectOption('QC');
  await postal.fill('m5v 3l9');
  await page.getByRole('button', { name: 'Save the address' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /This postal code is not used in the province or territory you chose/ }).click();
  await expect(postal).toBeFocused();
  await expect(postal).toHaveAttribute('aria-invalid', 'true');
  await expect(postal).toHaveAttribute('aria-describedby', 'postal_code-error');
  await expect(page.locator('#postal_code-error')).toContainText('This postal code is not used in the province or territory you chose.');
  await expect(street).toHaveValue('290 Bremner Blvd');
  await expect(city).toHaveValue('Montréal');
  await expect(postal).toHaveValue('m5v 3l9');

  await city.fill('Toronto');
  await page.getByLabel('Province or territory').selectOption('ON');
  await page.getByRole('button', { name: 'Save the address' }).click();
  await expect(page.locator('.notice-success')).toHaveText('The address is saved.');
  await page.getByRole('link', { name: 'Back to the profile' }).click();
  await expect(page.locator('.address-state')).toContainText('290 Bremner Blvd');
  await expect(page.locator('.address-state')).toContainText('Toronto Ontario');
  await expect(page.locator('.address-state')).toContainText('M5V 3L9');

  // In French, the address given is there to change; a field left empty is named.
  await gotoHydrated(page, profile.replace('/en/', '/fr/'));
  await expect(page.locator('dl.profile')).toContainText('2 juillet 1987');
  await expect(page.locator('dl.profile')).toContainText('Viêt Nam');
  await expect(page.getByRole('link', { name: 'Demander une correction à IRCC (formulaire Web)' })).toHaveAttribute('href', /formulaire-web\.html$/);
  await gotoHydrated(page, `${profile.replace('/en/', '/fr/')}/address`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse postale : Thị Mai Nguyễn');
  await expect(page.getByLabel('Code postal (par exemple K1A 0B1)')).toHaveValue('M5V 3L9');
  await expect(page.getByLabel('Province ou territoire')).toHaveValue('ON');
  await page.getByLabel('Ville ou village').fill('');
  await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  await expect(page.locator('#city-error')).toContainText('Entrez la ville ou le village.');

  // The principal declares for her child, whose address step then opens.
  await gotoHydrated(page, '/en/account');
  await page.locator('.profiles a', { hasText: 'Anh Tremblay' }).click();
  await expect(page.getByRole('link', { name: 'Give the mailing address' })).toHaveCount(0);
  await declareInCanada(page, 'I declare that Anh Tremblay is physically in Canada');
  await expect(page.locator('.presence-state')).toHaveText(/by Thị Mai Nguyễn\.$/);
  // Her address, in one choice.
  await page.getByRole('link', { name: 'Give the mailing address' }).click();
  await expect(page.getByLabel('Use the same address as')).toHaveValue(/\d+/);
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page.locator('.notice-success')).toHaveText('The address is saved.');
  await expect(page.getByLabel('Postal code (for example K1A 0B1)')).toHaveValue('M5V 3L9');
  await page.getByRole('link', { name: 'Back to the profile' }).click();
  await expect(page.locator('.address-state')).toContainText('290 Bremner Blvd');

  // No one else's step pages open.
  for (const step of ['presence', 'address']) {
    const other = await page.goto(`/en/profile/999999/${step}`);
    expect(other!.status()).toBe(404);
  }
});
