/**
 * The built-in training sources written in voices other than the original corpus
 * (`data/intent/train.jsonl`): careful questions, stories, fast phone typing, formal e-mail,
 * mid-conversation follow-ups, long explanation-seeking messages, Spanish table talk about brands,
 * and the Spanish of Spain, Mexico, the River Plate and Colombia. Each
 * is a separate file so the evaluation can train on some voices and test on the others.
 */
import type { CorpusSource } from '../corpus.ts';
import { EN_EXPLAINERS } from './enExplainers.ts';
import { EN_QUESTIONS } from './enQuestions.ts';
import { EN_STORIES } from './enStories.ts';
import { EN_TERSE } from './enTerse.ts';
import { ES_QUESTIONS } from './esQuestions.ts';
import { EN_FOLLOW_UPS, ES_FOLLOW_UPS } from './followUps.ts';
import { EN_FORMAL, ES_FORMAL } from './formal.ts';
import { ES_CHATTER } from './esChatter.ts';
import { ES_COLOMBIA } from './esColombia.ts';
import { ES_MEXICO } from './esMexico.ts';
import { ES_RIOPLATENSE } from './esRioplatense.ts';
import { ES_SPAIN } from './esSpain.ts';
import { ES_STORIES } from './esStories.ts';

/** Every built-in voice, English first. */
export const BUILT_IN_SOURCES: readonly CorpusSource[] = [
  EN_QUESTIONS,
  EN_STORIES,
  EN_TERSE,
  EN_FORMAL,
  EN_FOLLOW_UPS,
  EN_EXPLAINERS,
  ES_QUESTIONS,
  ES_FORMAL,
  ES_FOLLOW_UPS,
  ES_SPAIN,
  ES_MEXICO,
  ES_RIOPLATENSE,
  ES_COLOMBIA,
  ES_STORIES,
  ES_CHATTER,
];
