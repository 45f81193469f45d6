// The README's walk-through in a real browser (Debian's Chromium, driven by playwright-core):
// the 12345 operator registers a matter with the Tasklist start form, the transport bureau's cadre
// signs for and handles it, the dispatcher reviews it and records the return visit, and the matter
// is closed. Usage: node e2e/tasklist-walkthrough.js http://localhost:8080 [screenshot folder]
// Prints the tracking number of the closed matter as its last line; exits non-zero on any failure.
const { launch } = require('./chromium');

const base = process.argv[2] || 'http://localhost:8080';
const shots = process.argv[3] || 'target/e2e';

async function main() {
  const browser = await launch();
  try {
    const trackingNo = await register(browser);
    await work(browser, 'transport.he', '待签收 — 本部门', trackingNo, 'sign-for', async (page) => {
      await choose(page, '签收或退单', '签收，由本人办理');
    });
    await work(browser, 'transport.he', '办理中 — 我的', trackingNo, 'handle', async (page) => {
      await choose(page, '办理结果', '已解决');
      await page.locator('.fjs-form-field', { hasText: '答复内容' }).locator('textarea').last()
        .fill('已安排养护队连夜修补路面，现已恢复通行，并电话告知群众');
    });
    await work(browser, 'dispatcher', '待审核报结', trackingNo, 'review', async (page) => {
      await choose(page, '审核意见', '通过，进入回访');
    });
    await work(browser, 'dispatcher', '待回访', trackingNo, 'return-visit', async (page) => {
      await choose(page, '满意度', '满意');
      await choose(page, '问题是否解决', '已解决');
      await page.locator('.fjs-form-field', { hasText: '回访记录' }).locator('textarea').fill('群众表示满意');
    });
    console.log(trackingNo);
  } finally {
    await browser.close();
  }
}

async function login(browser, user) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  await page.goto(base + '/camunda/app/tasklist/default/');
  const name = page.getByPlaceholder('Username');
  const password = page.getByPlaceholder('Password');
  await password.waitFor();
  // the login form re-renders while Tasklist boots: type until both fields hold what was typed
  for (let attempt = 0; attempt < 5; attempt++) {
    await name.fill(user);
    await password.fill('demo');
    if ((await name.inputValue()) === user && (await password.inputValue()) === 'demo') {
      break;
    }
    await page.waitForTimeout(500);
  }
  await page.locator('button[type=submit]').click();
  try {
    await page.getByText('Start process').waitFor();
  } catch (error) {
    await page.screenshot({ path: `${shots}/failed-login-${user}.png` });
    throw error;
  }
  return page;
}

async function register(browser) {
  const page = await login(browser, 'operator');
  await page.getByText('Start process').click();
  // the county's process: variants of units are listed beside it with their tenant id
  await page.getByRole('listitem').filter({ hasText: /^\s*群众诉求办理闭环\s*$/ }).getByRole('link').click();
  await page.locator('.fjs-form-field', { hasText: '诉求分类' }).waitFor();
  await pick(page, '诉求分类', '道路破损');
  await page.locator('.fjs-form-field', { hasText: '诉求内容' }).locator('textarea').fill('镇中心路出现大坑，夜间多次有电动车摔倒');
  await pick(page, '所属单位', '青石镇');
  await page.locator('.fjs-form-field', { hasText: '详细地址' }).locator('input').fill('青石镇中心路38号');
  await page.locator('.fjs-form-field', { hasText: '反映人姓名' }).locator('input').fill('周浏览');
  await page.locator('.fjs-form-field', { hasText: '联系电话' }).locator('input').fill('13566667777');
  await page.screenshot({ path: `${shots}/1-register.png` });
  await page.locator('.modal-footer button', { hasText: 'Start' }).click();
  await page.locator('.modal-dialog').waitFor({ state: 'detached' });
  // the operator's newest matter: its tracking number through the webapp's API, in the operator's session
  const response = await page.request.get(base + '/camunda/api/engine/engine/default/history/process-instance?processDefinitionKey=matter-handling&startedBy=operator&sortBy=startTime&sortOrder=desc&maxResults=1');
  const [newest] = await response.json();
  await page.close();
  if (!newest || !newest.businessKey) {
    throw new Error('The start form did not register a matter');
  }
  return newest.businessKey;
}

async function work(browser, user, filter, trackingNo, name, fill) {
  const page = await login(browser, user);
  await page.getByText(filter).first().click();
  const card = page.locator('.task', { hasText: trackingNo }).first();
  await card.waitFor({ timeout: 15000 });
  await card.click();
  const claim = page.getByText('Claim', { exact: true });
  await page.locator('.fjs-form').waitFor();
  if (await claim.isVisible()) {
    await claim.click();
    await claim.waitFor({ state: 'hidden' });
  }
  await fill(page);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  await page.locator('button', { hasText: 'Complete' }).click();
  await card.waitFor({ state: 'detached', timeout: 15000 });
  await page.close();
}

async function pick(page, label, option) {
  await page.locator('.fjs-form-field', { hasText: label }).first().locator('.fjs-select-display, input').first().click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

async function choose(page, label, option) {
  await page.locator('.fjs-form-field-radio', { hasText: label }).first().getByLabel(option, { exact: true }).check();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
