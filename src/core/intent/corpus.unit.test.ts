import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { parseCorpus, sourceUtterances } from './corpus.ts';
import { BUILT_IN_SOURCES } from './corpus/index.ts';
import { INTENT_TYPES } from './types.ts';

const read = (name: string): string => readFileSync(new URL(`../../../data/intent/${name}`, import.meta.url), 'utf8');

describe('parseCorpus', () => {
  it('parses lines, skipping blanks and comments', () => {
    const c = parseCorpus('{"text":"lo compro","label":"high_purchase_intent","lang":"es"}\n\n// note\n{"text":"vs","label":"comparison_shopping"}\n');
    assert.deepEqual(c, [
      { text: 'lo compro', label: 'high_purchase_intent', lang: 'es' },
      { text: 'vs', label: 'comparison_shopping' },
    ]);
  });
  it('rejects bad JSON and unknown labels with the line number', () => {
    for (const bad of ['{"text":"x"', '{"text":"x","label":"shopping"}', '{"text":"","label":"browsing"}']) {
      assert.throws(
        () => parseCorpus(`{"text":"ok","label":"browsing"}\n${bad}`),
        (e) => isAffinityError(e) && e.code === 'VALIDATION_FAILED' && /line 2/.test(e.message),
      );
    }
  });
});

describe('the repository corpus', () => {
  const train = parseCorpus(read('train.jsonl'));
  const heldout = parseCorpus(read('heldout.jsonl'));

  it('has several hundred training lines per language and every type in both', () => {
    for (const lang of ['en', 'es'] as const) {
      const sub = train.filter((u) => u.lang === lang);
      assert.ok(sub.length >= 400, `${lang}: ${sub.length}`);
      for (const t of INTENT_TYPES) assert.ok(sub.filter((u) => u.label === t).length >= 80, `${lang}/${t}`);
    }
  });

  it('has a held-out set of at least 200 lines covering every type in both languages', () => {
    assert.ok(heldout.length >= 200);
    for (const lang of ['en', 'es'] as const) for (const t of INTENT_TYPES) assert.ok(heldout.some((u) => u.lang === lang && u.label === t));
  });

  it('shares no utterance between training and held-out sets', () => {
    const seen = new Set(train.map((u) => u.text.trim().toLowerCase()));
    assert.deepEqual(heldout.filter((u) => seen.has(u.text.trim().toLowerCase())), []);
  });
});

describe('the built-in voices', () => {
  const train = parseCorpus(read('train.jsonl'));
  const fold = (t: string): string => t.trim().toLowerCase().replace(/\s+/g, ' ');

  it('are several named voices in both languages, each with every intent', () => {
    const names = BUILT_IN_SOURCES.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    for (const lang of ['en', 'es'] as const) assert.ok(BUILT_IN_SOURCES.filter((s) => s.lang === lang).length >= 4, lang);
    for (const s of BUILT_IN_SOURCES) {
      assert.ok(s.family.length > 0 && s.voice.length > 0, s.name);
      for (const t of INTENT_TYPES) assert.ok(s.lines[t].length >= 12, `${s.name}/${t}: ${s.lines[t].length}`);
    }
    // The regional Spanish voices: Spain, Mexico, the River Plate and Colombia.
    for (const n of ['es-es', 'es-mx', 'es-ar', 'es-co']) assert.ok(names.includes(n), n);
  });

  it('add hundreds of lines in new voices, none copied from the JSONL corpus', () => {
    const lines = sourceUtterances(BUILT_IN_SOURCES);
    assert.ok(lines.length >= 800, `${lines.length}`);
    const old = new Set(train.map((u) => fold(u.text)));
    assert.deepEqual(lines.filter((u) => old.has(fold(u.text))).map((u) => u.text), []);
  });

  it('flatten into labelled lines that keep their source and family', () => {
    const lines = sourceUtterances([
      { name: 'x', lang: 'es', family: 'f', voice: 'test', lines: { high_purchase_intent: ['lo compro'], comparison_shopping: [], browsing: ['a ver'], research: [] } },
    ]);
    assert.deepEqual(lines, [
      { text: 'lo compro', label: 'high_purchase_intent', lang: 'es', source: 'x', family: 'f' },
      { text: 'a ver', label: 'browsing', lang: 'es', source: 'x', family: 'f' },
    ]);
  });
});
