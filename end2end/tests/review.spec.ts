import { execFileSync } from 'node:child_process';
import { Page } from '@playwright/test';
import { expect, panicsIn, test } from './fixtures';
import { createOfficer, declareInCanada, familyWithAccounts, gotoHydrated, reviewPhotoOf, runSql, sendCompliantPhoto, signInFirstTime, unique } from './helpers';

const fixtures = `${__dirname}/../../photo/tests/fixtures`;

/** From the case list to the case's page, where the officer confirms the person ready. */
async function confirmPr(officer: Page, number: string, name: string) {
  // The list across cases has her, with her application and where she lives.
  await gotoHydrated(officer, '/en/officer/confirm');
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('People ready to confirm');
  await expect(officer.getByRole('checkbox', { name: new RegExp(`^${name}, application ${number}; photo accepted on .*; lives in Toronto, Ontario`) })).not.toBeChecked();
  await gotoHydrated(officer, '/en/officer/cases');
  await officer.getByLabel('Find a case').fill(number);
  await officer.getByRole('button', { name: 'Search' }).click();
  await officer.getByRole('link', { name: number }).click();
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText(`Application ${number}`);
  const person = officer.locator('.case-person', { has: officer.getByRole('heading', { level: 2, name }) });
  await expect(person.locator('.confirmation-state')).toHaveText('Ready to confirm.');
  await expect(officer.getByRole('checkbox', { name: new RegExp(name) })).toBeChecked();
  await expect(officer.getByRole('checkbox', { name: /Anh Tremblay/ })).not.toBeChecked();
  const today = new Date().toISOString().slice(0, 10);
  await officer.getByLabel('Date the person became a permanent resident').fill(today);
  await officer.getByLabel('City, town or village where they became a permanent resident').fill('Toronto');
  await officer.getByLabel('Province or territory').selectOption('ON');
  await officer.getByRole('button', { name: 'Confirm PR for the people chosen' }).click();
  await expect(officer.locator('.confirm-report')).toHaveText(`${name}: permanent residence confirmed; the eCOPR is issued and the person is told.`);
  await expect(person.locator('.confirmation-state')).toContainText('Confirmed: became a permanent resident on');
  await expect(officer.locator('.trail tbody tr').first()).toContainText('Permanent residence confirmed');
}

/** What each officer's review page shows: the photo's address, or that none waits. */
async function shownPhoto(officer: Page) {
  await gotoHydrated(officer, '/en/officer/photos');
  await expect(officer.locator('.review-photo img, .review-none').first()).toBeVisible();
  if ((await officer.locator('.review-none').count()) > 0) return 'none';
  return (await officer.locator('.review-photo img').getAttribute('src')) ?? 'none';
}

// The review queue is one for the whole portal: these tests take photos from it, so
// they run one after the other, never beside each other.
test.describe.configure({ mode: 'serial' });

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

  // She gives her mailing address; the officer opens the case, sees her ready, and confirms PR.
  await gotoHydrated(page, photoStep.replace(/\/photo$/, '/address'));
  await page.getByLabel('Street address (number and street)').fill('290 Bremner Blvd');
  await page.getByLabel('City, town or village').fill('Toronto');
  await page.getByLabel('Province or territory').selectOption('ON');
  await page.getByLabel('Postal code (for example K1A 0B1)').fill('M5V 3L9');
  await page.getByRole('button', { name: 'Save the address' }).click();
  await expect(page.locator('.notice-success')).toHaveText('The address is saved.');
  await confirmPr(officer, number, 'Thị Mai Nguyễn');

  // She downloads the eCOPR from her home page; its code is genuine on the public page, in both languages.
  await gotoHydrated(page, '/en/home');
  await expect(card.locator('[data-step="ecopr"] .step-status')).toHaveText('Done');
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Download the eCOPR (PDF)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^eCOPR-E\d{9}\.pdf$/);
  const pdf = testInfo.outputPath('ecopr.pdf');
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  expect(text).toContain('Thị Mai Nguyễn');
  const code = text.match(/[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}/)![0];
  const visitorContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const visitorPanics = panicsIn(visitorContext);
  const visitor = await visitorContext.newPage();
  for (const [lang, heading, initials] of [
    ['en', 'This eCOPR is genuine', 'Holder’s initials'],
    ['fr', 'Cette eCOPR est authentique', 'Initiales du titulaire'],
  ]) {
    await gotoHydrated(visitor, `/${lang}/ecopr/${code}`);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(visitor.locator('.verification dt').first()).toHaveText(initials);
    await expect(visitor.locator('.initials')).toHaveText('T. M. N.');
    await expect(visitor.locator('.birth-year')).toHaveText('1987');
  }
  await gotoHydrated(visitor, '/fr/ecopr/0000-0000-0000-0000');
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Cette eCOPR ne peut pas être confirmée');
  expect(visitorPanics).toEqual([]);
  await visitorContext.close();

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

