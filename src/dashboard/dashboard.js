// The Affinity dashboard (docs/dashboard.md): operations, business and preview panels over the JSON
// APIs. Every text from the server goes in through textContent (never innerHTML).
import { amountText, convertedText, currencyNote, notSummedText, nothingSummed, plural } from './amounts.js';
import { count, millis, money, moneyInterval, pct, pctInterval, relative, UNKNOWN, viewedText } from './format.js';
import { RULE, verdict } from './verdict.js';

const KEY = 'affinity.dashboard.key';
const SHOP = 'affinity.dashboard.shop';
const DAY = 86_400_000;
const $ = (id) => document.getElementById(id);

/** Builds an element: el('td', {className: 'x', dataset: {v: 1}}, 'text', child). */
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
  }
}

// `view` counts changes of what the page is asked to show (a sign-in, a sign-out, another shop): a load
// started for an earlier one must not reopen the panels or paint its shop's figures over the new one's.
// `business` counts business loads (a change in its form starts one while another may be in flight).
const state = { shopFixed: false, timer: undefined, charts: {}, view: 0, business: 0 };

/** The key and the shop chosen, as headers of an API call. */
function authHeaders(headers) {
  const key = sessionStorage.getItem(KEY);
  if (key) headers.authorization = `Bearer ${key}`;
  const shop = $('shop').value.trim();
  if (shop && !state.shopFixed) headers['x-affinity-shop'] = shop;
  return headers;
}

async function api(path, init = {}) {
  const headers = authHeaders({ accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) });
  const res = await fetch(path, { ...init, headers });
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

// ---- sign-in -------------------------------------------------------------------------------------

function showLogin(message = '') {
  clearInterval(state.timer);
  $('panels').hidden = true;
  $('login').hidden = false;
  $('signout').hidden = true;
  $('login-error').textContent = message;
  $('key').focus();
}

/** Whether the API asks for keys (`GET /` says so): then the page asks for one before calling what would refuse it. */
async function needsKey() {
  try {
    const res = await fetch('/', { headers: { accept: 'application/json' } });
    return res.ok && (await res.json()).auth === 'keys';
  } catch {
    return false;
  }
}

async function boot() {
  const view = ++state.view;
  if (!sessionStorage.getItem(KEY) && (await needsKey())) {
    if (view === state.view) showLogin('');
    return;
  }
  try {
    await loadOperations();
  } catch (err) {
    if (view !== state.view) return;
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      if (err.code === 'TENANT_MISMATCH' && $('shop').value) {
        // The key is for another shop than the one remembered: take the key's.
        sessionStorage.removeItem(SHOP);
        $('shop').value = '';
        return boot();
      }
      return showLogin(sessionStorage.getItem(KEY) ? err.message : '');
    }
    $('panels').hidden = false;
    $('ops-error').textContent = String(err.message ?? err);
  }
  // Signed out or another shop chosen while loading (changing the Shop field and then clicking Sign out starts a load first).
  if (view !== state.view) return;
  $('login').hidden = true;
  $('panels').hidden = false;
  $('signout').hidden = !sessionStorage.getItem(KEY);
  clearInterval(state.timer);
  state.timer = setInterval(() => loadOperations().catch((e) => ($('ops-error').textContent = e.message)), 10_000);
  try {
    await loadExperiments(view);
    await loadBusiness(view);
  } catch (e) {
    if (view === state.view) $('business-error').textContent = e.message;
  }
}

$('login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  sessionStorage.setItem(KEY, $('key').value.trim());
  $('key').value = '';
  void boot();
});
/** Drops what the previous key was shown, so the next key's panels never open on it. */
function forgetShown() {
  for (const id of ['ops-tiles', 'variants', 'variant-shoppers', 'variant-guardrails', 'uplift', 'breakdown', 'breakdown-shoppers', 'breakdown-guardrails', 'preview-result']) $(id).replaceChildren();
  for (const id of ['who', 'ops-note', 'ops-error', 'business-meta', 'rule', 'srm', 'verdict', 'business-error', 'preview-error', 'breakdown-note']) $(id).textContent = '';
  for (const chart of Object.values(state.charts)) chart.destroy();
  state.charts = {};
  for (const id of ['chart-throughput', 'chart-latency']) $(id).replaceChildren();
  delete $('business').dataset.loaded;
  delete $('business').dataset.shop;
  delete $('business').dataset.query;
  $('experiment').replaceChildren();
}

