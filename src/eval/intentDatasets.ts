/**
 * Loaders for the shared e-commerce intent datasets (HINT3 SOFMattress and Curekart, SIMMC 2.1 mini,
 * Bitext) and the documented mapping of their labels onto Affinity's four shopping intents.
 *
 * Two tiers: `core` labels ask about products or state a purchase (clearly one of our intents);
 * `presales` labels are pre-purchase policy questions (payment, delivery area, trial, warranty,
 * offers) that Affinity's definitions file under research. Everything else (post-purchase support,
 * contact requests, out-of-scope) is excluded. HINT3 LEAD_GEN ("Buy", "I want to place an order" but
 * also "Call me", "Connect to agent") is reported on its own as the brief's suggested mapping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { IntentType } from '../core/intent/types.ts';

/** Mapping tier of a source label. */
export type MappingTier = 'core' | 'presales' | 'contested';

/** One source label's mapping. */
export interface LabelMapping {
  readonly intent: IntentType;
  readonly tier: MappingTier;
}

/** A shared-dataset utterance with its source label and mapped intent. */
export interface SharedUtterance {
  readonly text: string;
  readonly source: string;
  readonly intent: IntentType;
  readonly tier: MappingTier;
}

/** A loaded dataset. */
export interface SharedDataset {
  readonly name: string;
  /** Language of every utterance (all shared sets are English). */
  readonly language: 'en' | 'es';
  readonly utterances: readonly SharedUtterance[];
  /** Rows whose label has no defensible mapping, by label. */
  readonly excluded: Readonly<Record<string, number>>;
}

const C = (intent: IntentType): LabelMapping => ({ intent, tier: 'core' });
const S = (intent: IntentType): LabelMapping => ({ intent, tier: 'presales' });

/** HINT3 SOFMattress (mattress store) label mapping. */
export const SOFMATTRESS_MAPPING: Readonly<Record<string, LabelMapping>> = {
  COMPARISON: C('comparison_shopping'),
  MATTRESS_COST: C('research'),
  WHAT_SIZE_TO_ORDER: C('research'),
  SIZE_CUSTOMIZATION: C('research'),
  ORTHO_FEATURES: C('research'),
  ERGO_FEATURES: C('research'),
  ABOUT_SOF_MATTRESS: C('research'),
  // "Show me products", "What are the product variants", "I want to check products": open exploration.
  PRODUCT_VARIANTS: C('browsing'),
  '100_NIGHT_TRIAL_OFFER': S('research'),
  WARRANTY: S('research'),
  EMI: S('research'),
  COD: S('research'),
  OFFERS: S('research'),
  CHECK_PINCODE: S('research'),
  DISTRIBUTORS: S('research'),
  LEAD_GEN: { intent: 'high_purchase_intent', tier: 'contested' },
};

/** HINT3 Curekart (health/wellness store) label mapping. */
export const CUREKART_MAPPING: Readonly<Record<string, LabelMapping>> = {
  RECOMMEND_PRODUCT: C('browsing'),
  ORDER_TAKING: C('high_purchase_intent'),
  ORIGINAL_PRODUCT: C('research'),
  SIDE_EFFECT: C('research'),
  CHECK_PINCODE: S('research'),
  MODES_OF_PAYMENTS: S('research'),
  INTERNATIONAL_SHIPPING: S('research'),
};

/** SIMMC 2.1 user dialogue acts. */
export const SIMMC_MAPPING: Readonly<Record<string, LabelMapping>> = {
  'REQUEST:GET': C('browsing'),
  'ASK:GET': C('research'),
  'REQUEST:COMPARE': C('comparison_shopping'),
  'REQUEST:ADD_TO_CART': C('high_purchase_intent'),
};

/** Bitext customer-support intents (generated text, not real users). */
export const BITEXT_MAPPING: Readonly<Record<string, LabelMapping>> = {
  place_order: C('high_purchase_intent'),
  check_payment_methods: S('research'),
  delivery_options: S('research'),
  check_refund_policy: S('research'),
  check_cancellation_fee: S('research'),
};

function mapRows(name: string, rows: readonly { text: string; label: string }[], mapping: Readonly<Record<string, LabelMapping>>): SharedDataset {
  const utterances: SharedUtterance[] = [];
  const excluded: Record<string, number> = {};
  for (const r of rows) {
    const label = r.label.trim();
    const m = mapping[label];
    const text = r.text.trim();
    if (!m || text === '') {
      excluded[label] = (excluded[label] ?? 0) + 1;
      continue;
    }
    utterances.push({ text, source: label, intent: m.intent, tier: m.tier });
  }
  return { name, language: 'en', utterances, excluded };
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true, relax_column_count: true }) as Record<string, string>[];
}

/** HINT3 split (`test` or `train`) of one bot from `<dir>/hint3-v2` (or v1). */
export function loadHint3(dir: string, bot: 'sofmattress' | 'curekart', split: 'test' | 'train', version: 'v1' | 'v2' = 'v2'): SharedDataset {
  const rows = readCsv(join(dir, `hint3-${version}`, `${bot}_${split}.csv`)).map((r) => ({ text: r.sentence ?? '', label: r.label ?? '' }));
  return mapRows(`hint3-${version}/${bot}_${split}`, rows, bot === 'sofmattress' ? SOFMATTRESS_MAPPING : CUREKART_MAPPING);
}

/** SIMMC 2.1 mini: every user turn with its dialogue act. */
export function loadSimmc(dir: string): SharedDataset {
  const json = JSON.parse(readFileSync(join(dir, 'simmc2.1-mini', 'simmc2.1_dials_dstc11_mini.json'), 'utf8')) as {
    dialogue_data: { dialogue: { transcript: string; transcript_annotated: { act: string } }[] }[];
  };
  const rows = json.dialogue_data.flatMap((d) => d.dialogue.map((t) => ({ text: t.transcript, label: t.transcript_annotated.act })));
  return mapRows('simmc2.1-mini', rows, SIMMC_MAPPING);
}

/** Bitext customer-support sample. */
export function loadBitext(dir: string): SharedDataset {
  const rows = readCsv(join(dir, 'bitext-customer-support', 'Bitext_Sample_Customer_Support_Training_Dataset.csv')).map((r) => ({
    text: r.instruction ?? '',
    label: r.intent ?? '',
  }));
  return mapRows('bitext-customer-support', rows, BITEXT_MAPPING);
}
