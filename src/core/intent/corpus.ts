/**
 * The labelled corpus format (`data/intent/*.jsonl`): one JSON object per line,
 * `{"text": "...", "label": "<intent type>", "lang": "en"|"es"}`.
 */
import { AffinityError } from '../errors.ts';
import { isIntentType, type LabeledUtterance } from './types.ts';

/** Parses JSONL corpus text; blank lines and `//` comment lines are skipped. Throws VALIDATION_FAILED naming the bad line. */
export function parseCorpus(jsonl: string): LabeledUtterance[] {
  const out: LabeledUtterance[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('//')) return;
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      throw new AffinityError('VALIDATION_FAILED', `Corpus line ${i + 1} is not valid JSON.`);
    }
    const r = o as { text?: unknown; label?: unknown; lang?: unknown };
    if (typeof r.text !== 'string' || r.text.trim() === '' || !isIntentType(r.label)) {
      throw new AffinityError('VALIDATION_FAILED', `Corpus line ${i + 1} needs a non-empty "text" and a known "label".`);
    }
    out.push({ text: r.text, label: r.label, ...(r.lang === 'en' || r.lang === 'es' ? { lang: r.lang } : {}) });
  });
  return out;
}
