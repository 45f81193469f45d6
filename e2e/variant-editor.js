// The variant editor (/variants/) in a real browser (Debian's Chromium, driven by playwright-core), as 上塘村's
// administrator with a Chinese browser: looks at the process with its Camunda 7 properties, loosens the
// road-damage sign-for limit (rule_limit03, 4 working hours in the county's table) to 8 in the time-limits
// table and sees the guardrail refuse it while editing, on that row; tightens it to 2 instead and the refusal
// goes; compares with the county base, which lists the changed limit; deploys with a note and finds the new
// variant on top of the history, active. Confirmations are the page's own dialog, clicked here. When an earlier
// run left 上塘村 time limits of its own, it first goes back to inheriting (恢复继承), so it can run again.
// Usage: node e2e/variant-editor.js http://localhost:8080 [screenshot folder]
// Prints the new deployment's id as its last line; exits non-zero on any failure, with a screenshot failed-*.png.
const fs = require('fs');
const { launch, watch } = require('./chromium');

const base = process.argv[2] || 'http://localhost:8080';
const shots = process.argv[3] || 'target/e2e';
const RULE = 'rule_limit03';
const NOTE = '道路破损 2 个工作小时内签收（浏览器测试）';

let step = 'start';

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  const failures = watch(page);
  try {
    step = 'login';
    await page.goto(base + '/variants/');
    await page.getByLabel('用户名').fill('shangtang.admin');
    await page.getByLabel('密码').fill('demo');
    await page.getByRole('button', { name: '登录' }).click();

    step = 'unit';
    await page.locator('#workbench').waitFor();
    await page.locator('#violations li.none', { hasText: '未修改' }).waitFor({ timeout: 20000 });
    same(await page.locator('#unit option:checked').textContent(), '青石镇 / 上塘村', 'the unit chosen');
    await inheritAgain(page);

    step = 'process';
    await page.locator('[data-pane="matter-handling"] [data-element-id="task_signFor"]').click();
    await page.locator('[data-pane="matter-handling"] .bio-properties-panel-header', { hasText: '签收' }).waitFor();
    // a group of the Camunda 7 provider, not of plain BPMN
    await page.locator('.bio-properties-panel-group-header', { hasText: 'User assignment' }).waitFor();
    await page.screenshot({ path: `${shots}/variant-editor-bpmn.png` });

    step = 'looser-limit';
    await page.getByRole('tab', { name: /时限表/ }).click();
    const cell = page.locator(`[data-pane="time-limits"] td[data-row-id="${RULE}"][data-col-id="output_signForLimit"]`);
    same((await cell.textContent()).trim(), '4', 'the sign-for limit of road damage in the county base');
    await type(page, cell, '8');
    const violation = page.locator(`#violations li[data-rule="time-limit"][data-element="${RULE}"]`);
    await violation.waitFor({ timeout: 15000 });
    const refusal = await violation.textContent();
    if (!/[\u4e00-\u9fff]/.test(refusal) || !refusal.includes('time-limit')) {
      throw new Error('the violation is not listed in Chinese with its rule code: ' + refusal);
    }
    await page.locator(`[data-pane="time-limits"] tr.violation td[data-row-id="${RULE}"]`).first().waitFor();
    await page.screenshot({ path: `${shots}/variant-editor-dmn.png` });

    step = 'tighter-limit';
    await type(page, cell, '2');
    await page.locator('#validation', { hasText: '符合全部规则' }).waitFor({ timeout: 15000 });
    same(await page.locator('#violations li').count(), 0, 'violations listed for a tighter limit');
    same(await page.locator('[data-pane="time-limits"] tr.violation').count(), 0, 'rows still marked');

    step = 'diff';
    await page.getByRole('button', { name: '对比县级基础' }).click();
    const limit = page.locator('#diff li.time-limit[data-category="road-damage"]');
    await limit.waitFor({ timeout: 15000 });
    const changed = await limit.textContent();
    if (!changed.includes('道路破损') || !changed.includes('签收 4 工作小时 → 2 工作小时')) {
      throw new Error('the diff does not list the changed limit: ' + changed);
    }

    step = 'deploy';
    await page.getByLabel('说明').fill(NOTE);
    await page.getByRole('button', { name: '部署', exact: true }).click();
    await page.locator('#confirm').getByRole('button', { name: '确定' }).click();
    await page.locator('#message[data-deployed]').waitFor({ timeout: 30000 });
    const id = await page.locator('#message').getAttribute('data-deployed');
    const top = page.locator('#history li').first();
    same(await top.getAttribute('data-variant'), id, 'the variant on top of the history');
    for (const expected of ['当前生效', NOTE, '时限表']) {
      if (!(await top.textContent()).includes(expected)) {
        throw new Error('the new variant in the history lacks ' + expected + ': ' + (await top.textContent()));
      }
    }
    same((await page.locator('[data-tab="time-limits"] .from').textContent()).trim(), '上塘村', 'where the time limits come from now');
    same((await cell.textContent()).trim(), '2', 'the sign-for limit reopened after deploying');
    await page.locator('#violations li.none', { hasText: '未修改' }).waitFor();

    if (failures.length > 0) {
      throw new Error('the page reported errors: ' + failures.join('; '));
    }
    console.log(id);
  } catch (error) {
    await page.screenshot({ path: `${shots}/failed-${step}.png`, fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

/** An earlier run left 上塘村 a variant of its own: back to the county's tables first, through the page. */
async function inheritAgain(page) {
  if ((await page.locator('[data-tab="time-limits"] .from').textContent()).trim() === '县级基础') {
    return;
  }
  step = 'inherit';
  await page.getByRole('button', { name: '恢复继承' }).click();
  await page.locator('#confirm').getByRole('button', { name: '确定' }).click();
  await page.locator('#message', { hasText: '已恢复继承' }).waitFor({ timeout: 30000 });
  same((await page.locator('[data-tab="time-limits"] .from').textContent()).trim(), '县级基础', 'where the time limits come from');
}

/** Replaces what a table cell holds, as a person does: click into it, select all, type, leave the cell. */
async function type(page, cell, text) {
  await cell.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.locator('#note').click(); // out of the cell
  for (let waited = 0; (await cell.textContent()).trim() !== text; waited += 100) {
    if (waited > 5000) {
      throw new Error(`the cell holds ${await cell.textContent()}, not ${text}`);
    }
    await page.waitForTimeout(100);
  }
}

function same(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`);
  }
}

main().catch((error) => {
  console.error(`failed at ${step}:`, error);
  process.exit(1);
});
