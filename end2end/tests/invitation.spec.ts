import { expect, test } from './fixtures';
import { ageInvitations, email, gotoHydrated, invitationLink as link, sendCase, unique } from './helpers';

const text = {
  en: {
    signIn: 'Sign in', username: 'Username (your email address)', password_: 'Password', submit: 'Sign in',
    choosePassword: 'Choose your password', newPassword: 'New password', again: 'New password, again', save: 'Save my password',
    code: '6-digit code', next: 'Continue', account: 'Your account', home: 'Your steps', codeLine: /is:\s+(\d{6})/,
    weak: 'This password is too common or too easy to guess',
    title: 'Your invitation to the PR Confirmation Portal',
    summary: 'Check these answers',
    choose: 'Choose whether you want to use the portal.',
    usePortal: 'Yes, we will use the portal',
    yes: 'Yes', no: 'No', own: 'They will, with their own account',
    returnDate: 'If not: expected date of return to Canada',
    send: 'Send my answers',
    ready: 'Your accounts are ready',
    used: 'This invitation has already been answered',
    unknown: 'This invitation link does not work',
    expired: 'This invitation has expired',
    expiredHelp: 'Contact IRCC and ask for a new invitation',
    password: 'Temporary password:',
  },
  fr: {
    signIn: 'Se connecter', username: 'Nom d’utilisateur (votre adresse courriel)', password_: 'Mot de passe', submit: 'Se connecter',
    choosePassword: 'Choisissez votre mot de passe', newPassword: 'Nouveau mot de passe', again: 'Nouveau mot de passe, de nouveau',
    save: 'Enregistrer mon mot de passe', code: 'Code de 6 chiffres', next: 'Continuer', account: 'Votre compte', home: 'Vos étapes',
    codeLine: /est :\s+(\d{6})/, weak: 'Ce mot de passe est trop courant ou trop facile à deviner',
    title: 'Votre invitation au Portail de confirmation de la RP',
    summary: 'Vérifiez ces réponses',
    choose: 'Indiquez si vous souhaitez utiliser le portail.',
    usePortal: 'Oui, nous utiliserons le portail',
    yes: 'Oui', no: 'Non', own: 'Elle-même, avec son propre compte',
    returnDate: 'Sinon : date prévue du retour au Canada',
    send: 'Envoyer mes réponses',
    ready: 'Vos comptes sont prêts',
    used: 'Il a déjà été répondu à cette invitation',
    unknown: 'Ce lien d’invitation ne fonctionne pas',
    expired: 'Cette invitation a expiré',
    expiredHelp: 'Communiquez avec IRCC et demandez une nouvelle invitation',
    password: 'Mot de passe temporaire :',
  },
} as const;

