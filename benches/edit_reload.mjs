// Edit-to-browser time of `camnang serve`: starts the preview on a site,
// opens a procedure page in real Chromium, then, RUNS times, writes a new
// summary into the procedure's file and measures the time until the page
// has reloaded by itself and shows it. Also reads the rebuild time the
// server prints. Prints one JSON line with every run and min/median/max.
//
//   node benches/edit_reload.mjs CAMNANG SITE FILE PAGE [RUNS]
//
// FILE is the procedure's file relative to SITE, PAGE its page's path
// (e.g. /cu-tru/dang-ky-tam-tru/). Needs playwright-core from tests/clients.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/clients/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [bin, site, file, pagePath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 10);
const path = join(site, file);
const original = readFileSync(path, 'utf8');

const server = spawn(bin, ['serve', '--port', '0', '--root', site], { stdio: ['ignore', 'pipe', 'pipe'] });
const lines = [];
let onLine = () => {};
let buffer = '';
server.stdout.on('data', (d) => {
  buffer += d.toString();
  let i;
  while ((i = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    lines.push(line);
    onLine(line);
  }
});
const nextLine = (test) => new Promise((resolve) => {
  const hit = lines.find(test);
  if (hit) { lines.splice(lines.indexOf(hit), 1); resolve(hit); return; }
  onLine = (l) => { if (test(l)) { lines.splice(lines.indexOf(l), 1); onLine = () => {}; resolve(l); } };
});

const serving = await nextLine((l) => l.includes('http://127.0.0.1:'));
const base = serving.match(/http:\/\/127\.0\.0\.1:\d+/)[0];
lines.length = 0;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const results = [];
try {
  const page = await browser.newPage();
  await page.goto(base + pagePath, { waitUntil: 'load' });
  await page.waitForTimeout(500); // the live-reload stream opens
  for (let i = 0; i < runs; i++) {
    const marker = `Đo lần ${i} ${process.hrtime.bigint()}`;
    const text = original.replace(/^summary: .*$/m, `summary: ${marker}.`);
    const loaded = page.waitForEvent('load', { timeout: 20000 });
    const rebuilt = nextLine((l) => l.includes(' ms'));
    const t0 = performance.now();
    writeFileSync(path, text);
    await loaded;
    const shows = await page.evaluate((m) => document.body.innerText.includes(m), marker);
    const ms = performance.now() - t0;
    const line = await rebuilt;
    const server = Number((line.match(/(\d+) ms/) || [])[1]);
    results.push({ ms: Math.round(ms), server, shows });
    await page.waitForTimeout(300);
  }
} finally {
  writeFileSync(path, original);
  await browser.close();
  server.kill();
}
const sorted = (k) => results.map((r) => r[k]).sort((a, b) => a - b);
const stats = (k) => {
  const v = sorted(k);
  return { min: v[0], median: v[Math.floor(v.length / 2)], max: v[v.length - 1] };
};
console.log(JSON.stringify({
  page: pagePath,
  runs: results.length,
  all_shown: results.every((r) => r.shows),
  edit_to_browser_ms: stats('ms'),
  server_rebuild_ms: stats('server'),
  each: results,
}));
process.exit(results.every((r) => r.shows) ? 0 : 1);
