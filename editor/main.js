// The variant editor at /variants/: a unit's administrator changes the process (bpmn-js with the Camunda 7
// properties panel) and the two tables (dmn-js) the unit's matters run on, sees every guardrail a change
// breaks while editing, compares the changes with the county base or with what runs now, deploys them as the
// unit's variant, and goes back to an earlier variant or to inheriting. It logs in through the webapps' own
// login (the session Tasklist uses) and calls /variants/api, each change with the webapps' CSRF token.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import DmnModeler from 'dmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaBpmnModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import camundaDmnModdle from 'camunda-dmn-moddle/resources/camunda.json';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
// the icon fonts as files, not the embedded variants: the page's policy loads no fonts from data: URLs
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';

const API = '/variants/api';
const WEBAPP_AUTH = '/camunda/api/admin/auth/user/default';
const CATEGORIES = '/api/public/categories';
const CHECK_AFTER_MS = 600;
const NO_TOKEN = '未能取得登录会话的安全令牌，修改无法提交。请点“退出”后重新登录。';

// Words of the answers, in Chinese. Categories come from the catalogue; urgencies are the registration form's.
const URGENCIES = { normal: '一般', urgent: '紧急', critical: '特急' };
const INPUTS = { matterType: '诉求类型', channel: '渠道' };
const LIMIT_UNITS = { NATURAL_HOURS: '自然小时', NATURAL_DAYS: '自然日', WORKING_HOURS: '工作小时', WORKING_DAYS: '工作日' };
const STAGES = { signFor: '签收', handle: '办理' };
const CHANGES = { added: '新增', removed: '删除', changed: '修改' };
const RULE_PARTS = { inputEntry: '条件', outputEntry: '结果', description: '说明', annotationEntry: '注释' };
const TYPES = {
  startEvent: '开始事件', endEvent: '结束事件', boundaryEvent: '边界事件', intermediateCatchEvent: '中间事件',
  intermediateThrowEvent: '中间事件', task: '任务', userTask: '用户任务', serviceTask: '服务任务',
  businessRuleTask: '业务规则任务', receiveTask: '接收任务', sendTask: '发送任务', manualTask: '手工任务',
  exclusiveGateway: '排他网关', parallelGateway: '并行网关', inclusiveGateway: '包容网关', eventBasedGateway: '事件网关',
  sequenceFlow: '连线', message: '消息', textAnnotation: '注释', association: '关联', rule: '规则',
};

const $ = (id) => document.getElementById(id);

const state = {
  token: '',
  units: [],
  unit: null,
  loading: false,
  dirty: false,
  categories: null,
  // names of the units definitions come from, as the files name them
  names: {},
};

// ---------------------------------------------------------------------------------------------- requests

/** Fails with the problem's detail (and its violations, when the guardrails refused), or 请先登录 on 401. */
async function call(method, path, body) {
  const request = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body instanceof FormData) {
    request.body = body;
  } else if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  let response = await send(path, request);
  // a new login (in another tab too) gives the session a new token: fetch it and try once more
  if (response.status === 403 && method !== 'GET' && (await renewedToken())) {
    response = await send(path, request);
  }
  const answer = await response.json().catch(() => null);
  if (response.status === 401) {
    throw Object.assign(new Error('请先登录'), { status: 401 });
  }
  if (response.status === 403 && method !== 'GET' && !state.token) {
    throw Object.assign(new Error(NO_TOKEN), { status: 403 });
  }
  if (!response.ok) {
    const detail = answer && (answer.detail || answer.title);
    throw Object.assign(new Error(detail || '请求失败：' + response.status),
      { status: response.status, violations: answer && answer.violations });
  }
  return answer;
}

async function send(path, request) {
  if (request.method !== 'GET') {
    request.headers['X-XSRF-TOKEN'] = state.token;
  }
  const response = await fetch(API + path, request);
  remember(response);
  return response;
}

const get = (path) => call('GET', path);

/** The files as multipart parts named files, each with its file name. */
function filesForm(files) {
  const form = new FormData();
  files.forEach((file) => form.append('files', new Blob([file.xml], { type: 'application/xml' }), file.name));
  return form;
}

function unitPath(rest) {
  return '/units/' + encodeURIComponent(state.unit.id) + '/variants' + rest;
}

