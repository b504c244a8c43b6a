/**
 * A conversation passed whole in one text. Agents often send the transcript so far instead of the
 * shopper's last message ("User: a gold necklace for my mum, under 50\nAssistant: Here are some gold
 * necklaces: Pretty Gold Necklace, …\nUser: actually she prefers silver"). Read as one message, the
 * assistant's words (the product titles it listed, the colours it offered) would count as the
 * shopper's, and an earlier wish ("gold") would sit next to the one that replaced it ("silver").
 *
 * This module recognises the common transcript shapes and gives back the shopper's turns, in order,
 * so the caller reads them as successive turns of the conversation (the latest deciding, earlier
 * ones merged the way separate turns merge: personalize/sessionContext.ts). A speaker label opens a
 * line (`User:`, `Human:`, `Customer:`, `Shopper:`, `Cliente:`, `Usuario:` for the shopper;
 * `Assistant:`, `AI:`, `Agent:`, `Bot:`, `System:`, `Asistente:`, `Vendedor:` for the other side),
 * in any case, optionally as a list item (`- user:`), in markdown bold (`**User:**`, `**User**:`),
 * bracketed (`[User]:`) or alone on its line (`**User**`, the message on the next lines); once a text
 * opens with a label, a label after the end of a sentence on the same line opens a turn too ("User:
 * gold, under 50. Assistant: here you are. User: silver instead"). Lines without a label continue the
 * turn before them; lines before the first label are the shopper's (a text without labels is all
 * the shopper's, as before), except a heading ending with a colon ("Conversation so far:").
 *
 * A text where no line opens with the shopper's label is not a transcript: it is read as it is. Pure.
 */

import { fold } from './text.ts';
import { recentMemo, RECENT_MESSAGES } from '../boundedMemo.ts';

/** Who said a turn of a transcript. */
export type Speaker = 'shopper' | 'assistant';

/** One turn of a transcript. */
export interface TranscriptTurn {
  readonly speaker: Speaker;
  readonly text: string;
}

/** Labels of the shopper's side, folded to lower case. */
/**
 * The longest conversation a request may carry as `text` (characters), on every transport: REST
 * `POST /v1/recommendations` and the MCP tools alike (an agent sends the conversation so far).
 */
export const MAX_CONVERSATION_CHARS = 8000;

const SHOPPER = ['user', 'human', 'customer', 'shopper', 'client', 'buyer', 'me', 'cliente', 'clienta', 'usuario', 'usuaria', 'comprador', 'compradora', 'humano'];
/** Labels of the other side: the agent, the shop, the system prompt. */
/**
 * Not among them: words a shopper's own message puts before a colon as a form's field ("Modelo: la de
 * cuero", "Store: downtown, I'll pick it up", "Shop:", "Support:").
 */
const ASSISTANT = ['assistant', 'ai', 'agent', 'bot', 'chatbot', 'system', 'seller', 'sales assistant', 'shopping assistant', 'asistente', 'agente', 'vendedor', 'vendedora', 'sistema', 'ia'];

const LABEL = [...SHOPPER, ...ASSISTANT].sort((a, b) => b.length - a.length).map((l) => l.replace(/ /g, '\\s+')).join('|');
/** Markdown emphasis around a label: `**`, `__`, `*`, `_`. */
const EM = String.raw`(?:\*\*|__|\*|_)?`;
/** A label opening a line: optional list mark or heading, emphasis, brackets; then a colon, or nothing else on the line. */
const LINE_LABEL = new RegExp(String.raw`^[ \t]*(?:[-*•>][ \t]*|#{1,6}[ \t]*)?${EM}[\[(]?(${LABEL})[\])]?${EM}[ \t]*(?::${EM}[ \t]*|$)`, 'iu');
/** A label after the end of a sentence on the same line (only in a text that opens with a label). */
const INLINE_LABEL = new RegExp(String.raw`(?<=[.!?…"')\]][ \t]+|\|[ \t]*)${EM}[\[(]?(${LABEL})[\])]?${EM}[ \t]*:${EM}[ \t]*`, 'giu');