$('signout').addEventListener('click', () => {
  state.view += 1;
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(SHOP);
  state.shopFixed = false;
  $('shop').disabled = false;
  $('shop').value = '';
  $('shop').placeholder = 'default shop';
  forgetShown();
  showLogin();
});
$('shop').addEventListener('change', () => {
  sessionStorage.setItem(SHOP, $('shop').value.trim());
  void boot();
});

// ---- operations ----------------------------------------------------------------------------------

function tile(label, value, tone = '', field = '') {
  return el('div', { className: `tile ${tone}`, dataset: { field } }, el('div', { className: 'label' }, label), el('div', { className: 'value' }, value));
}

function chart(id, series, labels, data) {
  const host = $(id);
  const width = Math.max(320, host.clientWidth || 560);
  const opts = {
    width,
    height: 200,
    // The last hour, whatever the points cover.
    scales: { x: { time: true, range: () => [Date.now() / 1000 - 3600, Date.now() / 1000] } },
    series: [{}, ...labels.map((label, i) => ({ label, stroke: ['#2271b1', '#dba617', '#d63638'][i], width: 1.5, spanGaps: true }))],
    axes: [{}, { size: 50 }],
    legend: { live: false },
  };
  state.charts[id]?.destroy();
  host.replaceChildren();
  state.charts[id] = new uPlot(opts, data, host);
}

async function loadOperations() {
  const view = state.view;
  const r = await api('/v1/admin/operations');
  if (view !== state.view) return;
  state.shopFixed = r.shopFixed;
  const input = $('shop');
  input.disabled = r.shopFixed;
  if (r.shopFixed || !input.value) input.value = r.shopFixed ? r.shop : input.value;
  input.placeholder = r.shop;
  $('who').textContent = sessionStorage.getItem(KEY) ? (r.shopFixed ? `key for ${r.shop}` : 'key for all shops') : 'open mode (no API keys configured)';
  const s = r.summary;
  // The figures are platform-wide (`scope`): never presented as the shop's own, whoever asks.
  $('ops-note').textContent =
    `Platform-wide: these figures count the requests of every shop this Affinity process serves, not only ${r.shop}’s` +
    `${r.shopFixed ? ' (your key’s shop)' : ' (the Shop field does not filter them)'}; only the catalog MCP breaker is per shop. ` +
    `They are this process’s own (pid ${r.process.pid}, started ${new Date(r.process.startedAt).toLocaleString('en-US')}), sampled every ${r.sampleEverySeconds} s over the last hour; ` +
    'with several workers each keeps its own. The dashboard’s own requests, health checks and metric scrapes are not counted.';
  const tiles = [
    tile('Throughput, all shops', `${s.requestsPerSecond.toFixed(2)} req/s`, '', 'rps'),
    tile('Requests, all shops', count(s.requests), '', 'requests'),
    tile('Latency p50', millis(s.p50Ms), '', 'p50'),
    tile('Latency p95', millis(s.p95Ms), '', 'p95'),
    tile('Latency p99', millis(s.p99Ms), '', 'p99'),
    tile('Errors (5xx)', pct(s.errorRate, 2), s.errorRate > 0.01 ? 'bad' : 'good', 'errorRate'),
    tile('Refused (4xx)', pct(s.clientErrorRate, 2), '', 'clientErrorRate'),
    tile('Projection lag', `${count(s.projectionLag)} events`, s.projectionLag > 1000 ? 'warn' : '', 'lag'),
    tile('Store', `${r.store.kind} ${r.store.up === null ? '?' : r.store.up ? 'up' : 'DOWN'}${r.store.durability ? ` · ${r.store.durability}` : ''}`, r.store.up === false ? 'bad' : 'good', 'store'),
  ];
  for (const [name, ratio] of Object.entries(s.cacheHitRatio)) tiles.push(tile(`Cache hits: ${name}`, ratio === null ? 'no lookups' : pct(ratio), '', `cache:${name}`));
  const breakers = Object.entries(s.breakers);
  if (breakers.length === 0) tiles.push(tile('Catalog MCP breaker', 'not configured', '', 'breakers'));
  for (const [shop, st] of breakers) tiles.push(tile(`Breaker ${shop}`, st, st === 'open' ? 'bad' : st === 'half-open' ? 'warn' : 'good', `breaker:${shop}`));
  $('ops-tiles').replaceChildren(...tiles);
  const xs = r.series.map((p) => p.t / 1000);
  chart('chart-throughput', r.series, ['req/s'], [xs, r.series.map((p) => p.requestsPerSecond)]);
  chart('chart-latency', r.series, ['p50', 'p95', 'p99'], [xs, r.series.map((p) => p.p50Ms), r.series.map((p) => p.p95Ms), r.series.map((p) => p.p99Ms)]);
  $('ops-error').textContent = '';
}

