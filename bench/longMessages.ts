/**
 * `node --import tsx bench/longMessages.ts [--products N] [--runs N] [--json]`: what a long `text` costs
 * on `POST /v1/recommendations` (which takes up to 8,000 characters: an agent may send a long message),
 * in process (one server, SQLite, a CSV-imported catalog and pixel-fed shoppers as bench/storefront.ts
 * seeds them). For each shape of text (English and Spanish sentences, one long word, letters and
 * spaces, emoji, digits), the best of `--runs` requests at 100, 1,000, 4,000 and 8,000 characters, and
 * the cost per character at 8,000 against 1,000: about 1 when the cost grows with the length, 8 when
 * it grows with its square (what a regular expression that backtracks over a long word does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createAffinity } from '../src/main.ts';
import { benchArgs, type BenchArgs, type BenchSpec } from './args.ts';
import { seedStorefront, STOREFRONT_APP_SECRET } from './storefront.ts';

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/longMessages.ts',
  summary: `What a long text costs on POST /v1/recommendations, in process (one server, SQLite, a CSV-imported
catalog): the best of --runs requests at 100, 1,000, 4,000 and 8,000 characters for several shapes of
text, and the cost per character at 8,000 against 1,000 (about 1: linear; 8: quadratic).`,
  options: [
    { name: 'products', value: 'N', number: true, default: '2000', help: 'Catalog size (imported as a Shopify CSV export)' },
    { name: 'runs', value: 'N', number: true, default: '5', help: 'Requests per length and shape; the fastest counts' },
    { name: 'json', help: 'Print the result as JSON on stdout instead of the table' },
  ],
  writes: 'a SQLite database in $TMPDIR, removed at the end.',
};

/** Shapes of text, each repeated to the length measured. */
const SHAPES: Readonly<Record<string, string>> = {
  'English sentences': 'I am looking for a silver necklace for my mum, something elegant but not too expensive, maybe under 50 euros, leather is fine. ',
  'Spanish sentences': 'Busco un collar de plata para mi mamá, algo elegante pero no muy caro, quizás menos de 50 euros, el cuero está bien. ',
  'one long word': 'a',
  'letters and spaces': 'a ',
  emoji: '😀',
  digits: '1234567890',
};
const LENGTHS = [100, 1000, 4000, 8000] as const;

async function main(args: BenchArgs): Promise<void> {
  const runs = Number(args.get('runs'));
  const dir = mkdtempSync(join(tmpdir(), 'affinity-long-'));
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'warn', AFFINITY_STORE: 'sqlite', AFFINITY_DB: join(dir, 'l.db'), SHOPIFY_API_SECRET: STOREFRONT_APP_SECRET });
  const a = await createAffinity(config);
  try {
    const url = await a.listen();
    const data = await seedStorefront(url, { products: Number(args.get('products')), users: 50, serverCpuMs: () => 0 });
    const user = data.userIds[0] as string;
    // Each request's text differs at its end, so no memo of a message answers it.
    let n = 0;
    const post = async (text: string): Promise<number> => {
      const body = JSON.stringify({ userId: user, text: `${text.slice(0, text.length - 6)} ${String(n++).padStart(5, '0')}`, limit: 10 });
      const t0 = performance.now();
      const r = await a.app.inject({ method: 'POST', url: '/v1/recommendations', headers: { 'content-type': 'application/json' }, payload: body });
      const ms = performance.now() - t0;
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 200)}`);
      return ms;
    };
    const rows: { shape: string; ms: number[]; perCharRatio: number }[] = [];
    for (const [shape, unit] of Object.entries(SHAPES)) {
      const ms: number[] = [];
      for (const length of LENGTHS) {
        const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        await post(text);
        let best = Infinity;
        for (let i = 0; i < runs; i++) best = Math.min(best, await post(text));
        ms.push(best);
      }
      rows.push({ shape, ms, perCharRatio: (ms[3] as number) / 8000 / ((ms[1] as number) / 1000) });
    }
    if (args.has('json')) {
      process.stdout.write(`${JSON.stringify({ node: process.version, lengths: LENGTHS, rows }, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      [
        `POST /v1/recommendations with a long text, best of ${runs}, ms (${process.version}):`,
        `| text | ${LENGTHS.join(' | ')} chars | per character, 8,000 against 1,000 |`,
        `|---|${LENGTHS.map(() => '---:').join('|')}|---:|`,
        ...rows.map((r) => `| ${r.shape} | ${r.ms.map((x) => x.toFixed(1)).join(' | ')} | ${r.perCharRatio.toFixed(2)} |`),
        '',
      ].join('\n'),
    );
  } finally {
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main(benchArgs(SPEC));
