// Opens pages of a built camnang site in real Chromium (Debian's package,
// driven by playwright-core) the way a resident's phone would.
//
//   node chromium.mjs axe URL...            axe-core (WCAG 2.2 AA + 7:1 text contrast) at 360×640,
//                                           no sideways scrolling at 320 px; exit 1 on any problem
//   node chromium.mjs print DIR URL...      print each page to DIR/<n>.pdf on A4
//   node chromium.mjs nojs URL...           read each page with JavaScript off
//   node chromium.mjs keyboard URL          Tab reaches the skip link, which moves focus to the content
//   node chromium.mjs search URL QUERY...   type each query in the home page's search box
//   node chromium.mjs kiosk URL             the kiosk's slide changes; ?category= limits the slides
//   node chromium.mjs offline DIR PATH      serve DIR, open PATH, stop the server, open PATH again
//   node chromium.mjs kiosk-offline DIR PATH   the same for the kiosk, its codes included
//   node chromium.mjs dialogs DIR...        serve each DIR, open every HTML page in it: no dialog may open,
//                                           no element may carry an event handler or a script link
//
// Prints one JSON line per page. Also fails a page that loads anything from
// outside its own site.
import { chromium } from 'playwright-core';
import { readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, extname, normalize } from 'node:path';

const [mode, ...rest] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
let failed = 0;

function watchForeign(page, origin) {
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:')) foreign.push(u);
  });
  return foreign;
}

// Waits until `fn(arg)`, run in the page, gives something true; throws
// after `ms`. (Playwright's waitForFunction takes the promise an async
// function returns for true at once: it waited for nothing.)
async function until(page, fn, arg, ms, what) {
  const end = Date.now() + ms;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms in vain: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json',
    '.svg': 'image/svg+xml', '.css': 'text/css', '.xml': 'application/xml', '.pdf': 'application/pdf' };
  const server = createServer((req, res) => {
    // "no signal": every connection cut, the port kept (closed, another
    // test's server could take it and answer in its place)
    if (server.down) { req.socket.destroy(); return; }
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    p = normalize(p).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, p);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404); res.end('404'); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

