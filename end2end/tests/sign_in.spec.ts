import { expect, test } from './fixtures';
import { authenticatorCode, email, familyWithAccounts, gotoHydrated, signInFirstTime } from './helpers';

test('an applicant reaches only their own profiles, and no officer page', async ({ page, request }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'violet harbour seven trains');

  await expect(page.locator('.person-card h2 a')).toHaveCount(2);
  const own = await page.locator('.person-card h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const ids = own.map((href) => Number(href.split('/').pop()));
  // Luc's profile sits between Mai's and Anh's on the application.
  const spouse = ids[0] + 1;
  expect(ids).not.toContain(spouse);

  const mine = await page.goto(own[0]);
  expect(mine!.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thị Mai Nguyễn');

  for (const other of [`/en/profile/${spouse}`, '/en/profile/999999']) {
    const response = await page.goto(other);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We cannot find this profile');
    await expect(page.locator('main')).not.toContainText('Luc Tremblay');
  }

  const officer = await page.goto('/en/officer/cases');
  expect(officer!.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  for (const path of ['/en/officer/cases/new', '/en/officer/cases/import']) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    await expect(page.getByRole('button')).toHaveCount(0);
  }
  const api = await page.request.post('/api/officer/cases');
  expect(api.status()).toBe(403);

  // Signed out, the same addresses send to the sign-in page.
  await page.context().clearCookies();
  await page.goto('/en/account');
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await page.goto(own[0]);
  await expect(page).toHaveURL(/\/en\/sign-in$/);
});

test('five wrong passwords lock the account for 15 minutes', async ({ page, request }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { luc, lucPassword } = await familyWithAccounts(page, request, testInfo);
  await gotoHydrated(page, '/en/sign-in');
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel('Username (your email address)').fill(luc);
    await page.getByLabel('Password', { exact: true }).fill(`not the password ${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.error-summary')).toContainText('The username or password is not right');
  }
  await page.getByLabel('Password', { exact: true }).fill('not the password 5');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This account is locked after too many wrong passwords or codes');
  await expect(page.locator('.locked-for')).toHaveText('Try again in 15 minutes.');
  // Even the right password is refused while locked.
  await page.getByLabel('Password', { exact: true }).fill(lucPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.locked-for')).toHaveText(/Try again in 1[45] minutes\./);
  await expect(page).toHaveURL(/\/en\/sign-in$/);

  // An address nobody has gets exactly the same answers.
  const nobody = `nobody.${Date.now()}@example.com`;
  await page.getByLabel('Username (your email address)').fill(nobody);
  await page.getByLabel('Password', { exact: true }).fill('whatever it is');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.error-summary')).toContainText('The username or password is not right');
});

test('after 17 idle minutes a dialog offers more time; at 20 the session ends', async ({ page, request }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { luc, lucPassword } = await familyWithAccounts(page, request, testInfo);
  await page.clock.install();
  await signInFirstTime(page, luc, lucPassword, 'copper meadow quiet rocket');
  const dialog = page.getByRole('alertdialog', { name: 'Your session is about to end' });
  await expect(page.locator('[data-session-timer="armed"]')).toBeAttached();
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('17:01');
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeFocused();
  await expect(dialog).toContainText('you will be signed out in 3 minutes');
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('16:00');
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('01:01');
  await expect(dialog).toBeVisible();
  await page.clock.fastForward('03:00');
  await expect(page).toHaveURL(/\/en\/sign-in\?timed-out$/);
  await expect(page.locator('.notice')).toContainText('You were signed out after a time without activity');
});

test('a forgotten password: a one-hour link by email, which never tells whether the address is known', async ({ page, request }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { mai, maiPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, mai, maiPassword, 'amber glacier pencil drum');

  for (const address of [mai, `nobody.${Date.now()}@example.com`]) {
    await gotoHydrated(page, '/en/forgot-password');
    await page.getByLabel('Email address').fill(address);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect(page.locator('.notice')).toHaveText(/If an account uses this address, we have emailed it a link/);
  }
  const body = await email(page, mai, 'Reset your PR Confirmation Portal password');
  const path = new URL(body.match(/https?:\/\/\S+\/en\/reset-password\/[A-Za-z0-9]+/)![0]).pathname;
  await gotoHydrated(page, path);
  await page.getByLabel('New password', { exact: true }).fill('silver canyon tuesday kite');
  await page.getByLabel('New password, again').fill('silver canyon tuesday kite');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page.locator('.notice')).toContainText('Your password is changed');

  // Every device was signed out, and the link works once.
  await page.goto('/en/account');
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await gotoHydrated(page, path);
  await page.getByLabel('New password', { exact: true }).fill('another fine long phrase');
  await page.getByLabel('New password, again').fill('another fine long phrase');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page.getByRole('alert')).toContainText('This link does not work any more');

  // The new password opens the account (then the emailed code).
  await gotoHydrated(page, '/en/sign-in');
  await page.getByLabel('Username (your email address)').fill(mai);
  await page.getByLabel('Password', { exact: true }).fill('silver canyon tuesday kite');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/en\/verify$/);
});

test('an authenticator app replaces the emailed code', async ({ page, request }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { luc, lucPassword } = await familyWithAccounts(page, request, testInfo);
  await signInFirstTime(page, luc, lucPassword, 'pebble orchard violin sunrise');
  await page.getByRole('link', { name: 'Your account and its security' }).click();
  await page.getByRole('link', { name: 'Use an authenticator app instead of codes by email' }).click();
  // A session alone is not enough: the password comes first.
  await page.getByRole('button', { name: 'Show the code to scan' }).click();
  await expect(page.locator('.error-summary')).toContainText('Enter your password.');
  await page.getByLabel('Your current password').fill('pebble orchard violin sunrise');
  await page.getByRole('button', { name: 'Show the code to scan' }).click();
  await expect(page.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
  const secret = (await page.locator('.totp-secret').textContent())!.trim();
  await page.getByLabel('The 6-digit code your app shows now').fill(authenticatorCode(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('.recovery-codes li')).toHaveCount(5);
  const codes = (await page.locator('.recovery-codes li').allTextContents()).map((c) => c.trim());
  const recovery = codes[0];

  await gotoHydrated(page, '/en/account');
  await expect(page.locator('main')).toContainText('Your second step uses an authenticator app.');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  // The code that confirmed the app is spent: signing in takes the app's next
  // one (a phone clock a little fast is accepted).
  for (const second of [authenticatorCode(secret, Date.now() + 30_000), recovery]) {
    await gotoHydrated(page, '/en/sign-in');
    await page.getByLabel('Username (your email address)').fill(luc);
    await page.getByLabel('Password', { exact: true }).fill('pebble orchard violin sunrise');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/en\/verify$/);
    await expect(page.locator('main')).toContainText('Enter the 6-digit code your authenticator app shows now');
    await page.getByLabel('Code from your authenticator app, or a recovery code').fill(second);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/en\/home$/);
    await page.context().clearCookies();
  }

  // Stopping the app takes the password and the app (here a recovery code).
  await gotoHydrated(page, '/en/sign-in');
  await page.getByLabel('Username (your email address)').fill(luc);
  await page.getByLabel('Password', { exact: true }).fill('pebble orchard violin sunrise');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code from your authenticator app, or a recovery code').fill(codes[1]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/en\/home$/);
  await gotoHydrated(page, '/en/account');
  await page.getByRole('link', { name: 'Change or stop using the app' }).click();
  const remove = page.getByRole('region', { name: 'Stop using an authenticator app' });
  for (const password of ['not my password at all', 'pebble orchard violin sunrise']) {
    await remove.getByLabel('Your current password').fill(password);
    await remove.getByLabel('The code your authenticator app shows now, or a recovery code').fill(codes[2]);
    await remove.getByRole('button', { name: 'Stop using the app' }).click();
    if (password.startsWith('not')) {
      await expect(page.locator('.error-summary')).toContainText('This is not your current password');
    }
  }
  await expect(page.locator('p.notice')).toContainText('no longer uses an authenticator app');
  await gotoHydrated(page, '/en/account');
  await expect(page.getByRole('link', { name: 'Use an authenticator app instead of codes by email' })).toBeVisible();
});
