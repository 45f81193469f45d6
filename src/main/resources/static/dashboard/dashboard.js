// The assessment dashboard: logs in through the webapps' own login (the session Tasklist uses), reads the
// figures of the viewer's scope from /dashboard/api/kpi, draws them with ECharts, refreshes every 30 seconds,
// and lists the matters behind any figure that is clicked.
'use strict';

const API = '/dashboard/api/kpi';
const WEBAPP_AUTH = '/camunda/api/admin/auth/user/default';
const REFRESH_MS = 30000;
const $ = (id) => document.getElementById(id);

let charts = {};
let current = null;
let timer = null;

async function get(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    throw Object.assign(new Error('请先登录'), { status: 401 });
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw Object.assign(new Error(problem.detail || ('请求失败：' + response.status)), { status: response.status });
  }
  return response.json();
}

// The webapps refuse a login or logout without their CSRF token; a read of the login state hands one out.
async function webappToken() {
  const response = await fetch(WEBAPP_AUTH, { credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': 'Fetch' } });
  return response.headers.get('X-XSRF-TOKEN') || '';
}

async function login(event) {
  event.preventDefault();
  const form = new FormData($('login-form'));
  const body = new URLSearchParams({ username: form.get('username'), password: form.get('password') });
  $('login-error').textContent = '';
  const response = await fetch(WEBAPP_AUTH + '/login/welcome', {
    method: 'POST', credentials: 'same-origin', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': await webappToken() },
  });
  if (response.ok) {
    $('login-form').reset();
    start();
  } else {
    $('login-error').textContent = response.status === 429 ? '登录失败次数过多，请稍后再试' : '用户名或密码不正确';
  }
}

async function logout() {
  await fetch(WEBAPP_AUTH + '/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': await webappToken() } });
  clearInterval(timer);
  show(false);
}

function show(loggedIn) {
  $('login').hidden = loggedIn;
  $('board').hidden = !loggedIn;
  $('viewer').hidden = !loggedIn;
}

async function start() {
  try {
    await refresh();
    show(true);
    Object.values(charts).forEach((chart) => chart.resize());
    clearInterval(timer);
    timer = setInterval(() => Promise.all([refresh(), hotspots()]).catch(failed), REFRESH_MS);
    reports().catch(failed);
    hotspots().catch(failed);
  } catch (error) {
    failed(error);
  }
}

function failed(error) {
  if (error.status === 401) {
    clearInterval(timer);
    show(false);
  } else {
    show(true);
    $('board-error').textContent = error.message;
  }
}

async function refresh() {
  const screen = await get(API + '/overview');
  current = screen.figures;
  $('board-error').textContent = '';
  $('scope').textContent = screen.scope;
  $('user').textContent = screen.viewer;
  $('refreshed').textContent = '更新于 ' + time(current.asOf, true);
  tiles(current);
  stages(current.stages);
  trend(current.trend);
  ranking(current.ranking);
  heat(current.heat);
}

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init($(id));
    window.addEventListener('resize', () => charts[id].resize());
  }
  return charts[id];
}

function tiles(figures) {
  const today = { from: figures.to, to: figures.to };
  tile('tile-received', figures.today.received, () => drill({ figure: 'received', ...today }, '今日受理'));
  tile('tile-closed', figures.today.closed, () => drill({ figure: 'closed', ...today }, '今日办结'));
  tile('tile-open', figures.today.open, () => drill({ figure: 'open' }, '在办诉求'));
  tile('tile-overdue', figures.today.overdue, () => drill({ figure: 'overdue' }, '已超期诉求'));
}

function tile(id, value, open) {
  $(id).querySelector('.value').textContent = value;
  $(id).onclick = open;
}

function stages(list) {
  const stageChart = chart('chart-stages');
  stageChart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: ['在办', '其中超期'] },
    grid: { left: 40, right: 16, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: list.map((s) => s.name) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '在办', type: 'bar', data: list.map((s) => s.open), itemStyle: { color: '#3f6ad8' } },
      { name: '其中超期', type: 'bar', data: list.map((s) => s.overdue), itemStyle: { color: '#c62828' } },
    ],
  }, true);
  stageChart.off('click');
  stageChart.on('click', (p) => {
    const stage = list[p.dataIndex];
    drill({ figure: p.seriesIndex === 0 ? 'open' : 'overdue', stage: stage.stage }, stage.name + (p.seriesIndex === 0 ? '：在办' : '：已超期'));
  });
}

function trend(days) {
  const trendChart = chart('chart-trend');
  const series = [['受理', 'received', 'received', '#3f6ad8'], ['办结', 'closed', 'closed', '#2e7d32'], ['按时办结', 'closedOnTime', 'closed', '#f9a825']];
  trendChart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((s) => s[0]) },
    grid: { left: 40, right: 16, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map(([name, field, , color]) => ({ name, type: 'line', smooth: true, data: days.map((d) => d[field]), itemStyle: { color } })),
  }, true);
  trendChart.off('click');
  trendChart.on('click', (p) => {
    const day = days[p.dataIndex].day;
    drill({ figure: series[p.seriesIndex][2], from: day, to: day }, day + ' ' + series[p.seriesIndex][0]);
  });
}