// The webapps refuse a login or a change without their CSRF token. Camunda hands it out in the header
// X-XSRF-TOKEN of a request sent with "X-XSRF-TOKEN: Fetch" only while the session has none yet (as right
// after a login); later it keeps it in a cookie for /camunda only, which this page cannot read. So the token is
// taken wherever it is handed out: that answer, or any answer of /variants/api that carries the header.
function remember(response) {
  const token = response.headers.get('X-XSRF-TOKEN');
  if (token && token !== 'Required') {
    state.token = token;
  }
}

/** Asks the webapps for the login state (and a token, when the session has none yet); the user's id. */
async function webappUser() {
  const response = await fetch(WEBAPP_AUTH, { credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': 'Fetch' } });
  remember(response);
  const user = response.ok ? await response.json().catch(() => null) : null;
  return user && user.userId;
}

async function renewedToken() {
  const before = state.token;
  await webappUser();
  return Boolean(state.token) && state.token !== before;
}

// ----------------------------------------------------------------------------------------- login, start

async function login(event) {
  event.preventDefault();
  const form = new FormData($('login-form'));
  const body = new URLSearchParams({ username: form.get('username'), password: form.get('password') });
  $('login-error').textContent = '';
  let response = await sendLogin(body);
  // a token the session no longer knows makes Camunda end the session: the next try starts afresh with a new one
  if (response.status === 403) {
    response = await sendLogin(body);
  }
  if (response.ok) {
    $('login-form').reset();
    start();
  } else {
    $('login-error').textContent = response.status === 429 ? '登录失败次数过多，请稍后再试' : '用户名或密码不正确';
  }
}

async function sendLogin(body) {
  await webappUser();
  return fetch(WEBAPP_AUTH + '/login/welcome', {
    method: 'POST', credentials: 'same-origin', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': state.token },
  });
}

// without the right token Camunda ends the session all the same
async function logout() {
  await fetch(WEBAPP_AUTH + '/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': state.token } });
  state.token = '';
  state.unit = null;
  state.dirty = false;
  show(false);
}

function show(loggedIn) {
  $('login').hidden = loggedIn;
  $('workbench').hidden = !loggedIn;
  $('viewer').hidden = !loggedIn;
}

async function start() {
  try {
    state.units = await get('/units');
    $('user').textContent = (await webappUser()) || '';
    show(true);
    chooseUnits();
  } catch (error) {
    failed(error);
  }
}

function failed(error) {
  if (error.status === 401) {
    show(false);
  } else {
    message(error.message, 'error');
  }
}

function message(text, kind = 'info') {
  $('message').textContent = text;
  $('message').className = kind;
  delete $('message').dataset.deployed;
}

// ------------------------------------------------------------------------------------------------ units

function chooseUnits() {
  const select = $('unit');
  const options = state.units.map((unit) => new Option(unit.town && unit.town !== unit.name ? unit.town + ' / ' + unit.name : unit.name, unit.id));
  if (state.units.length !== 1) {
    options.unshift(new Option('请选择单位', ''));
  }
  select.replaceChildren(...options);
  select.disabled = state.units.length < 2;
  delete $('workbench').dataset.unit;
  if (state.units.length === 0) {
    message('您的账号不能修改任何单位的流程和规则表', 'error');
  } else if (state.units.length === 1) {
    openUnit(state.units[0]).catch(failed);
  } else {
    message('请选择要修改的单位');
  }
}

async function unitChosen() {
  const unit = state.units.find((u) => u.id === $('unit').value);
  if (state.dirty && !(await confirmed('切换单位将放弃尚未部署的修改，确定切换吗？'))) {
    $('unit').value = state.unit ? state.unit.id : '';
    return;
  }
  if (unit) {
    openUnit(unit).catch(failed);
  }
}

/** Opens what the unit's new matters run on now, and its history. */
async function openUnit(unit) {
  state.unit = unit;
  state.loading = true;
  message('加载中…');
  try {
    const found = await get(unitPath('/files'));
    for (const file of found.files) {
      const editor = editors[file.key];
      if (file.from) {
        state.names[file.from] = file.fromName;
      }
      if (editor) {
        await editor.open(file);
        tab(file.key).querySelector('.from').textContent = sourceName(file.from);
      }
    }
  } finally {
    state.loading = false;
  }
  $('workbench').dataset.unit = unit.id;
  showTab(currentTab() || 'matter-handling');
  $('diff').replaceChildren();
  message(state.token ? '' : NO_TOKEN, state.token ? 'info' : 'error');
  await Promise.all([history(), check()]);
}

