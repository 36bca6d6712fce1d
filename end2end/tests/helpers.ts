import { APIRequestContext, ConsoleMessage, expect, Page, Request, Response, TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';

/** Opens a page and waits until the WebAssembly has taken it over. Each test's
 * fresh browser context compiles the bundle anew, and on a busy 2-core machine
 * that alone has taken over the 5 s an assertion waits by default. */
export async function gotoHydrated(page: Page, path: string) {
  const seen: string[] = [];
  const onConsole = (m: ConsoleMessage) => { seen.push(`console.${m.type()}: ${m.text()}`); };
  const onError = (e: Error) => { seen.push(`page error: ${e.message}`); };
  const onFailed = (r: Request) => { seen.push(`request failed: ${r.url()} ${r.failure()?.errorText}`); };
  const onResponse = (r: Response) => {
    const policy = r.headers()['content-security-policy']?.match(/'nonce-[^']*'/)?.[0] ?? 'no nonce';
    seen.push(`${r.status()} ${r.request().method()} ${r.url()} (${r.headers()['content-type']}, CSP ${policy})`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  try {
    const document = await page.goto(path);
    try {
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', '', { timeout: 20_000 });
    } catch (error) {
      // Say what the page went through: a hydration failure seen only on a busy CI machine is otherwise a guess.
      const body = (await document?.text().catch(() => '')) ?? '';
      const scripts = [...body.matchAll(/<script[^>]*nonce="([^"]*)"/g)].map((m) => m[1]);
      throw new Error(`${error}\nThe page never hydrated. Script nonces in the document: ${scripts.join(', ') || 'none'}\n${seen.join('\n')}`);
    }
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
}

/** A fresh application number and addresses, so tests running at once never meet. */
export function unique() {
  const n = `${Math.floor(Math.random() * 1e9)}`.padStart(9, '0');
  const tag = Math.random().toString(36).slice(2, 8);
  return { number: `E${n}`, tag };
}

/** The day the test cases were approved: ten days ago, so their 180-day deadline stays ahead. */
export const APPROVED_ON = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);

/** A family of three, sent in as the upstream system does. */
export async function sendCase(request: APIRequestContext, testInfo: TestInfo, number: string, tag: string) {
  const token = testInfo.project.metadata.apiToken as string;
  const response = await request.post('/api/v1/cases', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      application_number: number,
      approved_on: APPROVED_ON,
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

/** The newest message to this address (with this in its subject) on the development outbox page, as text. */
export async function email(page: Page, to: string, subject = 'Permanent Residence Portal', after = 0): Promise<string> {
  let body = '';
  await expect(async () => {
    await page.goto('/dev/outbox');
    const messages = page
      .locator('article.outbox-message')
      .filter({ has: page.locator('.outbox-to', { hasText: to }) })
      .filter({ has: page.getByRole('heading', { name: subject }) });
    expect(await messages.count()).toBeGreaterThan(after);
    body = (await messages.first().locator('.outbox-body').textContent()) ?? '';
  }).toPass({ timeout: 15_000 });
  return body;
}

export function invitationLink(body: string, lang: string): string {
  const match = body.match(new RegExp(`https?://[^\\s]+/${lang}/invitation/[A-Za-z0-9]+`));
  expect(match, body).not.toBeNull();
  return new URL(match![0]).pathname;
}


/**
 * Makes an application's invitations a month old, as if 30 days had passed: the
 * one change a test makes behind the portal's back, with the database's own client.
 */
export function ageInvitations(testInfo: TestInfo, number: string) {
  runSql(
    testInfo,
    `UPDATE invitations SET expires_at = '2020-01-01T00:00:00+00:00' ` +
      `WHERE case_id = (SELECT id FROM cases WHERE application_number = '${number}')`,
  );
}

/** Runs one statement on the project's database with its own client (time passing, behind the portal's back). */
export function runSql(testInfo: TestInfo, sql: string) {
  const { sqlite, postgres } = testInfo.project.metadata as { sqlite?: string; postgres?: string };
  if (postgres) {
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', postgres, '-c', sql]);
  } else {
    const script = 'import sqlite3, sys\nwith sqlite3.connect(sys.argv[1]) as db: db.execute(sys.argv[2])';
    execFileSync('python3', ['-c', script, sqlite!, sql]);
  }
}

/**
 * A new officer, made as an administrator does, with the command line on the
 * portal's database; returns the address and the temporary password it printed.
 */
export function createOfficer(testInfo: TestInfo, tag: string) {
  const { sqlite, postgres } = testInfo.project.metadata as { sqlite?: string; postgres?: string };
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (postgres) env.DATABASE_URL = postgres;
  else env.APP_DATABASE__SQLITE_PATH = sqlite;
  const address = `officer.${tag}@ircc.example.ca`;
  const printed = execFileSync(
    `${__dirname}/../../target/release/portal`,
    ['officer', 'create', '--email', address, '--name', `Agent ${tag}`],
    { env, encoding: 'utf8' },
  );
  return { address, password: printed.match(/temporary password: (\S+)/)![1] };
}

/** Signs in with a temporary password, sets a new one and enters the emailed code. */
export async function signInFirstTime(page: Page, username: string, temporary: string, chosen: string) {
  await gotoHydrated(page, '/en/sign-in');
  await page.getByLabel('Username (your email address)').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password, again').fill(chosen);
  await page.getByRole('button', { name: 'Save my password' }).click();
  await expect(page).toHaveURL(/\/en\/verify$/);
  const code = (await email(page, username, 'one-time code')).match(/is:\s+(\d{6})/)![1];
  await gotoHydrated(page, '/en/verify');
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  // Applicants land on their steps, officers on their cases.
  await expect(page).toHaveURL(/\/en\/(home|officer\/cases)$/);
}

/** What an authenticator app shows now for a base32 secret (RFC 6238: SHA-1, 30 s, 6 digits). */
export function authenticatorCode(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=+$/, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A family whose invitation is answered (in English): returns its application number, the two adults' addresses and temporary passwords. */
export async function familyWithAccounts(page: Page, request: APIRequestContext, testInfo: TestInfo) {
  const { number, tag } = unique();
  await sendCase(request, testInfo, number, tag);
  const mai = `mai.${tag}@example.com`;
  const luc = `luc.${tag}@example.com`;
  await gotoHydrated(page, invitationLink(await email(page, mai), 'en'));
  await page.getByLabel('Yes, we will use the portal').check();
  for (const person of ['Thị Mai Nguyễn', 'Luc Tremblay', 'Anh Tremblay']) {
    const section = page.locator('section.person', { hasText: person });
    await section.getByRole('group', { name: /Canada/ }).getByLabel('Yes', { exact: true }).check();
  }
  await page.locator('section.person', { hasText: 'Luc Tremblay' }).getByLabel('They will, with their own account').check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your accounts are ready');
  const temporary = async (to: string) => {
    const body = await email(page, to, 'Your PR Confirmation Portal account');
    return body.match(/Temporary password: (\S+)/)![1];
  };
  return { number, mai, luc, maiPassword: await temporary(mai), lucPassword: await temporary(luc) };
}

/**
 * A photo with room around a head that is too small, for the crop tool: the
 * small-head fixture drawn at twice its size by the browser itself.
 */
export async function widePhoto(page: Page) {
  const small = readFileSync(`${__dirname}/../../photo/tests/fixtures/astronaut_small_head.jpg`).toString('base64');
  const wide = await page.evaluate(async (data) => {
    const jpeg = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(bitmap.width * 2, bitmap.height * 2);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    bytes.forEach((b) => (text += String.fromCharCode(b)));
    return btoa(text);
  }, small);
  return { name: 'wide.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(wide, 'base64') };
}

/** From a profile page: declares the person physically in Canada, then comes back to the profile. */
export async function declareInCanada(page: Page, label: string | RegExp) {
  await page.getByRole('link', { name: 'Declare presence in Canada' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Presence in Canada: /);
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Save the declaration' }).click();
  await expect(page.locator('.notice-success')).toContainText('The declaration is saved.');
  await expect(page.locator('.presence-state')).toHaveText(/^Declared physically in Canada on [A-Z][a-z]+ \d{1,2}, \d{4}/);
  await page.getByRole('link', { name: 'Back to the profile' }).click();
}

/** On a photo step: a compliant photo passes every check and is sent, in the page's language. */
export async function sendCompliantPhoto(page: Page, lang: 'en' | 'fr' = 'en') {
  await page.locator('#photo-file').setInputFiles(`${__dirname}/../../photo/tests/fixtures/astronaut_good.jpg`);
  await expect(page.locator('li.check-pass')).toHaveCount(10, { timeout: 20_000 });
  await page.getByRole('button', { name: lang === 'en' ? 'Send this photo' : 'Envoyer cette photo' }).click();
  await expect(page.locator('.photo-send-progress')).toHaveText(lang === 'en' ? 'We received your photo.' : 'Nous avons reçu votre photo.');
}

/** From the officers' case list: the case by its application number, then its person's photo. */
export async function reviewPhotoOf(officer: Page, number: string, name: string) {
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
