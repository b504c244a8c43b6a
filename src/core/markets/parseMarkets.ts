/**
 * Validates the markets configuration: the JSON of `AFFINITY_MARKETS_FILE` (or the built-in defaults)
 * with `AFFINITY_MARKET_<HANDLE>_<FIELD>` environment overrides applied, every problem listed at once.
 *
 * Overrides (`<HANDLE>` upper-cased, `-` as `_`): `CACHE_TTL_S`, `RETENTION_DAYS`, `PRIVACY`,
 * `CURRENCY`, `LANGUAGE`, `COUNTRIES` (comma-separated), `TAXES`, `DUTIES`; plus
 * `AFFINITY_DEFAULT_MARKET`.
 */
import { z } from 'zod';
import { DEFAULT_MARKETS, MarketSchema, type Market, type MarketsConfig } from './market.ts';
import { deepFreeze } from '../deepFreeze.ts';

const FileSchema = z.object({ defaultMarket: z.string().min(1).optional(), markets: z.array(z.unknown()).min(1) }).strict();

const OVERRIDES: Readonly<Record<string, (v: string) => [keyof Market | 'priceInclusions.taxes' | 'priceInclusions.duties', unknown]>> = {
  CACHE_TTL_S: (v) => ['cacheTtlSeconds', Number(v)],
  RETENTION_DAYS: (v) => ['retentionDays', Number(v)],
  PRIVACY: (v) => ['privacy', v.trim().toLowerCase()],
  CURRENCY: (v) => ['currency', v.trim()],
  LANGUAGE: (v) => ['language', v.trim()],
  COUNTRIES: (v) => ['countries', v.split(',').map((c) => c.trim()).filter(Boolean)],
  TAXES: (v) => ['priceInclusions.taxes', v.trim().toLowerCase()],
  DUTIES: (v) => ['priceInclusions.duties', v.trim().toLowerCase()],
};

const envHandle = (handle: string): string => handle.toUpperCase().replace(/-/g, '_');

/**
 * Parses and validates markets.
 * @param fileText the JSON text of the markets file, or undefined for the built-in defaults
 * @param source how to name the file in problems
 * @returns the frozen configuration, or every problem found
 */
export function parseMarketsConfig(
  fileText: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  source = 'AFFINITY_MARKETS_FILE',
): { config: MarketsConfig } | { problems: string[] } {
  const problems: string[] = [];
  let rawMarkets: unknown[] = DEFAULT_MARKETS.markets.map((m) => structuredClone(m));
  let defaultMarket: string | undefined = DEFAULT_MARKETS.defaultMarket;
  if (fileText !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(fileText);
    } catch (err) {
      return { problems: [`${source}: not valid JSON (${(err as Error).message})`] };
    }
    const f = FileSchema.safeParse(json);
    if (!f.success) return { problems: f.error.issues.map((i) => `${source}: ${i.path.join('.') || '(root)'}: ${i.message}`) };
    rawMarkets = f.data.markets;
    defaultMarket = f.data.defaultMarket ?? (rawMarkets[0] as { handle?: string } | undefined)?.handle;
  }

  // Environment overrides, by handle.
  const byEnvHandle = new Map<string, Record<string, unknown>>();
  for (const m of rawMarkets) if (m && typeof m === 'object' && typeof (m as { handle?: unknown }).handle === 'string') byEnvHandle.set(envHandle((m as { handle: string }).handle), m as Record<string, unknown>);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '' || !key.startsWith('AFFINITY_MARKET_') || key === 'AFFINITY_MARKETS_FILE') continue;
    const rest = key.slice('AFFINITY_MARKET_'.length);
    const field = Object.keys(OVERRIDES).find((f) => rest.endsWith(`_${f}`));
    if (!field) {
      problems.push(`${key}: unknown market setting (expected AFFINITY_MARKET_<HANDLE>_{${Object.keys(OVERRIDES).join('|')}})`);
      continue;
    }
    const handle = rest.slice(0, -(field.length + 1));
    const target = byEnvHandle.get(handle);
    if (!target) {
      problems.push(`${key}: no market with handle "${handle.toLowerCase()}" (markets: ${[...byEnvHandle.keys()].map((h) => h.toLowerCase()).join(', ')})`);
      continue;
    }
    const [path, v] = OVERRIDES[field]!(value);
    if (path === 'priceInclusions.taxes' || path === 'priceInclusions.duties') {
      const inc = { ...((target.priceInclusions as Record<string, unknown> | undefined) ?? {}) };
      inc[path.split('.')[1]!] = v;
      target.priceInclusions = inc;
    } else target[path] = v;
  }
  if (env.AFFINITY_DEFAULT_MARKET) defaultMarket = env.AFFINITY_DEFAULT_MARKET.trim();

  const markets: Market[] = [];
  rawMarkets.forEach((raw, i) => {
    const r = MarketSchema.safeParse(raw);
    const name = (raw as { handle?: unknown } | null)?.handle;
    const where = typeof name === 'string' ? `market "${name}"` : `markets.${i}`;
    if (!r.success) for (const iss of r.error.issues) problems.push(`${where}: ${iss.path.join('.') || '(market)'}: ${iss.message}`);
    else markets.push(r.data);
  });
  // Cross-market checks run on the raw entries too, so that they are reported along with field errors.
  const handles = new Set<string>();
  const countries = new Map<string, string>();
  for (const raw of rawMarkets) {
    const m = (raw ?? {}) as { handle?: unknown; countries?: unknown };
    if (typeof m.handle !== 'string') continue;
    if (handles.has(m.handle)) problems.push(`market "${m.handle}": the handle is used twice`);
    handles.add(m.handle);
    for (const c of Array.isArray(m.countries) ? m.countries : []) {
      if (typeof c !== 'string') continue;
      const prev = countries.get(c);
      if (prev && prev !== m.handle) problems.push(`market "${m.handle}": country ${c} already belongs to market "${prev}"`);
      countries.set(c, m.handle);
    }
  }
  if (!defaultMarket || !handles.has(defaultMarket)) {
    problems.push(`default market "${defaultMarket ?? ''}" is not one of the markets (${[...handles].join(', ')})`);
  }
  if (problems.length > 0) return { problems };
  return { config: deepFreeze({ markets, defaultMarket: defaultMarket as string }) };
}
