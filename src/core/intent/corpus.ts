/**
 * The labelled corpus: the JSONL format of `data/intent/*.jsonl` (one JSON object per line,
 * `{"text": "...", "label": "<intent type>", "lang": "en"|"es"}`), and corpus *sources*: groups of
 * utterances written in one voice (`src/core/intent/corpus/*.ts`), kept apart so that training can
 * weight them and the evaluation can hold whole voices out.
 */
import { AffinityError } from '../errors.ts';
import { INTENT_TYPES, isIntentType, type IntentLanguage, type IntentType, type LabeledUtterance } from './types.ts';

/** Utterances of one voice, by intent. */
export type CorpusBlock = Readonly<Record<IntentType, readonly string[]>>;

/** A group of utterances written in one voice (one register, one region, one way of asking). */
export interface CorpusSource {
  /** Stable name, e.g. `es-ar-voseo`; the evaluation's cross-voice folds are keyed by it. */
  readonly name: string;
  readonly lang: IntentLanguage;
  /**
   * Sources written from one template share a family (the four regional Spanish voices were written
   * side by side): the evaluation holds out a whole family at a time, so a near-twin voice never
   * stays in training while its sibling is tested.
   */
  readonly family: string;
  /** One line on who talks like this. */
  readonly voice: string;
  readonly lines: CorpusBlock;
}

/** A labelled utterance with the source it came from. */
export interface SourcedUtterance extends LabeledUtterance {
  readonly source: string;
  readonly family: string;
}

/** Flattens sources into labelled utterances (intent order, then the order written). */
export function sourceUtterances(sources: readonly CorpusSource[]): SourcedUtterance[] {
  const out: SourcedUtterance[] = [];
  for (const s of sources) {
    for (const label of INTENT_TYPES) for (const text of s.lines[label]) out.push({ text, label, lang: s.lang, source: s.name, family: s.family });
  }
  return out;
}

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
