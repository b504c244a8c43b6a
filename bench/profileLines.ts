/**
 * Where a CPU profile's time went: the functions with the most self time (µs per request when
 * `--requests` is given), and for one function its samples by line, with the text of each line as V8
 * ran it. For a TypeScript file run through tsx that text is tsx's output, which this script gets the
 * way the server did: it imports the file under tsx with the inspector's debugger on and asks V8 for
 * the script's source. A line the function does not contain comes from a function V8 inlined into it.
 *
 * Made for profiles of the server itself, e.g. the storefront scenario's server started with
 * `node --cpu-prof --cpu-prof-dir=DIR` (docs/benchmarks.md, fifth session): self times can be read over
 * the last seconds of the profile (the scenario's window), line ticks only over the whole profile.
 *
 *   node --import tsx bench/profileLines.ts --profile FILE.cpuprofile [--last 8] [--skip 0.3]
 *     [--requests 40000] [--top 30] [--function rankInto] [--file rank.ts]
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { benchArgs, type BenchSpec } from './args.ts';
import { lineTicks, selfTimes, type CpuProfile } from './cpuProfile.ts';

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/profileLines.ts',
  summary: `Reads a CPU profile (node --cpu-prof): the functions with the most self time, over the whole profile or
its last seconds (µs per request with --requests, else % of the time read), and with --function one
function's samples by line, with each line's text as V8 ran it (tsx's output for a .ts file).`,
  options: [
    { name: 'profile', value: 'FILE', help: 'The .cpuprofile to read (required)' },
    { name: 'last', value: 'S', number: true, help: 'Read only the last S seconds of the profile (default: all of it)' },
    { name: 'skip', value: 'S', number: true, default: '0', help: 'With --last: end the window S seconds before the profile ends (its shutdown)' },
    { name: 'requests', value: 'N', number: true, help: 'Requests answered in the window: self times are then shown in µs per request' },
    { name: 'top', value: 'N', number: true, default: '30', help: 'Functions (and lines) shown' },
    { name: 'function', value: 'NAME', help: 'Also show this function’s samples by line (its name as the profile has it, e.g. rankInto; "(anonymous)" for one without a name)' },
    { name: 'file', value: 'PART', default: '', help: 'With --function: only the functions of that name whose url:line contains PART (e.g. rank.ts, or personalize.ts:234)' },
  ],
  writes: 'nothing (it reads the profile, and imports the profiled source file to read its compiled text).',
};
const cli = benchArgs(SPEC);

const file = cli.get('profile');
if (!file) {
  process.stderr.write('bench/profileLines.ts: --profile FILE is required; see --help\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const top = Number(cli.get('top'));
const requests = cli.get('requests') !== undefined ? Number(cli.get('requests')) : undefined;
const last = cli.get('last') !== undefined ? Number(cli.get('last')) : undefined;
const { total, rows } = selfTimes(profile, last !== undefined ? { lastSeconds: last, skipSeconds: Number(cli.get('skip')) } : {});
const shown = (us: number): string => (requests !== undefined ? `${(us / requests).toFixed(1).padStart(7)} µs` : `${((100 * us) / (total || 1)).toFixed(1).padStart(5)} %`);
process.stdout.write(`self time${last !== undefined ? ` over the last ${last} s` : ''}: ${(total / 1e6).toFixed(2)} s${requests !== undefined ? `, ${shown(total).trim()} per request` : ''}\n`);
for (const [label, us] of rows.slice(0, top)) process.stdout.write(`${shown(us)}  ${label}\n`);

const fn = cli.get('function');
if (fn) {
  const { functions, lines } = lineTicks(profile, fn, cli.get('file'));
  if (functions.length === 0) {
    process.stdout.write(`\nno function named ${fn} in the profile\n`);
  } else {
    const sources = await compiledSources(functions.map((f) => f.url));
    const sum = lines.reduce((n, [, t]) => n + t, 0);
    for (const f of functions) process.stdout.write(`\n${fn} at ${f.url}:${f.line}: ${sum} ticks by line (the whole profile)\n`);
    process.stdout.write('(functions V8 inlined into it count at their own scripts\' line numbers: a line past this script\'s end is one of theirs, and a line that cannot run here may be too)\n');
    // Several functions of that name in different scripts: each line is shown in the first one's script.
    const text = sources.get((functions[0] as { url: string }).url);
    for (const [line, ticks] of lines.slice(0, top)) {
      const src = text?.[line - 1];
      process.stdout.write(`${((100 * ticks) / (sum || 1)).toFixed(1).padStart(5)} %  ${String(line).padStart(5)}  ${src === undefined ? '(beyond this script: a function inlined from another one)' : src.trim().slice(0, 140)}\n`);
    }
  }
}

/** The text V8 compiles for each of these `file:` scripts (imported here, under tsx as the server ran them), by line. */
async function compiledSources(urls: readonly string[]): Promise<Map<string, readonly string[]>> {
  const session = new Session();
  session.connect();
  const parsed = new Map<string, string>();
  session.on('Debugger.scriptParsed', (m) => parsed.set(m.params.url, m.params.scriptId));
  await session.post('Debugger.enable');
  const out = new Map<string, readonly string[]>();
  for (const url of new Set(urls)) {
    if (!url.startsWith('file:')) continue;
    try {
      await import(url);
    } catch (err) {
      process.stderr.write(`could not import ${url} to read its compiled text: ${(err as Error).message}\n`);
      continue;
    }
    const scriptId = parsed.get(url);
    if (scriptId === undefined) continue;
    const { scriptSource } = await session.post('Debugger.getScriptSource', { scriptId });
    out.set(url, scriptSource.split('\n'));
  }
  session.disconnect();
  return out;
}
