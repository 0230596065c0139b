// Opens pages of a built camnang site in real Chromium (Debian's package,
// driven by playwright-core) the way a resident's phone would.
//
//   node chromium.mjs axe URL...        axe-core at 360×640; exit 1 on any violation
//   node chromium.mjs print DIR URL...  print each page to DIR/<n>.pdf on A4
//
// Prints one JSON line per page. Also fails a page that loads anything from
// outside its own site or scrolls sideways on a 360 px screen.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, ...rest] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
let failed = 0;
try {
  if (mode === 'axe') {
    const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    for (const url of rest) {
      const page = await context.newPage();
      const origin = new URL(url).origin;
      const foreign = [];
      page.on('request', (r) => {
        const u = r.url();
        if (!u.startsWith(origin) && !u.startsWith('data:')) foreign.push(u);
      });
      const response = await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      const ok = result.length === 0 && foreign.length === 0 && scrollWidth <= 360;
      if (!ok) failed++;
      console.log(JSON.stringify({ url, status: response.status(), violations: result, foreign, scrollWidth, ok }));
      await page.close();
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
  } else {
    console.error(`unknown mode ${mode}`);
    failed = 1;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
