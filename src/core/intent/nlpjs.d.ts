/**
 * Minimal typings for the @nlpjs language packages (they ship none). Only what the intent layer uses.
 */
declare module '@nlpjs/lang-es' {
  export class StemmerEs {
    stemWord(word: string): string;
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  }
  export class StopwordsEs {
    isStopword(word: string): boolean;
  }
}
declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    stemWord(word: string): string;
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  }
  export class StopwordsEn {
    isStopword(word: string): boolean;
  }
  export function registerTrigrams(container: { get(name: string): unknown }): void;
}
declare module '@nlpjs/lang-es/src/trigrams.js' {
  function registerTrigrams(container: { get(name: string): unknown }): void;
  export default registerTrigrams;
}
