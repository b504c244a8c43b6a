/**
 * The settings reference, docs/configuration.md, generated from the declarations in `src/config.ts` (variable, default,
 * accepted values, meaning), so the page cannot drift from the code; a test compares the two. Regenerate with
 * `node --import tsx src/configReference.ts > docs/configuration.md`.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { defaultOf, SETTINGS } from './config.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (value: unknown): string => `\`${String(value)}\``;

/** What a setting accepts, in words, from its schema's input side (`integer, 0 to 65535`, `URL`, `` `a`, `b` ``). */
export function acceptedValues(setting: z.ZodType): string {
  const s = z.toJSONSchema(setting, { io: 'input', unrepresentable: 'any' }) as {
    type?: string;
    enum?: unknown[];
    format?: string;
    minimum?: number;
    exclusiveMinimum?: number;
    maximum?: number;
  };
  if (s.enum) return s.enum.map(code).join(', ');
  if (s.type === 'integer' || s.type === 'number') {
    const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
    if (s.minimum !== undefined && max !== undefined) return `${s.type}, ${s.minimum} to ${max}`;
    const bounds = [s.minimum !== undefined ? `≥ ${s.minimum}` : '', s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean);
    return [s.type, bounds.join(', ')].filter(Boolean).join(' ');
  }
  if (s.format === 'uri') return 'URL';
  return 'text';
}

/** The Markdown of docs/configuration.md. */
export function configurationReference(): string {
  const rows = Object.entries(SETTINGS).map(([name, setting]) => {
    const d = defaultOf(setting);
    return `| ${code(name)} | ${d === undefined ? '—' : cell(code(d))} | ${cell(acceptedValues(setting))} | ${cell(setting.description ?? '')} |`;
  });
  return [
    '# Configuration',
    '',
    'Affinity reads its settings from environment variables, once, at start; an unset or empty variable takes its',
    'default, and an invalid one stops the start with every problem listed. The commands (`affinity serve`, `import`,',
    '`mcp`, …) read the same variables.',
    '',
    '<!-- Generated from the declarations in src/config.ts: node --import tsx src/configReference.ts > docs/configuration.md -->',
    '',
    '| variable | default | values | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Markets also take per-market overrides, `AFFINITY_MARKET_<HANDLE>_<FIELD>` (docs/markets.md).',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(configurationReference());