// ---- business ------------------------------------------------------------------------------------

async function loadExperiments(view) {
  const r = await api('/v1/analytics/experiments');
  if (view !== state.view) return;
  const sel = $('experiment');
  const keep = sel.value;
  // Ended and no-longer-declared experiments stay listed: their stored lists are still readable.
  const status = { ended: ' · ended', undeclared: ' · no longer declared' };
  sel.replaceChildren(
    el('option', { value: '' }, '(every served list)'),
    ...r.experiments.map((e) => el('option', { value: e.id, dataset: { status: e.status ?? 'running' } }, `${e.id} (${e.variants.map((v) => v.name).join(' vs ')})${status[e.status] ?? ''}`)),
  );
  sel.value = r.experiments.some((e) => e.id === keep) ? keep : (r.experiments[0]?.id ?? '');
}

/** The analytics query the page shows (also published in `data-query` for anyone to re-ask). */
function businessQuery() {
  const to = Date.now();
  const from = to - Number($('period').value) * DAY;
  const q = new URLSearchParams({ from: String(from), to: String(to) });
  if ($('experiment').value) q.set('experiment', $('experiment').value);
  return q;
}

function cell(value, text, extra = {}) {
  return el('td', { ...extra, dataset: { value: String(value), ...(extra.dataset ?? {}) } }, ...keptTogether(text));
}

/** A figure and its interval ("33.3 % [6.1–79.2]"): a narrow column wraps before the interval, never inside it (the text is unchanged). */
function keptTogether(text) {
  const m = typeof text === 'string' ? /^(.*\S) (\[[^\]]*\])$/s.exec(text) : null;
  return m ? [`${m[1]} `, el('span', { className: 'interval' }, m[2])] : [text];
}

/** A table's head and body (and a total row in its foot); a body without rows says so in one cell instead of leaving a bare header. */
function table(caption, head, body, empty, foot) {
  const rowsOrEmpty = body.length ? body : [el('tr', { className: 'empty' }, el('td', { colSpan: head.length, className: 'muted' }, empty))];
  const parts = [el('caption', {}, caption), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rowsOrEmpty)];
  if (foot && body.length) parts.push(el('tfoot', {}, foot));
  return parts;
}

/** A cell of the total row (`data-total`: the field), or an empty one. */
function totalCell(field, value, text) {
  return field ? el('td', { dataset: { total: field, value: String(value) } }, text) : el('td', {});
}

const TOTAL_LABEL = 'total (each order, shopper once)';

const NO_LISTS = 'No lists served yet in this period.';
const SHARED_RULE = 'Via shared links: other visitors who opened a link of a list served to a shopper on the storefront (a shared or posted link); counted in no other column. Lists an agent asked for count whoever opens their links.';

/** An uplift cell; `empty` (either side served nothing) reads UNKNOWN, not a difference of 0 with p = 1. */
function upliftCell(u, fmt, field, empty) {
  if (!u || empty) return el('td', { dataset: { field, value: '' } }, UNKNOWN, el('br'), el('small', {}, 'no lists served yet'));
  const td = el('td', { className: u.pValue < 0.05 ? (u.value > 0 ? 'better' : 'worse') : '', dataset: { field, value: String(u.value), pValue: String(u.pValue) } });
  td.append(`${fmt(u.value)} (${relative(u.relative)})`, el('br'), el('small', {}, `[${fmt(u.low)}, ${fmt(u.high)}] p = ${u.pValue.toFixed(3)}`));
  return td;
}

