// The README's walk-through in a real browser (Debian's Chromium, driven by playwright-core), as a cadre
// with a Chinese browser sees it: Tasklist in Chinese without Camunda's migration banner; the 12345
// operator registers a matter for a village from the one 群众诉求办理闭环 of the start dialog, finding the
// village by typing part of its name; the transport bureau's cadre signs for and handles it, the dispatcher
// reviews it and records the return visit, and the matter is closed. Cockpit and Admin are looked at in
// Chinese too. Usage: node e2e/tasklist-walkthrough.js http://localhost:8080 [screenshot folder] [unit name]
// Prints the tracking number of the closed matter as its last line; exits non-zero on any failure.
const { launch } = require('./chromium');

const base = process.argv[2] || 'http://localhost:8080';
const shots = process.argv[3] || 'target/e2e';
const unit = process.argv[4] || '新桥社区';

async function main() {
  const browser = await launch();
  try {
    const trackingNo = await register(browser);
    await work(browser, 'transport.he', '待签收 — 本部门', trackingNo, 'sign-for', async (page) => {
      await choose(page, '签收或退单', '签收，由本人办理');
    });
    await work(browser, 'transport.he', '办理中 — 我的', trackingNo, 'handle', async (page) => {
      // earlier cases like this one, from the case library: lines, or 暂无相似案例 when there are none
      const similar = await page.locator('.fjs-form-field', { hasText: '相似案例' }).locator('textarea').inputValue();
      if (!similar.trim()) {
        throw new Error('The handling form shows no similar cases');
      }
      console.log('similar cases: ' + similar.split('\n').length);
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
    await lookAround(browser);
    console.log(trackingNo);
  } finally {
    await browser.close();
  }
}

// what each webapp shows in Chinese once logged in
const SIGNS = { tasklist: '发起流程', cockpit: '决策', admin: '授权' };

async function login(browser, user, app = 'tasklist') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, locale: 'zh-CN' });
  await page.goto(base + `/camunda/app/${app}/default/`);
  const name = page.getByPlaceholder('用户名');
  const password = page.getByPlaceholder('密码');
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
    await page.locator('[cam-widget-header] a:visible', { hasText: SIGNS[app] }).first().waitFor();
  } catch (error) {
    await page.screenshot({ path: `${shots}/failed-login-${user}.png` });
    throw error;
  }
  if (await page.locator('.ce-eol-banner').isVisible()) {
    throw new Error(`${app} shows Camunda's migration banner`);
  }
  return page;
}

// Cockpit and Admin as the administrator: Chinese labels, no banner
async function lookAround(browser) {
  for (const app of ['cockpit', 'admin']) {
    const page = await login(browser, 'demo', app);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${shots}/${app}-zh.png` });
    await page.close();
  }
}

async function register(browser) {
  const page = await login(browser, 'operator');
  await page.screenshot({ path: `${shots}/tasklist-zh.png` });
  await page.getByText('发起流程').first().click();
  // one entry for every unit: the unit chosen in the form decides which definition runs
  const offered = page.locator('.modal-dialog').getByRole('listitem');
  await offered.first().waitFor();
  const names = (await offered.allInnerTexts()).map((text) => text.trim());
  if (names.length !== 1 || names[0] !== '群众诉求办理闭环') {
    throw new Error('The start dialog offers ' + JSON.stringify(names));
  }
  await offered.getByRole('link').click();
  await page.locator('.fjs-form-field', { hasText: '诉求分类' }).waitFor();
  await pick(page, '诉求分类', '道路破损');
  await page.locator('.fjs-form-field', { hasText: '诉求内容' }).locator('textarea').fill('镇中心路出现大坑，夜间多次有电动车摔倒');
  await search(page, '所属单位', unit);
  await page.locator('.fjs-form-field', { hasText: '详细地址' }).locator('input').fill(unit + '中心路38号');
  await page.locator('.fjs-form-field', { hasText: '反映人姓名' }).locator('input').fill('周浏览');
  await page.locator('.fjs-form-field', { hasText: '联系电话' }).locator('input').fill('13566667777');
  await page.screenshot({ path: `${shots}/1-register.png` });
  await page.locator('.modal-footer button', { hasText: '开始' }).click();
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
  const claim = page.getByText('认领', { exact: true });
  await page.locator('.fjs-form').waitFor();
  if (await claim.isVisible()) {
    await claim.click();
    await claim.waitFor({ state: 'hidden' });
  }
  await fill(page);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  await page.locator('button', { hasText: /^\s*完成\s*$/ }).click();
  await card.waitFor({ state: 'detached', timeout: 15000 });
  await page.close();
}

async function pick(page, label, option) {
  await page.locator('.fjs-form-field', { hasText: label }).first().locator('.fjs-select-display, input').first().click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

// a searchable select: type part of the name, take the first option that holds it
async function search(page, label, text) {
  const input = page.locator('.fjs-form-field', { hasText: label }).first().locator('input').first();
  await input.click();
  await input.fill(text);
  await page.locator('.fjs-dropdownlist-item', { hasText: text }).first().click();
}

async function choose(page, label, option) {
  await page.locator('.fjs-form-field-radio', { hasText: label }).first().getByLabel(option, { exact: true }).check();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