test('officers are told when another holds or decided a photo; a return for "other" needs a note the person reads', async ({ page, browser, request }, testInfo) => {
  test.slow();
  const { number, mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'copper willow ninety kites');
  await gotoHydrated(page, '/en/account');
  await page.locator('.profiles a', { hasText: 'Thị Mai Nguyễn' }).click();
  await declareInCanada(page, 'I declare that I am physically in Canada');
  await page.getByRole('link', { name: 'Send a PR card photo' }).click();
  await sendCompliantPhoto(page);

  const officers = await Promise.all(['one', 'two'].map(async (who) => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const panics = panicsIn(context);
    const officer = await context.newPage();
    const account = createOfficer(testInfo, `${unique().tag}${who}`);
    await signInFirstTime(officer, account.address, account.password, `${who} harbour lantern owls`);
    return { context, panics, officer };
  }));
  const [a, b] = officers.map((o) => o.officer);

  // A holds her photo; B, asking for the same person from the case, is told another officer has it.
  await reviewPhotoOf(a, number, 'Thị Mai Nguyễn');
  const photoUrl = new URL(a.url()).pathname + new URL(a.url()).search;
  await gotoHydrated(b, photoUrl);
  await expect(b.locator('.notice-warning').first()).toHaveText('That person’s photo is being reviewed by another officer. Here is the next photo waiting instead.');
  await expect(b.locator('#review-who', { hasText: 'Thị Mai Nguyễn' })).toHaveCount(0);

  // A search that finds nothing says so.
  await gotoHydrated(b, '/en/officer/cases');
  await b.getByLabel('Find a case').fill(`no such case ${unique().tag}`);
  await b.getByRole('button', { name: 'Search' }).click();
  await expect(b.locator('.search-none')).toHaveText('No case matches this search.');

  // A leaves it longer than the claim lasts; B takes it, and A's decision is refused with nothing recorded.
  runSql(testInfo,
    `UPDATE photo_claims SET expires_at = '2020-01-01T00:00:00+00:00' WHERE photo_id IN ` +
    `(SELECT p.id FROM photos p JOIN people pe ON pe.id = p.person_id JOIN cases c ON c.id = pe.case_id WHERE c.application_number = '${number}')`);
  await gotoHydrated(b, photoUrl);
  await expect(b.locator('#review-who')).toContainText(`Thị Mai Nguyễn, application ${number}`);
  await a.getByRole('button', { name: 'Accept the photo' }).click();
  await expect(a.locator('.notice-warning').first()).toHaveText('Another officer decided on this photo first, or holds it now: nothing was recorded. The next photo is below.');

  // B returns it for "other": the note is needed, then the person reads it.
  await b.getByLabel('Reason', { exact: true }).selectOption('other');
  await b.getByRole('button', { name: 'Return the photo' }).click();
  const summary = b.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Write a note for the person: it is needed with “Other”.' })).toBeVisible();
  await expect(b.locator('#note-error')).toContainText('Write a note for the person: it is needed with “Other”.');
  await expect(b.locator('#note')).toHaveAttribute('aria-invalid', 'true');
  await b.locator('#note').fill('Please take the photo without your hat.');
  await b.getByRole('button', { name: 'Return the photo' }).click();
  await expect(b.locator('.notice-success')).toHaveText('The photo of Thị Mai Nguyễn is returned: Another reason, given in the officer’s note. The next photo is below.');

  await gotoHydrated(page, '/en/messages');
  const returned = page.locator('.message', { hasText: 'Photo returned: Thị Mai Nguyễn' });
  await expect(returned.locator('.message-note')).toHaveText('The officer’s note: Please take the photo without your hat.');

  for (const { context, panics } of officers) {
    expect(panics, 'the WebAssembly panicked').toEqual([]);
    await context.close();
  }
});
