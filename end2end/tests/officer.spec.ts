import { expect, test } from './fixtures';
import { createOfficer, email, gotoHydrated, invitationLink, signInFirstTime, unique } from './helpers';

test('an officer imports a file of cases, sees a report per row, and re-sends an invitation', async ({ page }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { tag } = unique();
  const officer = createOfficer(testInfo, tag);
  await signInFirstTime(page, officer.address, officer.password, 'granite puffin evening lamp');
  await expect(page).toHaveURL(/\/en\/officer\/cases$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');

  const good = unique().number;
  const bad = unique().number;
  const csv = [
    'relationship,application_number,approved_on,family_name,given_names,date_of_birth,sex,country_of_birth,citizenship,uci,email',
    `principal,${good},2026-11-20,Okafor,Chidi,1991-02-03,M,NGA,NGA,12345678,chidi.${tag}@example.com`,
    `principal,${bad},2026-11-20,Singh,Priya,1993-04-05,F,IND,IND,87654321,priya.${tag}@example.com`,
    `child,${bad},2026-11-20,Singh,Dev,2030-01-01,M,IND,IND,11223344,`,
    `spouse,${good},2026-11-20,Okafor,Ada,1992-06-07,F,NGA,NGA,1020304050,ada.${tag}@example.com`,
  ].join('\n');
  await page.getByRole('link', { name: 'Import a file of cases (CSV)' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'approved.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('.import-summary')).toHaveText('2 rows imported, 2 rejected, 0 already in the portal.');
  const rows = page.locator('.import-report tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toHaveClass('row-imported');
  await expect(rows.nth(1)).toContainText('Rejected with the other rows of its application');
  await expect(rows.nth(2)).toContainText('date_of_birth – The date cannot be in the future.');
  await expect(rows.nth(3)).toHaveClass('row-imported');

  const first = invitationLink(await email(page, `chidi.${tag}@example.com`), 'en');
  await gotoHydrated(page, '/en/officer/cases');
  const row = page.locator('table.cases tr', { hasText: good });
  await expect(row).toContainText('Chidi Okafor');
  await expect(row).toContainText('Invited');
  await expect(page.locator('table.cases tr', { hasText: bad })).toHaveCount(0);
  await row.getByRole('button', { name: 'Re-send the invitation' }).click();
  await expect(row).toContainText('Sent. The old link no longer works.');
  await email(page, `chidi.${tag}@example.com`, 'Permanent Residence Portal', 1);
  await gotoHydrated(page, first);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This invitation link does not work');

  // A file that is not a list of cases is refused whole, in the officer's language.
  await gotoHydrated(page, '/fr/officer/cases/import');
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('name,uci\nAna,11112222\n') });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('alert')).toContainText('Le fichier n’a pas pu être lu; rien n’a été importé : ces colonnes manquent : application_number, approved_on');
});

test('an officer enters a case by hand; mistakes are named on their fields', async ({ page }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { tag, number } = unique();
  const officer = createOfficer(testInfo, tag);
  await signInFirstTime(page, officer.address, officer.password, 'harbour tulip sixteen owls');
  await gotoHydrated(page, '/en/officer/cases/new');
  await page.getByRole('button', { name: 'Save and send the invitation' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter the application number.');
  await expect(summary).toContainText('Enter the family name.');

  await page.getByLabel('Application number').fill(number);
  await page.getByLabel('Date the application was approved').fill('2026-11-20');
  const person = page.getByRole('group', { name: 'Person 1' });
  await person.getByLabel('Family name').fill('Ramírez');
  await person.getByLabel('Given names').fill('Lucía');
  await person.getByLabel('Date of birth').fill('1989-09-09');
  await person.getByLabel('Sex').selectOption('F');
  await person.getByLabel('Country of birth').fill('MEX');
  await person.getByLabel('Citizenship').fill('MEX');
  await person.getByLabel('UCI').fill('2233-4455');
  await person.getByLabel('Email address').fill(`lucia.${tag}@example.com`);
  await person.getByLabel('Relationship to the principal applicant').selectOption('principal');
  await page.getByRole('button', { name: 'Save and send the invitation' }).click();
  await expect(page.locator('.notice')).toContainText(number);
  await email(page, `lucia.${tag}@example.com`);
});

test('officer pages and server functions refuse the signed-out', async ({ page }) => {
  await page.goto('/en/officer/cases');
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  const api = await page.request.post('/api/officer/import', { form: { csv: 'x' } });
  expect(api.status()).toBe(401);
});
