// Benchmark (not a test): in headless Chromium, the time from picking a
// 12-megapixel (4000 × 3000) JPEG on /en/photo-check to the verdict on screen;
// then, in the same browser and on the same photo, the time the JavaScript peer
// @vladmandic/human takes to find the face in it (decoding included, as ours
// includes it), on TensorFlow.js's WebAssembly backend. Its code, models and
// WebAssembly come from end2end's npm packages, served to the page by this script.
//
//   target/release/portal serve &   # or `make run`
//   node end2end/bench/pick-to-verdict.mjs [http://127.0.0.1:3000]
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const runs = 7;
const fixture = new URL('../../photo/tests/fixtures/astronaut_good.jpg', import.meta.url);
const modules = new URL('../node_modules/', import.meta.url);

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

// Ours: pick the photo, again and again on the same page, as a person would.
async function pick() {
  await page.locator('.photo-results').evaluateAll((all) => all.forEach((r) => r.setAttribute('data-seen', '')));
  const start = Date.now();
  await page.locator('#photo-file').setInputFiles({ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('.photo-results:not([data-seen])').waitFor();
  return Date.now() - start;
}
const verdict = async () => page.locator('.photo-summary').textContent();

// Theirs: a page of its own on the same origin, its files answered from node_modules.
const peerFiles = {
  'human.esm.js': '@vladmandic/human/dist/human.esm.js',
  'models/': '@vladmandic/human/models/',
  'wasm/': '@tensorflow/tfjs-backend-wasm/dist/',
};
const peer = await browser.newPage();
await peer.route(`${base}/bench-peer/**`, async (route) => {
  const path = new URL(route.request().url()).pathname.replace('/bench-peer/', '');
  if (path === '') {
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>peer</title>' });
  }
  const prefix = Object.keys(peerFiles).find((p) => path === p || (p.endsWith('/') && path.startsWith(p)));
  if (!prefix) return route.fulfill({ status: 404 });
  const file = new URL(peerFiles[prefix] + path.slice(prefix.length), modules);
  const types = { js: 'text/javascript', json: 'application/json', wasm: 'application/wasm' };
  return route.fulfill({ body: readFileSync(file), contentType: types[path.split('.').pop()] ?? 'application/octet-stream' });
});
await peer.goto(`${base}/bench-peer/`);
const peerSetup = await peer.evaluate(async () => {
  const { Human } = await import('/bench-peer/human.esm.js');
  const off = { enabled: false };
  window.human = new Human({
    backend: 'wasm', wasmPath: '/bench-peer/wasm/', modelBasePath: '/bench-peer/models/',
    debug: false, warmup: 'none', cacheSensitivity: 0, filter: off,
    face: { enabled: true, detector: { rotation: false, maxDetected: 5 }, mesh: off, iris: off,
      description: off, emotion: off, antispoof: off, liveness: off, attention: off },
    body: off, hand: off, object: off, gesture: off, segmentation: off,
  });
  const start = performance.now();
  await window.human.load();
  await window.human.init();
  return { backend: window.human.tf.getBackend(), ms: Math.round(performance.now() - start) };
});
async function detect() {
  return peer.evaluate(async (data) => {
    const jpeg = new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type: 'image/jpeg' });
    const start = performance.now();
    const bitmap = await createImageBitmap(jpeg);
    const result = await window.human.detect(bitmap);
    return { ms: Math.round(performance.now() - start), faces: result.face.length };
  }, photo.toString('base64'));
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const first = await pick(); // the engine may still be loading its face model
const ours = [];
for (let i = 0; i < runs; i++) ours.push(await pick());
const peerFirst = await detect();
const theirs = [];
let faces = 0;
for (let i = 0; i < runs; i++) {
  const run = await detect();
  theirs.push(run.ms);
  faces = run.faces;
}

console.log(`4000×3000 JPEG (${Math.round(photo.length / 1024)} KB), in Chromium:`);
console.log(`  ours, pick to verdict ("${await verdict()}")`);
console.log(`    first pick after the page loads  ${first} ms`);
console.log(`    median of ${runs} (min ${Math.min(...ours)}, max ${Math.max(...ours)})  ${median(ours)} ms`);
console.log(`  @vladmandic/human, decode + face detection (${peerSetup.backend} backend, ${faces} face)`);
console.log(`    models loaded in ${peerSetup.ms} ms; first detection ${peerFirst.ms} ms`);
console.log(`    median of ${runs} (min ${Math.min(...theirs)}, max ${Math.max(...theirs)})  ${median(theirs)} ms`);
console.log(`  ours / theirs (medians)  ${(median(ours) / median(theirs)).toFixed(2)}`);
await browser.close();