/** Other visitors' outcomes through shared links (in none of the other columns): orders and revenue, then clicks. */
function sharedCell(v, cur) {
  if (!v || v.clicks + v.addToCarts + v.orders === 0) return cell(0, 'none', { dataset: { field: 'sharedOrders' } });
  const n = (k, one, many) => `${count(k)} ${k === 1 ? one : many}`;
  return cell(v.orders, `${n(v.orders, 'order', 'orders')} · ${money(v.revenue, cur)} · ${n(v.clicks, 'click', 'clicks')}`, { dataset: { field: 'sharedOrders' } });
}

/** A group's revenue or influenced cell: "—" when none of its order lines could be summed, "≈" when converted, and what was left out. */
function amountCell(g, field, cur) {
  const td = el('td', { dataset: { field, value: String(g[field]), ...(nothingSummed(g) ? { unknown: 'true' } : {}) } }, amountText(g, field, cur));
  const notes = field === 'revenue' ? [notSummedText(g), convertedText(g)].filter(Boolean) : [];
  for (const n of notes) td.append(el('br'), el('small', { dataset: { note: n.includes('not summed') ? 'notSummed' : 'converted' } }, n));
  return td;
}

/** Revenue per list: unknown when nothing could be summed (a mean of amounts nobody measured). */
function perListText(g, cur) {
  if (nothingSummed(g)) return UNKNOWN;
  return `${g.orderLines?.converted > 0 && g.served ? '≈ ' : ''}${moneyInterval(g.revenuePerServed, cur, g.served)}`;
}

/** Lists with a view reported, and what the count may leave out (agents' lists: format.js `viewedText`). */
function viewedCell(g) {
  const { text, note } = viewedText(g);
  const td = cell(g.viewed, text, { dataset: { field: 'viewed' } });
  if (note) td.append(el('br'), el('small', { dataset: { note: 'agentLists' } }, note));
  return td;
}

/** Per served list: what the analytics API answers per group. */
function rows(report) {
  const cur = report.currency;
  const head = ['group', 'served', 'viewed', 'clicks', 'CTR [95 %]', 'add-to-carts', 'orders', 'conversion [95 %]', 'revenue', 'revenue / list [95 %, ≥ 0]', 'influenced', 'via shared links'];
  const body = report.groups.map((g) =>
    el(
      'tr',
      { dataset: { group: g.key } },
      el('td', {}, g.key),
      cell(g.served, count(g.served), { dataset: { field: 'served' } }),
      viewedCell(g),
      cell(g.clicks, count(g.clicks), { dataset: { field: 'clicks' } }),
      cell(g.clickThroughRate.value, pctInterval(g.clickThroughRate, g.served), { dataset: { field: 'clickThroughRate' } }),
      cell(g.addToCarts, count(g.addToCarts), { dataset: { field: 'addToCarts' } }),
      cell(g.orders, count(g.orders), { dataset: { field: 'orders' } }),
      cell(g.conversionRate.value, pctInterval(g.conversionRate, g.served), { dataset: { field: 'conversionRate' } }),
      amountCell(g, 'revenue', cur),
      cell(g.revenuePerServed.value, perListText(g, cur), { dataset: { field: 'revenuePerServed' } }),
      amountCell(g, 'influenced', cur),
      sharedCell(g.viaSharedLinks, cur),
    ),
  );
  const t = report.totals;
  // An order (or shopper) of several groups counts once here: the column itself does not add up.
  const foot =
    t &&
    el(
      'tr',
      { className: 'total' },
      el('td', {}, TOTAL_LABEL),
      totalCell('served', t.served, count(t.served)),
      totalCell('viewed', t.viewed, count(t.viewed)),
      totalCell('clicks', t.clicks, count(t.clicks)),
      totalCell(),
      totalCell('addToCarts', t.addToCarts, count(t.addToCarts)),
      totalCell('orders', t.orders, count(t.orders)),
      totalCell(),
      totalCell('revenue', t.revenue, report.groups.every((g) => nothingSummed(g) || !g.orderLines?.summed) && report.otherCurrencyLines ? UNKNOWN : `${report.convertedLines ? '≈ ' : ''}${money(t.revenue, cur)}`),
      totalCell(),
      totalCell('influenced', t.influenced, `${report.convertedLines ? '≈ ' : ''}${money(t.influenced, cur)}`),
      totalCell(),
    );
  return table('Per served list', head, body, NO_LISTS, foot);
}

