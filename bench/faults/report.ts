/**
 * The fault suite's summary as Markdown, and its place in docs/reliability.md: only the text between
 * `<!-- faults:begin -->` and `<!-- faults:end -->` is replaced (the section and the markers are added
 * at the end of the file when missing); the rest of the file belongs to other sections.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CaseResult } from './badInputs.ts';
import { OPS, summarize, type Op, type Sample, type Summary } from './load.ts';

export const BEGIN = '<!-- faults:begin -->';
export const END = '<!-- faults:end -->';

/** One measured window of the run. */
export interface Window {
  readonly name: string;
  /** What was done to the system during it. */
  readonly fault: string;
  readonly start: number;
  readonly end: number;
  /** Shop stand-in requests received during the window. */
  readonly shopCalls: number;
  /** `/health/ready` samples: status and breaker states seen. */
  readonly ready: readonly string[];
  readonly breaker: readonly string[];
  /** ms from the start of the window to the first 202 / the first non-degraded 200 recommendation. */
  readonly firstEventOkMs?: number;
  readonly firstRecOkMs?: number;
}

/** Everything the report shows. */
export interface Report {
  readonly date: string;
  readonly machine: { readonly nproc: number; readonly cpu: string; readonly node: string; readonly redis: string; readonly loadavg: string };
  readonly command: string;
  readonly setup: readonly string[];
  readonly windows: readonly Window[];
  readonly samples: readonly Sample[];
  readonly barrage: readonly CaseResult[];
  readonly durability: {
    readonly sent: number;
    readonly acked: number;
    readonly inHistory: number;
    readonly bySeenMarker: number;
    readonly lost: number;
    readonly lostIds: readonly string[];
    readonly lagAtEnd: string;
    /** Set when the check could not run. */
    readonly error?: string;
  };
  readonly findings: readonly string[];
  readonly affinityLog: { readonly lines: number; readonly exits: readonly string[] };
  readonly totalSeconds: number;
}

const f0 = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '–');

