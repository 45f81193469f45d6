// The assessment dashboard in a real browser (Debian's Chromium, driven by playwright-core): logs in with a
// usual account, waits until every chart is drawn with data, takes a screenshot, then drills down from the
// first department of the ranking to its matters.
// Usage: node e2e/dashboard.js http://localhost:8080 [screenshot folder] [account]
// Prints, as its last line, JSON: the tiles, the first ranked department and what its drill-down listed.
const { launch, watch } = require('./chromium');

const base = process.argv[2] || 'http://localhost:8080';
const shots = process.argv[3] || 'target/e2e';
const account = process.argv[4] || 'leader';
const CHARTS = ['chart-stages', 'chart-trend', 'chart-ranking', 'chart-heat'];

async function main() {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    const failures = watch(page);

    await page.goto(base + '/dashboard/');
    await page.getByLabel('用户名').fill(account);
    await page.getByLabel('密码').fill('demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#board').waitFor();
    await page.waitForFunction((ids) => window.echarts && ids.every((id) => {
      const chart = window.echarts.getInstanceByDom(document.getElementById(id));
      return chart && chart.getOption().series.some((series) => (series.data || []).some((value) => value !== 0));
    }), CHARTS, { timeout: 20000 });
    await page.waitForTimeout(1200); // the charts' entry animation
    await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

    const tiles = {};
    for (const id of ['received', 'closed', 'open', 'overdue']) {
      tiles[id] = Number(await page.locator(`#tile-${id} .value`).textContent());
    }
    const points = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id,
      window.echarts.getInstanceByDom(document.getElementById(id)).getOption().series
        .reduce((sum, series) => sum + (series.data || []).length, 0)])), CHARTS);

    const first = page.locator('#ranking tbody tr').first();
    const department = await first.locator('td').first().textContent();
    await first.click();
    await page.locator('#drill-rows tr').first().waitFor();
    const drill = {
      title: await page.locator('#drill-title').textContent(),
      total: await page.locator('#drill-total').textContent(),
      trackingNos: await page.locator('#drill-rows tr td:first-child').allTextContents(),
    };
    await page.screenshot({ path: `${shots}/dashboard-drill.png`, fullPage: true });
    if (failures.length > 0) {
      throw new Error('the page reported errors: ' + failures.join('; '));
    }
    console.log(JSON.stringify({ tiles, points, department, drill }));
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