/** Where a definition comes from: the county base, the unit itself, or a unit above it. */
function sourceName(from) {
  if (!from || from === 'county-base') {
    return '县级基础';
  }
  const unit = from === state.unit.id ? state.unit : state.units.find((u) => u.id === from);
  return unit ? unit.name : state.names[from] || from;
}

// ------------------------------------------------------------------------------------------------ editors

/** The process: bpmn-js with the properties panel for Camunda 7. */
function processEditor(key) {
  const pane = paneOf(key);
  const modeler = new BpmnModeler({
    container: pane.querySelector('.canvas'),
    propertiesPanel: { parent: pane.querySelector('.properties') },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule,
      CamundaPlatformBehaviorsModule],
    moddleExtensions: { camunda: camundaBpmnModdle },
  });
  modeler.on('commandStack.changed', edited);
  let marked = [];
  let fitted = false;
  return {
    async open(file) {
      await modeler.importXML(file.content);
      this.file = file;
      this.loaded = await this.xml();
      fitted = false;
    },
    async xml() {
      return (await modeler.saveXML({ format: true })).xml;
    },
    shown() {
      const canvas = modeler.get('canvas');
      canvas.resized();
      if (!fitted) {
        fitBesidePalette(canvas);
        fitted = true;
      }
    },
    mark(ids) {
      const canvas = modeler.get('canvas');
      const elements = modeler.get('elementRegistry');
      marked.filter((id) => elements.get(id)).forEach((id) => canvas.removeMarker(id, 'violation'));
      marked = ids.filter((id) => elements.get(id));
      marked.forEach((id) => canvas.addMarker(id, 'violation'));
    },
    reveal(id) {
      const element = modeler.get('elementRegistry').get(id);
      if (element) {
        modeler.get('selection').select(element);
        modeler.get('canvas').scrollToElement(element);
      }
    },
  };
}

/** The whole diagram in view, none of it under the palette on the left, never zoomed in beyond 100 %. */
function fitBesidePalette(canvas) {
  const PALETTE = 80;
  const MARGIN = 20;
  const { inner, outer } = canvas.viewbox();
  const scale = Math.min((outer.width - PALETTE - MARGIN) / inner.width, (outer.height - 2 * MARGIN) / inner.height, 1);
  canvas.viewbox({ x: inner.x - PALETTE / scale, y: inner.y - MARGIN / scale, width: outer.width / scale, height: outer.height / scale });
}

/** A table: dmn-js opened on its decision table. */
function tableEditor(key) {
  const container = paneOf(key).querySelector('.table');
  const modeler = new DmnModeler({ container, common: { moddleExtensions: { camunda: camundaDmnModdle } } });
  // each view (table, requirements diagram) has a viewer and a command stack of its own
  modeler.on('viewer.created', ({ viewer }) => viewer.on('commandStack.changed', edited));
  let marked = [];
  const rowOf = (id) => {
    const cell = container.querySelector(`td[data-row-id="${CSS.escape(id)}"]`);
    return cell && cell.closest('tr');
  };
  const editor = {
    async open(file) {
      await modeler.importXML(file.content, { open: false });
      await modeler.open(modeler.getViews().find((view) => view.type === 'decisionTable'));
      this.file = file;
      this.loaded = await this.xml();
    },
    async xml() {
      return (await modeler.saveXML({ format: true })).xml;
    },
    shown() {},
    // the row of each rule named; the rows are drawn anew when the view changes, so marks are put back then
    mark(ids) {
      marked = ids;
      container.querySelectorAll('.violation').forEach((row) => row.classList.remove('violation'));
      ids.map(rowOf).filter(Boolean).forEach((row) => row.classList.add('violation'));
    },
    // scrolls to the rule and selects its first cell, ready to edit
    reveal(id) {
      const row = rowOf(id);
      const cell = row && row.querySelector('td[data-col-id][data-element-id]');
      if (row) {
        row.scrollIntoView({ block: 'center' });
      }
      if (cell) {
        modeler.getActiveViewer().get('selection').select(cell.dataset.elementId);
      }
    },
  };
  modeler.on('views.changed', () => requestAnimationFrame(() => editor.mark(marked)));
  return editor;
}

const editors = {
  'matter-handling': processEditor('matter-handling'),
  'route-matter': tableEditor('route-matter'),
  'time-limits': tableEditor('time-limits'),
};

function paneOf(key) {
  return document.querySelector(`[data-pane="${key}"]`);
}