function statuses(s: Summary): string {
  return Object.entries(s.statuses)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

function windowSamples(samples: readonly Sample[], w: Window, op?: Op): Sample[] {
  return samples.filter((s) => s.phase === w.name && (op === undefined || s.op === op));
}

/** Markdown of the report. */
export function renderReport(r: Report): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Last run: ${r.date}, ${r.totalSeconds.toFixed(0)} s. Machine: ${m.nproc} cores (${m.cpu}), load average at start ${m.loadavg}, Node ${m.node}, ${m.redis}. Command: \`${r.command}\`.`);
  out.push('');
  for (const s of r.setup) out.push(`- ${s}`);
  out.push('');
  if (r.findings.length > 0) {
    out.push('**Findings of this run** (measured, not fixed by the suite):');
    out.push('');
    for (const f of r.findings) out.push(`- ${f}`);
    out.push('');
  }
  out.push('### Per phase (all operations)');
  out.push('');
  out.push('| phase | fault | s | req/s | status counts | p50 ms | p95 ms | p99 ms | max ms | degraded | 5xx | first 202 after | first non-degraded rec after | /health/ready | breaker | shop calls |');
  out.push('|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|');
  for (const w of r.windows) {
    const s = summarize(windowSamples(r.samples, w));
    const secs = (w.end - w.start) / 1000;
    const uniq = (xs: readonly string[]) => [...new Set(xs)].join(' → ') || '–';
    out.push(
      `| ${w.name} | ${w.fault} | ${secs.toFixed(1)} | ${f0(s.n / secs)} | ${statuses(s)} | ${f0(s.p50)} | ${f0(s.p95)} | ${f0(s.p99)} | ${f0(s.max)} | ${s.degraded} | ${s.fivexx} | ${w.firstEventOkMs === undefined ? '–' : `${f0(w.firstEventOkMs)} ms`} | ${w.firstRecOkMs === undefined ? '–' : `${f0(w.firstRecOkMs)} ms`} | ${uniq(w.ready)} | ${uniq(w.breaker)} | ${w.shopCalls} |`,
    );
  }
  out.push('');
  out.push('### Per phase and operation');
  out.push('');
  out.push('| phase | operation | requests | status counts | p50 ms | p95 ms | p99 ms | degraded | tool errors | 503 without Retry-After |');
  out.push('|---|---|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const w of r.windows) {
    for (const op of OPS) {
      const s = summarize(windowSamples(r.samples, w, op));
      if (s.n === 0) continue;
      out.push(`| ${w.name} | ${op} | ${s.n} | ${statuses(s)} | ${f0(s.p50)} | ${f0(s.p95)} | ${f0(s.p99)} | ${s.degraded} | ${s.toolErrors} | ${s.noRetryAfter503} |`);
    }
  }
  out.push('');
  const b = r.barrage;
  const fivexx = b.filter((c) => c.fivexx).length;
  const problem = b.filter((c) => c.shape === 'problem').length;
  const rpc = b.filter((c) => c.shape === 'json-rpc error' || c.shape === 'tool isError').length;
  const ok = b.filter((c) => c.ok).length;
  out.push('### Bad-input barrage');
  out.push('');
  out.push(
    `${b.length} malformed requests, sent under the steady load: **5xx: ${fivexx}** (must be 0); \`{"error":{"code","message"}}\` shape: ${problem}; JSON-RPC error or tool \`isError\` (on \`/mcp\`): ${rpc}; as expected (4xx and documented shape, or an allowed acceptance): ${ok} of ${b.length}.`,
  );
  out.push('');
  out.push('| class | cases | 5xx | 4xx | other | documented shape | as expected |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  const classes = [...new Set(b.map((c) => c.cls))];
  for (const cls of classes) {
    const cs = b.filter((c) => c.cls === cls);
    const n4 = cs.filter((c) => /^4\d\d$/.test(c.status)).length;
    const n5 = cs.filter((c) => c.fivexx).length;
    const shaped = cs.filter((c) => c.shape === 'problem' || c.shape === 'json-rpc error' || c.shape === 'tool isError').length;
    out.push(`| ${cls} | ${cs.length} | ${n5} | ${n4} | ${cs.length - n4 - n5} | ${shaped} | ${cs.filter((c) => c.ok).length} |`);
  }
  out.push('');
  out.push('<details><summary>Every case</summary>');
  out.push('');
  out.push('| class | case | expected | status | code | shape | ok |');
  out.push('|---|---|---|---:|---|---|---|');
  for (const c of b) out.push(`| ${c.cls} | ${c.name.replace(/\|/g, '\\|')} | ${c.expect} | ${c.status} | ${c.code ?? ''} | ${c.shape} | ${c.ok ? 'yes' : '**no**'} |`);
  out.push('');
  out.push('</details>');
  out.push('');
  const d = r.durability;
  out.push('### Acknowledged events');
  out.push('');
  if (d.error) out.push(`**The check could not run** (${d.error}); the counts below are incomplete.`, '');
  out.push(
    `Event ids sent by the load: ${d.sent}; answered 202: **${d.acked}**; found afterwards in the shopper's event history in Redis (\`RedisStore.getUserEvents\`): ${d.inHistory}; found only by their dedupe marker (\`aff:{log}:seen:…\`, written with the log entry): ${d.bySeenMarker}; **lost: ${d.lost}**${d.lost > 0 ? ` (first: ${d.lostIds.slice(0, 10).join(', ')})` : ''}. Projection backlog at the end: ${d.lagAtEnd}.`,
  );
  out.push('');
  out.push(`Affinity wrote ${r.affinityLog.lines} log lines at level warn; its process exits: ${r.affinityLog.exits.join(', ') || '–'}.`);
  return out.join('\n');
}

/** Replaces the text between the markers in `path` (adding a `## Fault suite` section with them when missing). */
export function writeDocsSection(path: string, markdown: string): void {
  const block = `${BEGIN}\n${markdown}\n${END}`;
  const intro = [
    '## Fault suite',
    '',
    '`npm run faults` (`bench/faults.ts`) runs Affinity on Redis under a steady mixed load (pixel events, recommendations, MCP',
    '`search_catalog` and `recommend_products`) and injects faults one after the other: Redis frozen (SIGSTOP), Redis killed',
    'and restarted on its AOF, the shop\'s Storefront Catalog MCP slow and down, Affinity SIGKILLed and restarted, and a',
    'barrage of malformed requests. It then checks that every event acknowledged with 202 is in Redis. The text between the',
    'markers below is rewritten by `npm run faults -- --write`; a plain `npm run faults` only prints its summary.',
    '',
  ].join('\n');
  if (!existsSync(path)) {
    writeFileSync(path, `# Reliability\n\n${intro}\n${block}\n`);
    return;
  }
  const text = readFileSync(path, 'utf8');
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  if (i >= 0 && j > i) {
    writeFileSync(path, `${text.slice(0, i)}${block}${text.slice(j + END.length)}`);
    return;
  }
  writeFileSync(path, `${text.replace(/\s*$/, '\n')}\n${intro}\n${block}\n`);
}
