import { launchChromium } from './tests/support/chromium';
const ctx = await launchChromium({ width: 1440, height: 1100 });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:8081/');
await page.getByRole('button', { name: /Bennie/ }).first().click();
await page.waitForTimeout(6000);
await page.screenshot({ path: '/tmp/shots/sim.png' });
const t = await page.locator("body").innerText(); console.log(t.slice(t.indexOf("Bennie Raynor\nAGE"), t.indexOf("Bennie Raynor\nAGE") + 2500));
await ctx.close();