function tab(key) {
  return document.querySelector(`[data-tab="${key}"]`);
}

function tabLabel(key) {
  return tab(key) ? tab(key).querySelector('.label').textContent : key;
}

function currentTab() {
  const selected = document.querySelector('[role=tab][aria-selected=true]');
  return selected && selected.dataset.tab;
}

function showTab(key) {
  document.querySelectorAll('[data-tab]').forEach((button) => button.setAttribute('aria-selected', String(button.dataset.tab === key)));
  document.querySelectorAll('[data-pane]').forEach((pane) => { pane.hidden = pane.dataset.pane !== key; });
  editors[key].shown();
}

/** The files whose model differs from what was opened, as the modelers write them now. */
async function changedFiles() {
  const changed = [];
  for (const [key, editor] of Object.entries(editors)) {
    if (editor.file) {
      const xml = await editor.xml();
      if (xml !== editor.loaded) {
        changed.push({ key, name: editor.file.name, xml });
      }
    }
  }
  state.dirty = changed.length > 0;
  return changed;
}

// ------------------------------------------------------------------------------------------- validation

let checkTimer = null;
let checks = 0;

function edited() {
  if (state.loading || !state.unit) {
    return;
  }
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => check().catch(failed), CHECK_AFTER_MS);
}

/** The guardrails' verdict on the changed files; an answer overtaken by a newer check is dropped. */
async function check() {
  clearTimeout(checkTimer);
  const number = ++checks;
  const files = await changedFiles();
  if (files.length === 0) {
    showViolations([]);
    const none = item('未修改');
    none.className = 'none';
    $('violations').replaceChildren(none);
    return;
  }
  const changed = '已修改：' + files.map((file) => tabLabel(file.key)).join('、') + '。';
  $('validation').textContent = changed + '检查中…';
  let violations;
  try {
    violations = (await call('POST', unitPath('/validation'), filesForm(files))).violations;
  } catch (error) {
    if (error.status === 401) {
      throw error;
    }
    if (!error.violations) {
      if (number === checks) {
        showViolations([], changed + '无法检查：' + error.message, 'error');
      }
      return;
    }
    violations = error.violations;
  }
  if (number === checks) {
    showViolations(violations, changed + (violations.length === 0 ? '符合全部规则，可以部署。'
      : '有 ' + violations.length + ' 处违反规则，不能部署。'), violations.length === 0 ? 'ok' : 'error');
  }
}

/** Lists the violations and marks the elements and table rows they name; removes the marks of the last ones. */
function showViolations(violations, status = '', kind = 'info') {
  $('validation').textContent = status;
  $('validation').className = kind;
  const list = violations.map((violation) => {
    const li = item(violation.message + ' ', small(violation.rule));
    li.dataset.rule = violation.rule;
    li.dataset.element = violation.element || '';
    li.dataset.resource = violation.resource || '';
    li.tabIndex = 0;
    li.title = (violation.resource || '') + (violation.element ? '（' + violation.element + '）' : '');
    li.addEventListener('click', () => reveal(violation));
    li.addEventListener('keydown', (event) => event.key === 'Enter' && reveal(violation));
    return li;
  });
  $('violations').replaceChildren(...list);
  Object.values(editors).forEach((editor) => editor.mark(violations
    .filter((violation) => editor.file && violation.resource === editor.file.name && violation.element)
    .flatMap((violation) => violation.element.split(','))));
}

function reveal(violation) {
  const key = Object.keys(editors).find((k) => editors[k].file && editors[k].file.name === violation.resource);
  if (key) {
    showTab(key);
    if (violation.element) {
      editors[key].reveal(violation.element.split(',')[0]);
    }
  }
}

// ------------------------------------------------------------------------------------------------- diff

async function compare(against) {
  const files = await changedFiles();
  const title = against === 'base' ? '与县级基础对比' : '与当前生效版本对比';
  if (files.length === 0) {
    $('diff').replaceChildren(heading(title), paragraph('未修改，无可对比的内容。'));
    return;
  }
  $('diff').replaceChildren(heading(title), paragraph('对比中…'));
  try {
    const [answer] = await Promise.all([call('POST', unitPath('/comparison?against=' + against), filesForm(files)),
      categories()]);
    $('diff').replaceChildren(heading(title), ...Object.keys(editors).filter((key) => answer[key])
      .map((key) => definitionChanges(key, answer[key])));
    $('diff').dataset.against = against;
  } catch (error) {
    $('diff').replaceChildren(heading(title), paragraph('无法对比：' + error.message));
    if (error.status === 401) {
      failed(error);
    }
  }
}