function ranking(departments) {
  const scored = departments.filter((d) => d.score !== null);
  const red = scored.slice(0, Math.min(3, Math.ceil(scored.length / 2)));
  // the black list holds only those scoring below the best: when everyone ties, nobody is on it
  const black = scored.slice(red.length).filter((d) => d.score < red[0].score).slice(-3).reverse();
  list('red-list', red);
  list('black-list', black);

  const rankingChart = chart('chart-ranking');
  const bars = scored.slice().reverse();
  rankingChart.setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 140, right: 40, bottom: 30, top: 10 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', data: bars.map((d) => d.name) },
    series: [{ name: '综合得分', type: 'bar', data: bars.map((d) => d.score), label: { show: true, position: 'right' },
      itemStyle: { color: (p) => (red.includes(bars[p.dataIndex]) ? '#c62828' : black.includes(bars[p.dataIndex]) ? '#37474f' : '#90a4ae') } }],
  }, true);
  rankingChart.off('click');
  rankingChart.on('click', (p) => closedOf(bars[p.dataIndex]));

  const rows = $('ranking').querySelector('tbody');
  rows.replaceChildren(...departments.map((d) => {
    const row = cells([d.name, number(d.score), percent(d.responseRate), percent(d.onTimeRate), percent(d.resolutionRate),
      percent(d.satisfactionRate), d.closed, d.overdueNow]);
    row.className = 'link';
    row.onclick = () => closedOf(d);
    return row;
  }));
}

function list(id, departments) {
  fill(id, departments, (d) => item(d.name + '　' + number(d.score) + ' 分'));
}

// A list's items, or 暂无 when there is nothing to list.
function fill(id, things, render) {
  $(id).replaceChildren(...(things.length > 0 ? things.map(render) : [item('暂无')]));
}

function item(...content) {
  const li = document.createElement('li');
  li.append(...content);
  return li;
}

function closedOf(department) {
  drill({ figure: 'closed', from: current.from, to: current.to, department: department.key }, department.name + '：近 30 天办结');
}

function heat(table) {
  const heatChart = chart('chart-heat');
  const max = table.cells.reduce((m, c) => Math.max(m, c[2]), 1);
  heatChart.setOption({
    tooltip: { position: 'top', formatter: (p) => table.categories[p.value[1]].name + ' · ' + table.units[p.value[0]].name + '：' + p.value[2] + ' 件' },
    grid: { left: 120, right: 20, top: 10, bottom: 70 },
    xAxis: { type: 'category', data: table.units.map((u) => u.name), splitArea: { show: true } },
    yAxis: { type: 'category', data: table.categories.map((c) => c.name), splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fff5f0', '#fb6a4a', '#99000d'] } },
    series: [{ name: '受理', type: 'heatmap', data: table.cells.map((c) => [c[1], c[0], c[2]]), label: { show: true } }],
  }, true);
  heatChart.off('click');
  heatChart.on('click', (p) => {
    const unit = table.units[p.value[0]];
    const category = table.categories[p.value[1]];
    drill({ figure: 'received', from: current.from, to: current.to, unit: unit.key, under: unit.under, category: category.key },
      category.name + ' · ' + unit.name + '：近 30 天受理');
  });
}

/** Hotspot warnings (预警) not closed yet, of the viewer's scope. */
async function hotspots() {
  const open = await get('/dashboard/api/hotspots');
  const states = { open: '待处理', acknowledged: '处理中' };
  $('hotspot-rows').replaceChildren(...open.map((warning) => cells([time(warning.raisedAt), warning.unitName, warning.grid,
    warning.categoryName, warning.windowDays + ' 天', warning.matters, number(warning.baseline), warning.leadDepartmentName,
    states[warning.state] || warning.state])));
  $('hotspot-none').hidden = open.length > 0;
}

async function reports() {
  const today = current.to;
  const [daily, weekly] = await Promise.all([
    get(API + '/reports?kind=daily&from=' + shift(today, -14) + '&to=' + today),
    get(API + '/reports?kind=weekly&from=' + shift(today, -56) + '&to=' + today),
  ]);
  reportList('daily-reports', daily);
  reportList('weekly-reports', weekly);
}

function reportList(id, found) {
  fill(id, found, (report) => item(report.title + '　', anchor(API + '/reports/' + report.id, '查看'), '　',
    anchor(API + '/reports/' + report.id + '/csv', 'CSV')));
}

function anchor(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.target = '_blank';
  a.rel = 'noopener';
  return a;
}

async function drill(query, title) {
  const parameters = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null));
  $('drill').hidden = false;
  $('drill-title').textContent = title;
  $('drill-total').textContent = '加载中…';
  try {
    const found = await get(API + '/matters?' + parameters);
    $('drill-total').textContent = '共 ' + found.total + ' 件' + (found.total > found.matters.length ? '，列出前 ' + found.matters.length + ' 件' : '');
    $('drill-rows').replaceChildren(...found.matters.map((m) => {
      const row = cells([m.trackingNo, m.category, m.unit, m.department || '—', m.stage, time(m.registeredAt), time(m.due),
        time(m.closedAt), m.satisfaction]);
      if (m.overdue) {
        row.children[6].className = 'overdue';
      }
      return row;
    }));
  } catch (error) {
    $('drill-total').textContent = error.message;
  }
  $('drill').scrollIntoView({ behavior: 'smooth' });
}

function cells(values) {
  const row = document.createElement('tr');
  values.forEach((value) => {
    const cell = document.createElement('td');
    cell.textContent = value === null || value === undefined ? '—' : String(value);
    row.append(cell);
  });
  return row;
}

function percent(rate) {
  return rate === null ? '—' : (rate * 100).toFixed(1) + '%';
}

function number(value) {
  return value === null ? '—' : value.toFixed(1);
}

function time(instant, secondsToo) {
  if (!instant) {
    return null;
  }
  return new Date(instant).toLocaleString('zh-CN', { timeZone: current ? current.zone : undefined, hour12: false,
    ...(secondsToo ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) });
}

function shift(day, days) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', logout);
start();
