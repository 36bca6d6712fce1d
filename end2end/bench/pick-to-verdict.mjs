// Benchmark (not a test): in headless Chromium, the time from picking a
// 12-megapixel (4000 × 3000) JPEG on /en/photo-check to the verdict on screen.
//
//   target/release/portal serve &   # or `make run`
//   node end2end/bench/pick-to-verdict.mjs [http://127.0.0.1:3000]
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const runs = 7;
const fixture = new URL('../../photo/tests/fixtures/astronaut_good.jpg', import.meta.url);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(`${base}/en/photo-check`);
await page.waitForSelector('html[data-hydrated]');

// A phone-sized photo: the fixture, enlarged, in the middle of a 4000 × 3000 frame.
const photo = Buffer.from(await page.evaluate(async (data) => {
  const jpeg = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
  const canvas = new OffscreenCanvas(4000, 3000);
  const context = canvas.getContext('2d');
  context.fillStyle = '#e8e8e8';
  context.fillRect(0, 0, 4000, 3000);
  const height = 3000, width = Math.round(bitmap.width * height / bitmap.height);
  context.drawImage(bitmap, (4000 - width) / 2, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  let text = '';
  new Uint8Array(await blob.arrayBuffer()).forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text);
}, readFileSync(fixture).toString('base64')), 'base64');

async function pick() {
  const start = Date.now();
  await page.locator('#photo-file').setInputFiles({ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('.photo-results').waitFor();
  const elapsed = Date.now() - start;
  await page.reload();
  await page.waitForSelector('html[data-hydrated]');
  return elapsed;
}

const first = await pick(); // includes fetching the face model
const times = [];
for (let i = 0; i < runs; i++) times.push(await pick());
times.sort((a, b) => a - b);
console.log(`4000×3000 JPEG (${Math.round(photo.length / 1024)} KB), pick to verdict in Chromium:`);
console.log(`  first pick (face model fetched)  ${first} ms`);
console.log(`  median of ${runs} (min ${times[0]}, max ${times[runs - 1]})  ${times[Math.floor(runs / 2)]} ms`);
await browser.close();
