import { launchChromium } from './tests/support/chromium';
const who = process.argv.slice(2);
const browser = await launchChromium({ width: 1440, height: 1000 });
const page = browser.pages()[0] ?? (await browser.newPage());
for (const name of who) {
  const slug = name.split(' ')[0]?.toLowerCase() ?? 'x';
  await page.goto('http://127.0.0.1:8081/');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.waitForTimeout(4000);
  await page.screenshot({ path: `/tmp/shots/${slug}-chart.png`, fullPage: true });
  const cards = await page.getByRole('article').allTextContents();
  console.log('=====', name, cards.length, 'cards');
  for (const c of cards) console.log('  -', c.slice(0, 300).replace(/\s+/g, ' '));
  const open = page.getByRole('button', { name: 'Open the full synopsis' }).first();
  if (await open.count()) {
    await open.click();
    const frame = page.frameLocator('iframe[name="smart-app"]');
    await frame.getByLabel('Summary', { exact: true }).waitFor({ timeout: 20000 });
    await page.waitForTimeout(1500);
    console.log('  PANEL:', await frame.getByLabel('Summary', { exact: true }).textContent());
    await page.screenshot({ path: `/tmp/shots/${slug}-panel.png` });
  }
}
await browser.close();