try {
  if (mode === 'axe') {
    const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
    const context = await browser.newContext(phone);
    const narrow = await browser.newContext({ ...phone, viewport: { width: 320, height: 640 } });
    for (const url of rest) {
      const page = await context.newPage();
      const foreign = watchForeign(page, new URL(url).origin);
      const response = await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, {
          resultTypes: ['violations'],
          rules: { 'color-contrast-enhanced': { enabled: true } },
        });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.close();
      const small = await narrow.newPage();
      await small.goto(url, { waitUntil: 'load' });
      const scrollWidth320 = await small.evaluate(() => document.documentElement.scrollWidth);
      await small.close();
      const ok = result.length === 0 && foreign.length === 0 && scrollWidth <= 360 && scrollWidth320 <= 320;
      if (!ok) failed++;
      console.log(JSON.stringify({ url, status: response.status(), violations: result, foreign, scrollWidth, scrollWidth320, ok }));
    }
  } else if (mode === 'print') {
    const [dir, ...urls] = rest;
    const context = await browser.newContext();
    let n = 0;
    for (const url of urls) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const path = join(dir, `${n++}.pdf`);
      await page.pdf({ path, preferCSSPageSize: true });
      console.log(JSON.stringify({ url, pdf: path }));
      await page.close();
    }
  } else if (mode === 'nojs') {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    for (const url of rest) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const seen = await page.evaluate(() => ({
        h1: document.querySelector('h1') ? document.querySelector('h1').innerText : null,
        text: document.body.innerText.length,
        links: document.querySelectorAll('main a[href]').length,
      }));
      if (!seen.h1 || seen.text < 200) failed++;
      console.log(JSON.stringify({ url, ...seen }));
      await page.close();
    }
  } else if (mode === 'keyboard') {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(rest[0], { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { cls: a.className, text: a.innerText, visible: r.width > 0 && r.left >= 0 && r.top >= 0 };
    });
    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => location.hash);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const a = document.activeElement;
      return { inMain: !!a.closest('main'), tag: a.tagName };
    });
    const ok = first.cls === 'skip' && first.visible && after === '#main' && next.inMain;
    if (!ok) failed++;
    console.log(JSON.stringify({ first, after, next, ok }));
  } else if (mode === 'search') {
    const [url, ...queries] = rest;
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const foreign = watchForeign(page, new URL(url).origin);
    await page.goto(url, { waitUntil: 'load' });
    for (const q of queries) {
      await page.fill('#q', '');
      await page.focus('#q');
      await page.keyboard.type(q, { delay: 15 });
      await page.waitForFunction(() => document.querySelector('#search [aria-live]').textContent.length > 0, null, { timeout: 10000 });
      const results = await page.$$eval('#search ol a', (as) => as.map((a) => ({ title: a.textContent, href: a.getAttribute('href') })));
      const status = await page.textContent('#search [aria-live]');
      console.log(JSON.stringify({ query: q, results, status }));
    }
    if (foreign.length) { failed++; console.log(JSON.stringify({ foreign })); }
  } else if (mode === 'kiosk') {
    const url = rest[0];
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${url}?seconds=2`, { waitUntil: 'load' });
    const current = () => page.evaluate(() => {
      const s = document.querySelectorAll('.slide.current');
      return s.length === 1 ? s[0].querySelector('h1').innerText : null;
    });
    const first = await current();
    await page.waitForTimeout(2600);
    const second = await current();
    const qrs = await page.evaluate(() => [...document.querySelectorAll('.slide img')].filter((i) => i.complete && i.naturalWidth > 0).length);
    const fontPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.slide.current h1')).fontSize));
    await page.goto(`${url}?category=ho-tich`, { waitUntil: 'load' });
    const cats = await page.$$eval('.slide', (ss) => ss.map((s) => s.getAttribute('data-category')));
    // in other capitals, the same; mistyped, every slide (it was a 404)
    await page.goto(`${url}?category=Ho-Tich`, { waitUntil: 'load' });
    const upper = await page.$$eval('.slide', (ss) => ss.map((s) => s.getAttribute('data-category')));
    await page.goto(`${url}?category=ho-tic`, { waitUntil: 'load' });
    const typo = { status: page.url().endsWith('?category=ho-tic'), slides: await page.$$eval('.slide', (ss) => ss.length) };
    // a screen hung upright: text for three metres, not a phone's
    const tall = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const upright = await tall.newPage();
    await upright.goto(url, { waitUntil: 'load' });
    const portraitPx = await upright.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.slide.current h1')).fontSize));
    await tall.close();
    // without JavaScript (or with a script an old TV browser stops): the
    // slides one under another, none over another
    const plain = await browser.newContext({ viewport: { width: 1920, height: 1080 }, javaScriptEnabled: false });
    const still = await plain.newPage();
    await still.goto(url, { waitUntil: 'load' });
    const stacked = await still.$$eval('.slide', (ss) => ss.every((s, k) => k === 0 || s.getBoundingClientRect().top >= ss[k - 1].getBoundingClientRect().bottom - 1));
    const nojsSlides = await still.$$eval('.slide', (ss) => ss.length);
    await plain.close();
    const ok = first && second && first !== second && cats.length > 0 && cats.every((c) => c === 'ho-tich')
      && upper.length === cats.length && upper.every((c) => c === 'ho-tich')
      && typo.status && typo.slides >= 12 && portraitPx >= 48 && stacked && nojsSlides >= 12;
    if (!ok) failed++;
    console.log(JSON.stringify({ first, second, qrs, fontPx, cats, upper, typo, portraitPx, stacked, nojsSlides, ok }));
  } else if (mode === 'offline') {
    const [dir, path, other] = rest;
    const server = await serve(dir);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(origin + path, { waitUntil: 'load' });
    const online = await page.innerText('h1');
    // wait until the service worker has kept this page
    await until(page, async (u) => {
      const reg = await navigator.serviceWorker.ready;
      return !!reg.active && !!(await caches.match(u));
    }, origin + path, 15000, 'the service worker kept the page');
    server.down = true;
    server.closeAllConnections && server.closeAllConnections();
    await page.reload({ waitUntil: 'load' });
    const offline = await page.innerText('h1');
    // a page never opened falls back to the home page
    let fallback = null;
    if (other) {
      await page.goto(origin + other, { waitUntil: 'load' });
      fallback = await page.evaluate(() => document.querySelectorAll('.category').length);
    }
    const ok = online === offline && online.length > 0 && (!other || fallback > 0);
    if (!ok) failed++;
    console.log(JSON.stringify({ online, offline, fallback, ok }));
  } else if (mode === 'kiosk-offline') {
    // the kiosk loaded once, the server gone, the TV reloads: the slides
    // and every code come from what the screen kept
    const [dir, path] = rest;
    const server = await serve(dir);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(origin + path, { waitUntil: 'load' });
    const codes = await page.$$eval('.slide img', (is) => is.map((i) => i.src));
    await until(page, async (urls) => {
      const reg = await navigator.serviceWorker.ready;
      if (!reg.active) return false;
      for (const u of urls) if (!(await caches.match(u))) return false;
      return true;
    }, [origin + path].concat(codes), 15000, 'the kiosk kept its screen and codes');
    server.down = true;
    server.closeAllConnections && server.closeAllConnections();
    await page.reload({ waitUntil: 'load' });
    // (on a busy machine the codes may still be coming from the kept
    // copies when the page says it has loaded: up to ten seconds)
    await page.waitForFunction(() => [...document.querySelectorAll('.slide img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000, polling: 200 }).catch(() => {});
    const slides = await page.$$eval('.slide', (ss) => ss.length);
    const shownCodes = await page.$$eval('.slide img', (is) => is.filter((i) => i.complete && i.naturalWidth > 0).length);
    const missing = await page.$$eval('.slide img', (is) => is.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src));
    const ok = slides > 0 && shownCodes === codes.length;
    if (!ok) failed++;
    console.log(JSON.stringify({ slides, codes: codes.length, shownCodes, missing, ok }));
  } else if (mode === 'dialogs') {
    let pages = 0;
    let dialogs = 0;
    const context = await browser.newContext(phone);
    for (const dir of rest) {
      const server = await serve(dir);
      const origin = `http://127.0.0.1:${server.address().port}`;
      const html = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.html')).sort();
      for (const f of html) {
        // a page gets two tries of a minute each: Chromium under a loaded
        // machine has been seen to stop answering once in many runs, and
        // that must not pass or hang the suite; a page that hangs twice fails
        let done = false;
        for (let attempt = 1; attempt <= 2 && !done; attempt++) {
          const page = await context.newPage();
          page.setDefaultTimeout(30000);
          let timer;
          const outcome = await Promise.race([
            // an error after the page was given up on is not thrown again
            checkPage(page, dir, f, origin).then(() => 'done', (e) => e),
            new Promise((resolve) => { timer = setTimeout(() => resolve('hung'), 60000); }),
          ]);
          clearTimeout(timer);
          await Promise.race([page.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
          if (outcome instanceof Error) throw outcome;
          if (outcome === 'done') done = true;
          else console.log(JSON.stringify({ dir, f, hung: attempt }));
        }
        if (!done) failed++;
        pages++;
      }
      await new Promise((resolve) => server.close(resolve));
    }
    console.log(JSON.stringify({ pages, dialogs }));

    async function checkPage(page, dir, f, origin) {
        page.on('dialog', async (d) => { dialogs++; failed++; console.log(JSON.stringify({ dir, f, dialog: d.message() })); await d.dismiss(); });
        await page.goto(`${origin}/${f.split('\\').join('/')}`, { waitUntil: 'load' });
        // hover and focus everything a resident could touch, then look for handlers
        // short links move on by <meta http-equiv=refresh>: check where they land too
        const scan = () => page.evaluate(() => {
          const bad = [];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
              if (a.name.startsWith('on')) bad.push(`${el.tagName} ${a.name}`);
              if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)
                && /^(javascript|vbscript|data:text\/html)/.test(v)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
            }
            el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
            if (el.focus) el.focus();
          }
          return bad;
        });
        let risky;
        for (let i = 0; ; i++) {
          try { risky = await scan(); break; } catch (e) {
            if (i > 10) throw e;
            await page.waitForTimeout(200);
            await page.waitForLoadState('load');
          }
        }
        await page.waitForTimeout(20);
        if (risky.length) { failed++; console.log(JSON.stringify({ dir, f, risky })); }
    }
  } else {
    console.error(`unknown mode ${mode}`);
    failed = 1;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
