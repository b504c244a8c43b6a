/**
 * The intent classifier: detects the language, extracts entities, builds features and scores the four
 * shopping intents with a softmax model whose probabilities are temperature-calibrated on
 * out-of-fold predictions of the training corpus. Training is done once (`create`); `classify` is
 * synchronous and allocation-light.
 */
import { AffinityError } from '../errors.ts';
import { compileVocabulary, type CompiledVocabulary } from './catalogVocabulary.ts';
import { fitTemperature } from './calibration.ts';
import { extractEntities } from './entities.ts';
import { DEFAULT_FEATURE_OPTIONS, featurize, type FeatureOptions, type FeatureVector } from './features.ts';
import { detectLanguage } from './language.ts';
import { DEFAULT_SOFTMAX_OPTIONS, prng, softmax, SoftmaxModel, type Example, type SoftmaxOptions } from './softmax.ts';
import {
  INTENT_TYPES,
  type CatalogVocabulary,
  type ClassifyContext,
  type Intent,
  type IntentType,
  type LabeledUtterance,
} from './types.ts';

/** Training options (all optional). */
export interface TrainOptions {
  readonly softmax?: Partial<SoftmaxOptions>;
  readonly features?: Partial<FeatureOptions>;
  /** Folds used to fit the temperature (default 5); 0 or 1 skips calibration (T = 1). */
  readonly calibrationFolds?: number;
  /** Use this temperature instead of fitting one. */
  readonly temperature?: number;
}

/** Featurises one utterance the way both training and classification do. */
function vectorOf(text: string, fopts: FeatureOptions): FeatureVector {
  const lang = detectLanguage(text);
  return featurize(text, lang, extractEntities(text, lang), fopts);
}

/** Out-of-fold logits for every example (k-fold, deterministic split). */
export function outOfFoldLogits(
  examples: readonly Example[],
  folds: number,
  sopts: SoftmaxOptions,
): number[][] {
  const rand = prng(sopts.seed + 1);
  const fold = examples.map(() => Math.floor(rand() * folds));
  const out: number[][] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const model = SoftmaxModel.train(train, INTENT_TYPES.length, sopts);
    examples.forEach((e, i) => {
      if (fold[i] === f) out[i] = model.logits(e.x);
    });
  }
  return out;
}

/** English/Spanish shopping intent classifier. */
export class IntentClassifier {
  /** Softmax temperature applied to the logits (fitted on out-of-fold predictions). */
  readonly temperature: number;
  /** Number of training utterances. */
  readonly trainedOn: number;
  readonly #model: SoftmaxModel;
  readonly #fopts: FeatureOptions;
  readonly #vocab = new WeakMap<CatalogVocabulary, CompiledVocabulary>();

  private constructor(model: SoftmaxModel, temperature: number, trainedOn: number, fopts: FeatureOptions) {
    this.#model = model;
    this.temperature = temperature;
    this.trainedOn = trainedOn;
    this.#fopts = fopts;
  }

  /**
   * Trains a classifier on a labelled corpus (e.g. `parseCorpus` of `data/intent/train.jsonl`; the
   * app layer's `loadIntentClassifier` reads it). Async so callers can treat it as a load step.
   */
  static async create(corpus: readonly LabeledUtterance[], options: TrainOptions = {}): Promise<IntentClassifier> {
    return IntentClassifier.train(corpus, options);
  }

  /** Synchronous training (same as {@link create}). */
  static train(corpus: readonly LabeledUtterance[], options: TrainOptions = {}): IntentClassifier {
    const seen = new Set(corpus.map((u) => u.label));
    if (corpus.length === 0 || seen.size < 2) {
      throw new AffinityError('VALIDATION_FAILED', 'The intent corpus needs examples of at least two intent types.');
    }
    const fopts = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
    const sopts = { ...DEFAULT_SOFTMAX_OPTIONS, ...options.softmax };
    const examples: Example[] = corpus.map((u) => ({ x: vectorOf(u.text, fopts), y: INTENT_TYPES.indexOf(u.label) }));
    let temperature = options.temperature ?? 1;
    const folds = options.calibrationFolds ?? 5;
    if (options.temperature === undefined && folds >= 2 && corpus.length >= folds * 4) {
      const oof = outOfFoldLogits(examples, folds, sopts);
      temperature = fitTemperature(oof, examples.map((e) => e.y));
    }
    const model = SoftmaxModel.train(examples, INTENT_TYPES.length, sopts);
    return new IntentClassifier(model, temperature, corpus.length, fopts);
  }

  /** Classifies one utterance: intent, calibrated confidence, language and entities. */
  classify(text: string, ctx: ClassifyContext = {}): Intent {
    const language = detectLanguage(text);
    const plain = extractEntities(text, language, ctx.currencyHint ? { currencyHint: ctx.currencyHint } : {});
    const entities = ctx.taxonomy
      ? extractEntities(text, language, { vocabulary: this.#compiled(ctx.taxonomy), ...(ctx.currencyHint ? { currencyHint: ctx.currencyHint } : {}) })
      : plain;
    const probs = softmax(this.#model.logits(featurize(text, language, plain, this.#fopts)), this.temperature);
    let best = 0;
    for (let k = 1; k < probs.length; k++) if ((probs[k] as number) > (probs[best] as number)) best = k;
    const scores = {} as Record<IntentType, number>;
    INTENT_TYPES.forEach((t, k) => (scores[t] = probs[k] as number));
    return { type: INTENT_TYPES[best] as IntentType, confidence: probs[best] as number, language, entities, scores };
  }

  /** Strongest features of one intent (diagnostics for docs and tuning). */
  topFeatures(type: IntentType, n = 20): { feature: string; weight: number }[] {
    return this.#model.topFeatures(INTENT_TYPES.indexOf(type), n);
  }

  #compiled(v: CatalogVocabulary): CompiledVocabulary {
    let c = this.#vocab.get(v);
    if (!c) {
      c = compileVocabulary(v);
      this.#vocab.set(v, c);
    }
    return c;
  }
}