/** One definition's changes: elements of the process, or rules and time limits of a table. */
function definitionChanges(key, changes) {
  const section = document.createElement('section');
  section.dataset.key = key;
  section.append(heading(tabLabel(key), 'h4'));
  if (!changes.againstDefinition) {
    section.append(paragraph('没有可对比的定义，全部为新增。'));
  }
  const elements = changes.rules || changes;
  const lines = Object.keys(CHANGES).flatMap((kind) => (elements[kind] || []).map((element) => change(kind, element)));
  const limits = (changes.timeLimitsChanged || []).map(timeLimitChange);
  if (lines.length === 0 && limits.length === 0) {
    section.append(paragraph('无变化'));
  }
  if (lines.length > 0) {
    section.append(list(lines));
  }
  if (limits.length > 0) {
    section.append(heading('时限变化', 'h5'), list(limits));
  }
  return section;
}

/** An element or rule added, removed or changed; for a changed one, which of its attributes and parts. */
function change(kind, element) {
  const name = element.name ? '“' + element.name + '”' : '';
  const parts = (element.changes || []).map((part) => RULE_PARTS[part] || part);
  const li = item(small(CHANGES[kind]), ' ', (TYPES[element.type] || element.type) + ' ' + name + '（' + element.id + '）'
    + (parts.length > 0 ? '：' + parts.join('、') : ''));
  li.className = 'change ' + kind;
  li.dataset.element = element.id;
  return li;
}

/** For one combination of inputs (道路破损 · 一般), each limit before → after. */
function timeLimitChange(limit) {
  const where = Object.entries(limit.inputs).map(([input, value]) => inputShown(input, value)).join(' · ');
  const stages = Object.keys(STAGES).filter((stage) => limit[stage])
    .map((stage) => STAGES[stage] + ' ' + limitShown(limit[stage].before) + ' → ' + limitShown(limit[stage].after));
  const li = item(where + '：' + stages.join('；'));
  li.className = 'time-limit';
  Object.entries(limit.inputs).forEach(([input, value]) => { li.dataset[input] = value; });
  return li;
}

function inputShown(input, value) {
  if (input === 'category') {
    return (state.categories && state.categories[value]) || value;
  }
  if (input === 'urgency') {
    return URGENCIES[value] || value;
  }
  return (INPUTS[input] || input) + ' ' + value;
}

/** "4 WORKING_HOURS" as 4 工作小时; "null" where a table gives none. */
function limitShown(limit) {
  const [amount, unit] = String(limit).split(' ');
  return limit === 'null' ? '无' : amount + ' ' + (LIMIT_UNITS[unit] || unit || '');
}