const SHOPPER_SET = new Set(SHOPPER);

function speakerOf(label: string): Speaker {
  return SHOPPER_SET.has(label.toLowerCase()) ? 'shopper' : 'assistant';
}

/** A line of preamble that only announces what follows ("Conversation so far:", "Chat history:"). */
function isHeading(line: string): boolean {
  return /:\s*$/u.test(line) && line.trim().split(/\s+/u).length <= 6;
}

/**
 * The turns of a transcript, in order, or `undefined` when the text is not one (no line opens with a
 * speaker label). Empty turns are dropped.
 */
export function transcriptTurns(text: string): TranscriptTurn[] | undefined {
  const lines = text.split(/\r\n|\r|\n/u);
  // A transcript names the shopper's side somewhere ("User:", "Cliente:"); a message whose only label
  // is the other side's is the shopper's own words (a pasted answer, a note), read as they are.
  if (!lines.some((l) => speakerOf(LINE_LABEL.exec(l)?.[1] ?? '') === 'shopper' && LINE_LABEL.test(l))) return undefined;
  const turns: { speaker: Speaker; parts: string[] }[] = [];
  let current: { speaker: Speaker; parts: string[] } | undefined;
  for (const line of lines) {
    const m = LINE_LABEL.exec(line);
    if (m) {
      current = { speaker: speakerOf(m[1] as string), parts: [] };
      turns.push(current);
      splitInline(line.slice(m[0].length), current, turns, (t) => (current = t));
      continue;
    }
    if (!current) {
      // Before the first label: the shopper's words, unless only a heading.
      if (line.trim() === '' || isHeading(line)) continue;
      current = { speaker: 'shopper', parts: [] };
      turns.push(current);
    }
    current.parts.push(line);
  }
  return turns.map((t) => ({ speaker: t.speaker, text: t.parts.join('\n').trim() })).filter((t) => t.text !== '');
}

/** Splits a labelled line's rest at labels that follow the end of a sentence. */
function splitInline(
  rest: string,
  first: { speaker: Speaker; parts: string[] },
  turns: { speaker: Speaker; parts: string[] }[],
  setCurrent: (t: { speaker: Speaker; parts: string[] }) => void,
): void {
  let turn = first;
  let from = 0;
  for (const m of rest.matchAll(INLINE_LABEL)) {
    turn.parts.push(rest.slice(from, m.index));
    turn = { speaker: speakerOf(m[1] as string), parts: [] };
    turns.push(turn);
    from = (m.index ?? 0) + m[0].length;
  }
  turn.parts.push(rest.slice(from));
  setCurrent(turn);
}

/**
 * The shopper's turns of a transcript, in order (none when only the other side spoke), or
 * `undefined` when the text is not a transcript ({@link transcriptTurns}): then it is the shopper's
 * message as it is.
 */
export function shopperTurns(text: string): string[] | undefined {
  return transcriptTurns(text)
    ?.filter((t) => t.speaker === 'shopper')
    .map((t) => t.text);
}

/** What the shopper said: a transcript's shopper turns, one per line, else the text as it is. */
export function shopperText(text: string): string {
  return shopperTurns(text)?.join('\n') ?? text;
}

/**
 * A short fingerprint of one message of the shopper's (folded, spacing and closing punctuation
 * ignored): how a conversation tells a message it already merged when an agent sends the transcript
 * again (personalize/sessionContext.ts `heard`). Not the words: a 32-bit FNV-1a hash.
 */
export const turnKey: (text: string) => string = recentMemo(turnKeyNow, RECENT_MESSAGES);

function turnKeyNow(text: string): string {
  const t = fold(text.normalize('NFC')).replace(/\s+/gu, ' ').replace(/[\s.!?…]+$/u, '').trim();
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) {
    h ^= t.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