for (const lang of ['en', 'fr'] as const) {
  const t = text[lang];

  test(`a family of three answers its invitation and two accounts are emailed (${lang})`, async ({ page, request }, testInfo) => {
    // A whole journey through several pages and emails.
    test.slow();
    const { number, tag } = unique();
    await sendCase(request, testInfo, number, tag);
    const invitation = await email(page, `mai.${tag}@example.com`);
    expect(invitation).toContain('PR Confirmation Portal');
    const path = link(invitation, lang);

    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
    await expect(page.locator('.application-number')).toContainText(number);

    // Sending nothing: every question is named in a summary that takes focus.
    await page.getByRole('button', { name: t.send }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading')).toHaveText(t.summary);
    await expect(summary.getByRole('link', { name: t.choose })).toBeVisible();
    await summary.getByRole('link', { name: t.choose }).click();
    await expect(page.locator('#use-portal-yes')).toBeFocused();

    await page.getByLabel(t.usePortal).check();
    const mai = page.locator('section.person', { hasText: 'Thị Mai Nguyễn' });
    const luc = page.locator('section.person', { hasText: 'Luc Tremblay' });
    const anh = page.locator('section.person', { hasText: 'Anh Tremblay' });
    await expect(mai.locator('input[type=email]')).toHaveValue(`mai.${tag}@example.com`);
    await mai.getByRole('group', { name: /Canada/ }).getByLabel(t.yes, { exact: true }).check();
    await luc.getByLabel(t.own).check();
    await luc.getByRole('group', { name: /Canada/ }).getByLabel(t.no, { exact: true }).check();
    await luc.getByLabel(t.returnDate).fill('2030-01-15');
    await expect(anh.locator('input[type=email]')).toHaveCount(0);
    await anh.getByRole('group', { name: /Canada/ }).getByLabel(t.yes, { exact: true }).check();
    await page.getByRole('button', { name: t.send }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.ready);
    await expect(page.locator('.accounts li')).toHaveText([`mai.${tag}@example.com`, `luc.${tag}@example.com`]);

    const passwords: string[] = [];
    for (const adult of [`mai.${tag}@example.com`, `luc.${tag}@example.com`]) {
      const account = await email(page, adult, 'Your PR Confirmation Portal account');
      expect(account).toContain(`${adult}`);
      const line = account.match(new RegExp(`${t.password} ([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})`));
      expect(line, account).not.toBeNull();
      passwords.push(line![1]);
    }

    // The link works once.
    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.used);

    // First sign-in: the temporary password, a new one, the emailed code, then home.
    const [principal, maiPassword] = [`mai.${tag}@example.com`, passwords[0]];
    await gotoHydrated(page, `/${lang}/sign-in`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.signIn);
    await page.getByLabel(t.username).fill(principal);
    await page.getByLabel(t.password_, { exact: true }).fill(maiPassword);
    await page.getByRole('button', { name: t.submit }).click();

    await expect(page).toHaveURL(new RegExp(`/${lang}/change-password$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.choosePassword);
    // A common password is refused on its field, whatever its length.
    await page.getByLabel(t.newPassword, { exact: true }).fill('password1234');
    await page.getByLabel(t.again).fill('password1234');
    await page.getByRole('button', { name: t.save }).click();
    await expect(page.locator('.field-error').first()).toContainText(t.weak);
    await page.getByLabel(t.newPassword, { exact: true }).fill('maple kettle orbit lantern');
    await expect(page.locator('meter')).toHaveAttribute('value', /[34]/);
    await page.getByLabel(t.again).fill('maple kettle orbit lantern');
    await page.getByRole('button', { name: t.save }).click();

    await expect(page).toHaveURL(new RegExp(`/${lang}/verify$`));
    const code = (await email(page, principal, 'one-time code')).match(t.codeLine)![1];
    await gotoHydrated(page, `/${lang}/verify`);
    await page.getByLabel(t.code).fill(code);
    await page.getByRole('button', { name: t.next }).click();

    await expect(page).toHaveURL(new RegExp(`/${lang}/home$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.home);
    // Her own card and her child's, not her spouse's: he has his own account.
    await expect(page.locator('.person-card h2')).toHaveText(['Thị Mai Nguyễn', 'Anh Tremblay']);
    await gotoHydrated(page, `/${lang}/account`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.account);
    await expect(page.locator('.signed-in-as')).toContainText('Thị Mai Nguyễn');
    await expect(page.locator('.profiles li')).toHaveText(['Thị Mai Nguyễn', 'Anh Tremblay']);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'portal_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
  });

  test(`an expired link says what to do (${lang})`, async ({ page, request }, testInfo) => {
    // A whole journey through several pages and emails.
    test.slow();
    const { number, tag } = unique();
    await sendCase(request, testInfo, number, tag);
    const path = link(await email(page, `mai.${tag}@example.com`), lang);
    ageInvitations(testInfo, number);
    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.expired);
    await expect(page.locator('main')).toContainText(t.expiredHelp);
    await expect(page.getByRole('link', { name: /IRCC/ })).toHaveAttribute('href', /canada\.ca/);
  });

  test(`a link that was never issued says what to do (${lang})`, async ({ page }) => {
    await gotoHydrated(page, `/${lang}/invitation/${'x'.repeat(43)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.unknown);
    await expect(page.getByRole('link', { name: /IRCC/ })).toHaveAttribute('href', /canada\.ca/);
  });
}

test('declining sends the case to the paper route', async ({ page, request }, testInfo) => {
  // A whole journey through several pages and emails.
  test.slow();
  const { number, tag } = unique();
  await sendCase(request, testInfo, number, tag);
  const path = link(await email(page, `mai.${tag}@example.com`), 'en');
  await gotoHydrated(page, path);
  await page.getByLabel('No, contact us about the other ways (by mail or in person)').check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We have noted your answer');
});