/** The catalogue's category names by code, read once. */
async function categories() {
  if (!state.categories) {
    try {
      const response = await fetch(CATEGORIES, { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        return;
      }
      state.categories = Object.fromEntries((await response.json()).map((category) => [category.code, category.name]));
    } catch (error) {
      return; // the codes are shown instead
    }
  }
}

// ----------------------------------------------------------------------------------------------- deploy

async function deploy() {
  const files = await changedFiles();
  if (files.length === 0) {
    message('未修改，无需部署');
    return;
  }
  const what = files.map((file) => tabLabel(file.key)).join('、');
  if (!(await confirmed('将修改的' + what + '部署为' + state.unit.name + '的新版本？部署后新登记的诉求即按新版本办理。'))) {
    return;
  }
  const form = filesForm(files);
  form.append('note', $('note').value.trim());
  form.append('migrateRunning', String($('migrate').checked));
  $('deploy').disabled = true;
  message('部署中…');
  try {
    const deployed = await call('POST', unitPath(''), form);
    $('note').value = '';
    await openUnit(state.unit);
    message('已部署，部署编号 ' + deployed.id + migrated(deployed.migration), 'ok');
    $('message').dataset.deployed = deployed.id;
  } catch (error) {
    if (error.violations) {
      showViolations(error.violations, '部署被拒绝：' + error.message, 'error');
      message('部署被拒绝：' + error.message, 'error');
    } else {
      failed(error);
    }
  } finally {
    $('deploy').disabled = false;
  }
}

/** What became of the unit's running matters, when moving them was asked for. */
function migrated(migration) {
  if (!migration || !migration.requested) {
    return '';
  }
  return '；在办诉求已迁移 ' + migration.migrated + ' 件' + (migration.skipped > 0 ? '，未能迁移 ' + migration.skipped + ' 件（按原版本办完）' : '');
}

// ---------------------------------------------------------------------------------------------- history

async function history() {
  const found = await get(unitPath(''));
  const effective = Object.entries(found.effective || {});
  $('effective').textContent = '当前生效：' + effective.map(([key, from]) => tabLabel(key) + ' ' + sourceName(from)).join('，');
  $('inherit').disabled = !effective.some(([, from]) => from === state.unit.id);
  $('history').replaceChildren(...(found.variants.length > 0 ? found.variants.map(variantItem) : [item('尚未部署过本单位的版本')]));
}

function variantItem(variant) {
  const li = item();
  li.dataset.variant = variant.id;
  li.className = variant.active ? 'active' : '';
  const when = document.createElement('div');
  when.append(time(variant.deployedAt) + ' · ' + variant.deployedBy);
  if (variant.active) {
    when.append(' ', badge('当前生效'));
  }
  li.append(when);
  if (variant.note) {
    li.append(paragraph(variant.note));
  }
  li.append(small(variant.definitions.map((d) => tabLabel(d.key) + ' 第 ' + d.version + ' 版' + (d.own ? '' : '（沿用）')).join('，')));
  if (!variant.active) {
    li.append(button('恢复此版本', () => activate(variant)));
  }
  return li;
}

async function activate(variant) {
  const lost = state.dirty ? '尚未部署的修改将被放弃。' : '';
  if (await confirmed('恢复 ' + time(variant.deployedAt) + ' 部署的版本？新登记的诉求将按该版本办理。' + lost)) {
    await changeHistory(() => call('POST', unitPath('/' + encodeURIComponent(variant.id) + '/activation'),
      { migrateRunning: $('migrate').checked }), '已恢复该版本');
  }
}

async function inherit() {
  const lost = state.dirty ? '尚未部署的修改将被放弃。' : '';
  if (await confirmed(state.unit.name + '不再使用本单位的版本，改为沿用上级的流程和规则表？' + lost)) {
    await changeHistory(() => call('DELETE', unitPath('/active?migrateRunning=' + $('migrate').checked)), '已恢复继承上级');
  }
}

async function changeHistory(request, done) {
  try {
    const changed = await request();
    await openUnit(state.unit);
    message(done + migrated(changed && changed.migration), 'ok');
  } catch (error) {
    failed(error);
  }
}

// ---------------------------------------------------------------------------------------------- confirm

/** An in-page confirmation (not window.confirm, which blocks the page): resolves true for 确定. */
function confirmed(text) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  dialog.showModal();
  return new Promise((resolve) => {
    const answer = (yes) => () => {
      $('confirm-yes').onclick = null;
      $('confirm-no').onclick = null;
      dialog.onclose = null;
      dialog.close();
      resolve(yes);
    };
    $('confirm-yes').onclick = answer(true);
    $('confirm-no').onclick = answer(false);
    dialog.onclose = answer(false); // Esc
  });
}

// ------------------------------------------------------------------------------------------------ bits

function item(...content) {
  const li = document.createElement('li');
  li.append(...content);
  return li;
}

function list(items) {
  const ul = document.createElement('ul');
  ul.append(...items);
  return ul;
}

function small(text) {
  const element = document.createElement('small');
  element.textContent = text;
  return element;
}

function badge(text) {
  const element = document.createElement('span');
  element.className = 'badge';
  element.textContent = text;
  return element;
}

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function heading(text, level = 'h3') {
  const h = document.createElement(level);
  h.textContent = text;
  return h;
}

function button(text, click) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', click);
  return b;
}

function time(instant) {
  return new Date(instant).toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit' });
}

$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', () => logout().catch(failed));
$('unit').addEventListener('change', unitChosen);
document.querySelectorAll('[data-tab]').forEach((button) => button.addEventListener('click', () => showTab(button.dataset.tab)));
$('compare-base').addEventListener('click', () => compare('base'));
$('compare-current').addEventListener('click', () => compare('current'));
$('deploy').addEventListener('click', () => deploy().catch(failed));
$('inherit').addEventListener('click', () => inherit().catch(failed));
window.addEventListener('beforeunload', (event) => state.dirty && event.preventDefault());
start();