/** Per shopper (the unit of randomization): distinct shoppers served, who clicked, who ordered. */
function shopperRows(report) {
  const variant = report.by === 'variant';
  const head = ['group', 'shoppers', 'clicked', 'click rate [95 %]', 'ordered', 'conversion [95 %]', ...(variant ? ['switched variant', 'lists reassigned'] : [])];
  const body = report.groups.map((g) => {
    const s = g.shoppers;
    return el(
      'tr',
      { dataset: { group: g.key } },
      el('td', {}, g.key),
      cell(s.served, count(s.served), { dataset: { field: 'shoppers' } }),
      cell(s.clicked, count(s.clicked), { dataset: { field: 'shoppersClicked' } }),
      cell(s.clickRate.value, pctInterval(s.clickRate, s.served), { dataset: { field: 'shopperClickRate' } }),
      cell(s.ordered, count(s.ordered), { dataset: { field: 'shoppersOrdered' } }),
      cell(s.conversionRate.value, pctInterval(s.conversionRate, s.served), { dataset: { field: 'shopperConversionRate' } }),
      variant ? cell(s.switched ?? 0, count(s.switched ?? 0), { dataset: { field: 'switched' } }) : null,
      variant ? cell(g.reassignedLists ?? 0, count(g.reassignedLists ?? 0), { dataset: { field: 'reassignedLists' } }) : null,
    );
  });
  const t = report.totals;
  const foot = t && el('tr', { className: 'total' }, el('td', {}, TOTAL_LABEL), totalCell('shoppers', t.shoppers, count(t.shoppers)), ...head.slice(2).map(() => totalCell()));
  return table('Per shopper', head, body, NO_LISTS, foot);
}

/** Guardrails: failed requests, fallback answers and answer time, from the stored lists (every process). */
function guardrailRows(report) {
  const head = ['group', 'errors', 'error rate [95 %]', 'degraded', 'latency p50', 'latency p95', 'timed lists'];
  const body = report.groups.map((g) => {
    const r = g.guardrails;
    const tried = g.served + r.errors;
    return el(
      'tr',
      { dataset: { group: g.key } },
      el('td', {}, g.key),
      cell(r.errors, count(r.errors), { dataset: { field: 'errors' } }),
      cell(r.errorRate.value, pctInterval(r.errorRate, tried), { dataset: { field: 'errorRate' } }),
      cell(r.degraded, count(r.degraded), { dataset: { field: 'degraded' } }),
      cell(r.latencyMs.p50 ?? '', r.latencyMs.p50 === null ? UNKNOWN : millis(r.latencyMs.p50), { dataset: { field: 'latencyP50' } }),
      cell(r.latencyMs.p95 ?? '', r.latencyMs.p95 === null ? UNKNOWN : millis(r.latencyMs.p95), { dataset: { field: 'latencyP95' } }),
      cell(r.latencyMs.samples, count(r.latencyMs.samples), { dataset: { field: 'latencySamples' } }),
    );
  });
  return table('Guardrails (errors, fallbacks, answer time)', head, body, NO_LISTS);
}

