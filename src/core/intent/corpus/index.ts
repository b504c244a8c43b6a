/**
 * The built-in training sources written in voices other than the original corpus
 * (`data/intent/train.jsonl`): careful questions, stories, fast phone typing, formal e-mail,
 * mid-conversation follow-ups, long explanation-seeking messages, Spanish table talk about brands,
 * the Spanish of Spain, Mexico, the River Plate and Colombia (one file each, and one mixing all four
 * in chat register), and in both languages chat-widget messages, long messages with the background
 * before the point, voice-assistant transcripts, questions under a marketplace listing and
 * slot-filled frames for the confusions the others leave, and group-chat messages passing on what
 * neighbours own and argue about, in regional English and the Spanish of Chile, Peru, Venezuela,
 * Uruguay, the Caribbean and Central America. Each is a separate file so the evaluation
 * can train on some voices and test on the others.
 */
import type { CorpusSource } from '../corpus.ts';
import { EN_CHAT_WIDGET } from './enChatWidget.ts';
import { EN_DECISION_POINTS, ES_DECISION_POINTS } from './decisionPoints.ts';
import { EN_EXPLAINERS } from './enExplainers.ts';
import { EN_LONG_MESSAGES } from './enLongMessages.ts';
import { EN_QUESTIONS } from './enQuestions.ts';
import { EN_STORIES } from './enStories.ts';
import { EN_TERSE } from './enTerse.ts';
import { ES_QUESTIONS } from './esQuestions.ts';
import { EN_FOLLOW_UPS, ES_FOLLOW_UPS } from './followUps.ts';
import { EN_FORMAL, ES_FORMAL } from './formal.ts';
import { ES_CHAT_WIDGET } from './esChatWidget.ts';
import { ES_CHATTER } from './esChatter.ts';
import { ES_LONG_MESSAGES } from './esLongMessages.ts';
import { ES_COLOMBIA } from './esColombia.ts';
import { ES_MEXICO } from './esMexico.ts';
import { ES_REGIONAL_CHAT } from './esRegionalChat.ts';
import { ES_RIOPLATENSE } from './esRioplatense.ts';
import { ES_SPAIN } from './esSpain.ts';
import { ES_STORIES } from './esStories.ts';
import { EN_MARKETPLACE, ES_MARKETPLACE } from './marketplaceQuestions.ts';
import { EN_NEIGHBOURHOOD_GROUP, ES_NEIGHBOURHOOD_GROUP } from './neighbourhoodGroup.ts';
import { EN_SLOTTED, ES_SLOTTED } from './slotted.ts';
import { EN_SPOKEN, ES_SPOKEN } from './spoken.ts';

/** Every built-in voice, English first. */
export const BUILT_IN_SOURCES: readonly CorpusSource[] = [
  EN_QUESTIONS,
  EN_STORIES,
  EN_TERSE,
  EN_FORMAL,
  EN_FOLLOW_UPS,
  EN_EXPLAINERS,
  EN_CHAT_WIDGET,
  EN_LONG_MESSAGES,
  EN_SPOKEN,
  EN_SLOTTED,
  EN_MARKETPLACE,
  EN_NEIGHBOURHOOD_GROUP,
  EN_DECISION_POINTS,
  ES_QUESTIONS,
  ES_FORMAL,
  ES_FOLLOW_UPS,
  ES_SPAIN,
  ES_MEXICO,
  ES_RIOPLATENSE,
  ES_COLOMBIA,
  ES_STORIES,
  ES_CHATTER,
  ES_CHAT_WIDGET,
  ES_REGIONAL_CHAT,
  ES_LONG_MESSAGES,
  ES_SPOKEN,
  ES_SLOTTED,
  ES_MARKETPLACE,
  ES_NEIGHBOURHOOD_GROUP,
  ES_DECISION_POINTS,
];
