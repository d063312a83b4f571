import { launchChromium } from './tests/support/chromium';
const ctx = await launchChromium({ width: 1440, height: 1300 });
const page = await ctx.newPage();
for (const [name, file] of [[/Bennie/, 'child'], [/Hallie/, 'hallie']] as const) {
  await page.goto('http://127.0.0.1:8081/');
  await page.getByRole('button', { name }).first().click();
  const button = page.getByRole('button', { name: 'Open the full synopsis' }).first();
  await button.waitFor({ timeout: 20000 });
  await button.click();
  const frame = page.frameLocator('iframe[name="smart-app"]');
  await frame.getByLabel('Summary', { exact: true }).waitFor({ timeout: 20000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${file}.png` });
  const problems = frame.getByRole('region', { name: /problems/i });
  console.log(file, 'PROBLEMS:', (await problems.innerText()).slice(0, 900));
  const results = frame.getByRole('region', { name: /results/i });
  console.log(file, 'RESULTS:', (await results.innerText()).slice(0, 700));
  await results.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots/${file}-results.png` });
}
await ctx.close();