/** Each treatment against the control: differences with their interval, relative change, p-value; guardrails; status. */
function upliftRows(report, v) {
  const cur = report.currency;
  const control = report.groups[0];
  const pp = (x) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(2)} pt`;
  const head = ['variant vs control', 'Δ CTR', 'Δ conversion per list (primary)', 'Δ conversion per shopper', 'Δ revenue / list', 'guardrails', 'status'];
  const body = report.groups
    .filter((g) => g.uplift)
    .map((g) => {
      const empty = g.served === 0 || control.served === 0;
      const worse = v.details[g.key]?.guardrails ?? [];
      const ok = v.details[g.key]?.latencyCompared === false ? 'none worse (latency not compared: too few timed lists)' : 'none worse';
      return el(
        'tr',
        { dataset: { group: g.key } },
        el('td', {}, `${g.key} vs ${control.key}`),
        upliftCell(g.uplift.clickThroughRate, pp, 'clickThroughRate', empty),
        upliftCell(g.uplift.conversionRate, pp, 'conversionRate', empty),
        upliftCell(g.uplift.shopperConversionRate, pp, 'shopperConversionRate', empty),
        upliftCell(g.uplift.revenuePerServed, (x) => money(x, cur), 'revenuePerServed', empty),
        el('td', { className: worse.length ? 'worse' : '', dataset: { field: 'guardrails', value: worse.length ? 'worse' : 'ok' } }, empty ? UNKNOWN : worse.length ? worse.join('; ') : ok),
        el('td', { dataset: { field: 'status', value: v.variants[g.key] ?? '' } }, v.variants[g.key] ?? ''),
      );
    });
  return table('Each variant against the control', head, body, report.experimentStatus === 'undeclared' ? 'No control known: the experiment is no longer declared.' : 'A single variant: nothing to compare.');
}

/** Whether some order or shopper counts in several groups of a breakdown (so its columns must not be added). */
function overlaps(report) {
  const t = report.totals;
  if (!t) return false;
  const sum = (f) => report.groups.reduce((s, g) => s + f(g), 0);
  return sum((g) => g.orders) > t.orders || sum((g) => g.shoppers.served) > t.shoppers;
}

/** The note under a breakdown: orders and shoppers of several groups count in each. */
function breakdownNote(report) {
  const base = `An order with lines from lists of several groups counts in each group’s orders, and a shopper served in several groups in each group’s shoppers: those columns do not add up. The total row counts each once`;
  return overlaps(report) ? `${base}: ${plural(report.totals.orders, 'order', 'orders')}, ${plural(report.totals.shoppers, 'shopper', 'shoppers')} in this period.` : `${base}.`;
}

/** The verdict of an experiment no longer declared: its figures are read, but nothing can be concluded. */
function undeclaredVerdict(report) {
  return {
    state: 'none',
    text: `${report.experiment} is no longer declared in the experiments file: its variants’ figures come from the stored lists, but which variant was the control and the declared weights are not known, so there is no uplift, sample-ratio check or verdict. Declare it again with "status": "ended" (it then assigns nobody) to read them.`,
    variants: {},
    details: {},
  };
}

/** Loads the business panels for `view`; an answer overtaken by a later load (or view) is dropped. */
async function loadBusiness(view = state.view) {
  if (view !== state.view) return;
  const load = ++state.business;
  $('business-error').textContent = '';
  const q = businessQuery();
  const by = $('by').value;
  const experiment = $('experiment').value;
  $('business').dataset.query = q.toString();
  const [variants, breakdown] = await Promise.all([
    experiment ? api(`/v1/analytics?${q}&by=variant`) : Promise.resolve(undefined),
    api(`/v1/analytics?${q}&by=${by}`),
  ]);
  if (view !== state.view || load !== state.business) return;
  const note = currencyNote(breakdown);
  const status = breakdown.experimentStatus === 'ended' ? ' · experiment ended (assigns nobody)' : breakdown.experimentStatus === 'undeclared' ? ' · experiment no longer declared' : '';
  const previews = breakdown.previewLists ? ` · ${plural(breakdown.previewLists, 'Preview list', 'Preview lists')} of this dashboard not counted` : '';
  $('business-meta').textContent = `${breakdown.shop} · lists served ${new Date(breakdown.from).toLocaleString('en-US')} – ${new Date(breakdown.to).toLocaleString('en-US')} · outcomes attributed up to ${breakdown.attributionWindowDays} days after a click${breakdown.currency ? ` · revenue in ${breakdown.currency}` : ' · no revenue currency known yet'}${note ? ` (${note})` : ''}${status}${previews}`;
  $('rule').textContent = experiment
    ? `Rule: ${RULE} Intervals are 95 %; the first variant is the control. Revenue per list is at least 0, so its interval's lower bound is clamped at 0. “—”: nothing to measure yet (0 of 0). ${SHARED_RULE}`
    : `Intervals are 95 %; revenue per list is at least 0, so its interval’s lower bound is clamped at 0. “—”: nothing to measure yet (0 of 0). ${SHARED_RULE}`;
  const v = variants?.experimentStatus === 'undeclared' ? undeclaredVerdict(variants) : verdict(variants);
  $('verdict').hidden = !variants;
  $('verdict').className = `verdict ${v.state}`;
  $('verdict').dataset.state = v.state;
  $('verdict').textContent = v.text;
  for (const id of ['variants', 'variant-shoppers', 'variant-guardrails', 'uplift']) $(id).hidden = !variants;
  if (variants) {
    $('variants').replaceChildren(...rows(variants));
    $('variant-shoppers').replaceChildren(...shopperRows(variants));
    $('variant-guardrails').replaceChildren(...guardrailRows(variants));
    $('uplift').replaceChildren(...upliftRows(variants, v));
  }
  $('srm').textContent = variants?.sampleRatio ? `Sample-ratio check (shoppers) against the declared weights: χ² = ${variants.sampleRatio.chiSquare}, p = ${variants.sampleRatio.pValue}${variants.sampleRatio.mismatch ? ' — MISMATCH' : ' (ok)'}` : '';
  $('breakdown-title').textContent = `By ${by}${experiment ? ` (lists of ${experiment})` : ''}`;
  $('breakdown').replaceChildren(...rows(breakdown));
  $('breakdown-shoppers').replaceChildren(...shopperRows(breakdown));
  $('breakdown-guardrails').replaceChildren(...guardrailRows(breakdown));
  $('breakdown-note').textContent = breakdown.groups.length ? breakdownNote(breakdown) : '';
  $('business').dataset.loaded = q.toString();
  $('business').dataset.shop = breakdown.shop;
}

