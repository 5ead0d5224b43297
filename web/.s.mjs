import { chromium } from 'playwright-core';
const [url, id, node, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', m => { if (m.type()==='error') console.log('console:', m.text()); });
await page.goto(url + '/pipelines/' + id); await page.locator('.react-flow__node').first().waitFor();
if (node) { await page.getByTestId('node-' + node).click(); }
await page.waitForTimeout(600);
await page.screenshot({ path: out });
await browser.close();
