import { APIRequestContext, expect, Page, test, TestInfo } from '@playwright/test';
import { gotoHydrated } from './helpers';

/** A fresh application number and addresses, so tests running at once never meet. */
function unique() {
  const n = `${Math.floor(Math.random() * 1e9)}`.padStart(9, '0');
  const tag = Math.random().toString(36).slice(2, 8);
  return { number: `E${n}`, tag };
}

/** A family of three, sent in as the upstream system does. */
async function sendCase(request: APIRequestContext, testInfo: TestInfo, number: string, tag: string) {
  const token = testInfo.project.metadata.apiToken as string;
  const response = await request.post('/api/v1/cases', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      application_number: number,
      approved_on: '2026-11-20',
      people: [
        { family_name: 'Nguyễn', given_names: 'Thị Mai', date_of_birth: '1987-07-02', sex: 'F',
          country_of_birth: 'VNM', citizenship: 'VNM', uci: '3344445555', email: `mai.${tag}@example.com`,
          relationship: 'principal' },
        { family_name: 'Tremblay', given_names: 'Luc', date_of_birth: '1985-03-14', sex: 'M',
          country_of_birth: 'FRA', citizenship: 'FRA', uci: '11112222', email: `luc.${tag}@example.com`,
          relationship: 'spouse' },
        { family_name: 'Tremblay', given_names: 'Anh', date_of_birth: '2016-01-30', sex: 'X',
          country_of_birth: 'CAN', citizenship: 'FRA', uci: '66667777', relationship: 'child' },
      ],
    },
  });
  expect(response.status()).toBe(201);
}

/** The newest message to this address on the development outbox page, as text. */
async function email(page: Page, to: string): Promise<string> {
  let body = '';
  await expect(async () => {
    await page.goto('/dev/outbox');
    const message = page.locator('article.outbox-message', { has: page.locator('.outbox-to', { hasText: to }) });
    await expect(message).toHaveCount(1);
    body = (await message.locator('.outbox-body').textContent()) ?? '';
  }).toPass({ timeout: 15_000 });
  return body;
}

function link(body: string, lang: string): string {
  const match = body.match(new RegExp(`https?://[^\\s]+/${lang}/invitation/[A-Za-z0-9]+`));
  expect(match, body).not.toBeNull();
  return new URL(match![0]).pathname;
}

const text = {
  en: {
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
    password: 'Temporary password:',
  },
  fr: {
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
    password: 'Mot de passe temporaire :',
  },
} as const;

for (const lang of ['en', 'fr'] as const) {
  const t = text[lang];

  test(`a family of three answers its invitation and two accounts are emailed (${lang})`, async ({ page, request }, testInfo) => {
    const { number, tag } = unique();
    await sendCase(request, testInfo, number, tag);
    const invitation = await email(page, `mai.${tag}@example.com`);
    expect(invitation).toContain('Permanent Residence Portal');
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
    await expect(mai.getByRole('textbox')).toHaveValue(`mai.${tag}@example.com`);
    await mai.getByRole('group', { name: /Canada/ }).getByLabel(t.yes, { exact: true }).check();
    await luc.getByLabel(t.own).check();
    await luc.getByRole('group', { name: /Canada/ }).getByLabel(t.no, { exact: true }).check();
    await luc.getByLabel(t.returnDate).fill('2030-01-15');
    await expect(anh.getByRole('textbox')).toHaveCount(0);
    await anh.getByRole('group', { name: /Canada/ }).getByLabel(t.yes, { exact: true }).check();
    await page.getByRole('button', { name: t.send }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.ready);
    await expect(page.locator('.accounts li')).toHaveText([`mai.${tag}@example.com`, `luc.${tag}@example.com`]);

    for (const adult of [`mai.${tag}@example.com`, `luc.${tag}@example.com`]) {
      const account = await email(page, adult);
      expect(account).toContain(`${adult}`);
      expect(account).toMatch(new RegExp(`${t.password} [A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}`));
    }

    // The link works once.
    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.used);
  });

  test(`a link that was never issued says what to do (${lang})`, async ({ page }) => {
    await gotoHydrated(page, `/${lang}/invitation/${'x'.repeat(43)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.unknown);
    await expect(page.getByRole('link', { name: /IRCC/ })).toHaveAttribute('href', /canada\.ca/);
  });
}

test('declining sends the case to the paper route', async ({ page, request }, testInfo) => {
  const { number, tag } = unique();
  await sendCase(request, testInfo, number, tag);
  const path = link(await email(page, `mai.${tag}@example.com`), 'en');
  await gotoHydrated(page, path);
  await page.getByLabel('No, contact us about the other ways (by mail or in person)').check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We have noted your answer');
});