/**
 * Downloads the breakdown shown (`GET /v1/analytics?…&format=csv`): fetched with the key like every call
 * (a plain link could not send it), saved under the name the API gives.
 */
async function downloadCsv() {
  const path = `/v1/analytics?${businessQuery()}&by=${$('by').value}&format=csv`;
  const res = await fetch(path, { headers: authHeaders({ accept: 'text/csv' }) });
  if (!res.ok) {
    let body;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    throw new ApiError(res.status, body);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'affinity-analytics.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

$('csv').addEventListener('click', () => {
  $('business-error').textContent = '';
  void downloadCsv().catch((e) => {
    $('business-error').textContent = e.message;
  });
});

$('business-form').addEventListener('change', () => {
  const view = state.view;
  void loadBusiness(view).catch((e) => {
    if (view === state.view) $('business-error').textContent = e.message;
  });
});

// ---- preview -------------------------------------------------------------------------------------

function reasonText(r) {
  return `${r.source}${r.seedTitle ? ` (${r.seedTitle})` : r.seed ? ` (${r.seed})` : ''} ${r.score.toFixed(2)}`;
}

$('preview-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('preview-error').textContent = '';
  // The agent name marks a Preview list: recorded and attributable, but in no analytics figure (core/attribution/previewLists.ts).
  const body = { limit: Number($('p-limit').value) || 8, agent: 'dashboard-preview' };
  const user = $('p-user').value.trim();
  const product = $('p-product').value.trim();
  const text = $('p-text').value.trim();
  if (user) body.userId = user;
  if (product) body.productId = product;
  if (text) body.text = text;
  const out = $('preview-result');
  try {
    const r = await api('/v1/recommendations', { method: 'POST', body: JSON.stringify(body) });
    const meta = el(
      'p',
      { id: 'preview-meta' },
      el('span', { className: 'tag', dataset: { field: 'variant' } }, r.experiment ? `${r.experiment.id}: ${r.experiment.variant}` : 'no experiment'),
      el('span', { className: 'tag' }, `recommender ${r.recommender}`),
      r.intent ? el('span', { className: 'tag', dataset: { field: 'intent' } }, `intent ${r.intent.type} (${Math.round(r.intent.confidence * 100)} %)`) : null,
      r.productKnown === false ? el('span', { className: 'tag' }, 'product not in the catalog') : null,
      r.degraded ? el('span', { className: 'tag' }, 'degraded (store down)') : null,
      el('span', { className: 'muted' }, ` list ${r.recommendationId ?? '–'} · ${r.tookMs} ms`),
    );
    const items = r.items.map((i) =>
      el(
        'li',
        { dataset: { product: i.productId } },
        el('strong', {}, i.title ?? i.productId),
        ` ${i.productId}`,
        i.price ? ` · ${i.price.formatted ?? money(i.price.amount, i.price.currency)}` : '',
        ` · score ${i.score.toFixed(3)}`,
        el('div', { className: 'reasons' }, i.reasons.map(reasonText).join(' · ') || 'no reasons'),
      ),
    );
    out.replaceChildren(meta, items.length ? el('ol', {}, ...items) : el('p', { className: 'muted' }, 'An empty list (a holdout variant, or nothing to recommend).'));
  } catch (err) {
    out.replaceChildren();
    $('preview-error').textContent = err.message;
  }
});

$('shop').value = sessionStorage.getItem(SHOP) ?? '';
void boot();
