/**
 * The temporal context of a request — season in the market's hemisphere and the market's holidays
 * close to `now` — and how well a product fits it (season words in its text, gift suitability before
 * gifting holidays, holiday themes, sale items before Black Friday, recency from `createdAt`).
 *
 * Dates are computed in UTC from `now` (a day's error around midnight is irrelevant at this scale).
 * Movable holidays are computed (Easter by the Gregorian computus, "n-th Sunday of May" by calendar
 * arithmetic); back-to-school dates are typical starts, not official calendars.
 */
import type { Product } from '../catalog/product.ts';
import { phrase, productText, type ProductText } from './productText.ts';
import { heldSet } from '../sharedEmpty.ts';
import { fold } from '../intent/text.ts';

/** Meteorological season. */
export type Season = 'winter' | 'spring' | 'summer' | 'autumn';

/** Hemisphere of a market. */
export type Hemisphere = 'north' | 'south';

/** Holidays Affinity knows. */
export type HolidayName =
  | 'christmas'
  | 'new_year'
  | 'valentines'
  | 'mothers_day'
  | 'fathers_day'
  | 'black_friday'
  | 'cyber_monday'
  | 'halloween'
  | 'dia_de_muertos'
  | 'reyes'
  | 'back_to_school';

/** A holiday within its lead window. */
export interface UpcomingHoliday {
  readonly name: HolidayName;
  /** Whole days from today to the holiday (0 on the day, -1 the day after). */
  readonly daysUntil: number;
}

/** Season and holidays of a market at a moment. */
export interface TemporalContext {
  readonly season: Season;
  readonly hemisphere: Hemisphere;
  /** Nearest first. */
  readonly holidays: readonly UpcomingHoliday[];
}

const DAY = 86_400_000;

/** Markets in the southern hemisphere (ISO 3166 alpha-2); everything else is northern. */
const SOUTHERN = new Set([
  'AU', 'NZ', 'AR', 'CL', 'ZA', 'BR', 'UY', 'PY', 'BO', 'PE', 'NA', 'BW', 'LS', 'SZ', 'MZ', 'MG', 'ZW', 'ZM', 'MW', 'AO',
  'FJ', 'PG', 'MU', 'RE', 'NC', 'PF', 'WS', 'TO', 'FK',
]);

/** Hemisphere of a market (northern when unknown). */
export function hemisphereOf(country: string | undefined): Hemisphere {
  return country && SOUTHERN.has(country.toUpperCase()) ? 'south' : 'north';
}

const NORTH: readonly Season[] = ['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'];
const OPPOSITE: Readonly<Record<Season, Season>> = { winter: 'summer', summer: 'winter', spring: 'autumn', autumn: 'spring' };

/** Meteorological season of a month (0 = January) in a hemisphere; the south is six months apart. */
export function seasonOf(month: number, hemisphere: Hemisphere): Season {
  const s = NORTH[((month % 12) + 12) % 12] as Season;
  return hemisphere === 'north' ? s : OPPOSITE[s];
}

/** Easter Sunday (Gregorian, anonymous computus), UTC midnight ms. */
export function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** The n-th (1-based) given weekday (0 = Sunday) of a month; n = -1 for the last one. UTC ms. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n < 0) {
    const last = Date.UTC(year, month + 1, 0);
    const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
    return last - back * DAY;
  }
  const first = Date.UTC(year, month, 1);
  const ahead = (weekday - new Date(first).getUTCDay() + 7) % 7;
  return first + (ahead + 7 * (n - 1)) * DAY;
}

/**
 * Mother's Day in a market (UTC ms): US and most markets the 2nd Sunday of May; UK/IE Mothering Sunday
 * (three weeks before Easter); MX and Central America 10 May; ES/PT the 1st Sunday of May; FR the last
 * Sunday of May; AR the 3rd Sunday of October.
 */
export function mothersDay(year: number, country: string | undefined): number {
  switch ((country ?? '').toUpperCase()) {
    case 'GB':
    case 'UK':
    case 'IE':
      return easter(year) - 21 * DAY;
    case 'MX':
    case 'GT':
    case 'SV':
    case 'HN':
      return Date.UTC(year, 4, 10);
    case 'ES':
    case 'PT':
      return nthWeekday(year, 4, 0, 1);
    case 'FR':
      return nthWeekday(year, 4, 0, -1);
    case 'AR':
      return nthWeekday(year, 9, 0, 3);
    default:
      return nthWeekday(year, 4, 0, 2);
  }
}

/**
 * Father's Day (UTC ms): 3rd Sunday of June in most markets; 19 March in ES/IT/PT; 1st Sunday of
 * September in AU/NZ; Ascension Day in DE; 2nd Sunday of August in BR.
 */
export function fathersDay(year: number, country: string | undefined): number {
  switch ((country ?? '').toUpperCase()) {
    case 'ES':
    case 'IT':
    case 'PT':
      return Date.UTC(year, 2, 19);
    case 'AU':
    case 'NZ':
      return nthWeekday(year, 8, 0, 1);
    case 'DE':
      return easter(year) + 39 * DAY;
    case 'BR':
      return nthWeekday(year, 7, 0, 2);
    default:
      return nthWeekday(year, 5, 0, 3);
  }
}

/** Typical first day of school (UTC ms). */
function backToSchool(year: number, country: string): number {
  switch (country) {
    case 'US':
    case 'CA':
      return Date.UTC(year, 7, 20);
    case 'MX':
      return nthWeekday(year, 7, 1, -1);
    case 'GB':
    case 'UK':
    case 'IE':
    case 'FR':
    case 'DE':
    case 'IT':
      return Date.UTC(year, 8, 3);
    case 'ES':
    case 'PT':
      return Date.UTC(year, 8, 9);
    case 'AU':
    case 'NZ':
      return Date.UTC(year, 0, 29);
    case 'BR':
      return Date.UTC(year, 1, 3);
    case 'AR':
    case 'CL':
    case 'UY':
    case 'PY':
      return Date.UTC(year, 2, 1);
    default:
      return Date.UTC(year, 8, 1);
  }
}

/** Black Friday: the day after the 4th Thursday of November. */
function blackFriday(year: number): number {
  return nthWeekday(year, 10, 4, 4) + DAY;
}

/** A holiday definition: its date in a year and market (undefined: not observed there) and lead window. */
interface HolidayDef {
  readonly name: HolidayName;
  /** Days before the holiday when it starts to shape recommendations. */
  readonly leadDays: number;
  /** People buy presents for it. */
  readonly gifting: boolean;
  date(year: number, country: string): number | undefined;
}

const ANY = (m: number, d: number) => (year: number): number => Date.UTC(year, m, d);
const ONLY = (countries: readonly string[], f: (year: number, country: string) => number) =>
  (year: number, country: string): number | undefined => (countries.includes(country) ? f(year, country) : undefined);

/** The holiday table. Countries not listed observe the default date where one exists. */
export const HOLIDAYS: readonly HolidayDef[] = [
  { name: 'christmas', leadDays: 45, gifting: true, date: ANY(11, 25) },
  { name: 'new_year', leadDays: 10, gifting: false, date: ANY(0, 1) },
  { name: 'reyes', leadDays: 14, gifting: true, date: ONLY(['ES', 'MX', 'AR', 'CO', 'PR', 'UY', 'PY', 'VE', 'DO'], (y) => Date.UTC(y, 0, 6)) },
  { name: 'valentines', leadDays: 21, gifting: true, date: (y, c) => (c === 'BR' ? Date.UTC(y, 5, 12) : Date.UTC(y, 1, 14)) },
  { name: 'mothers_day', leadDays: 21, gifting: true, date: (y, c) => mothersDay(y, c) },
  { name: 'fathers_day', leadDays: 21, gifting: true, date: (y, c) => fathersDay(y, c) },
  { name: 'back_to_school', leadDays: 30, gifting: false, date: (y, c) => backToSchool(y, c) },
  { name: 'halloween', leadDays: 30, gifting: false, date: ONLY(['US', 'CA', 'GB', 'UK', 'IE', 'AU', 'NZ', 'MX'], (y) => Date.UTC(y, 9, 31)) },
  { name: 'dia_de_muertos', leadDays: 21, gifting: false, date: ONLY(['MX'], (y) => Date.UTC(y, 10, 2)) },
  { name: 'black_friday', leadDays: 14, gifting: false, date: (y) => blackFriday(y) },
  { name: 'cyber_monday', leadDays: 14, gifting: false, date: (y) => blackFriday(y) + 3 * DAY },
];

const BY_NAME = new Map(HOLIDAYS.map((h) => [h.name, h]));

/** Whether people buy presents for a holiday. */
export function isGiftingHoliday(name: HolidayName): boolean {
  return BY_NAME.get(name)?.gifting === true;
}

/** Lead window of a holiday, days. */
export function leadDaysOf(name: HolidayName): number {
  return BY_NAME.get(name)?.leadDays ?? 0;
}

/** Holidays of the market from the day after to `leadDays` before, nearest first. */
export function holidaysNear(now: number, country: string | undefined): UpcomingHoliday[] {
  const c = (country ?? '').toUpperCase();
  const today = Math.floor(now / DAY) * DAY;
  const year = new Date(today).getUTCFullYear();
  const out: UpcomingHoliday[] = [];
  for (const h of HOLIDAYS) {
    let best: number | undefined;
    for (const y of [year - 1, year, year + 1]) {
      const d = h.date(y, c);
      if (d === undefined) continue;
      const days = Math.round((d - today) / DAY);
      if (days >= -1 && days <= h.leadDays && (best === undefined || Math.abs(days) < Math.abs(best))) best = days;
    }
    if (best !== undefined) out.push({ name: h.name, daysUntil: best });
  }
  return out.sort((a, b) => a.daysUntil - b.daysUntil || (a.name < b.name ? -1 : 1));
}

/**
 * Season, hemisphere and nearby holidays of a market (ISO 3166 country; northern, no country-only
 * holidays when unknown). They change once a day: the answer is worked out once per (country, UTC
 * day) and shared (frozen).
 */
export function temporalContext(now: number, country?: string): TemporalContext {
  const c = (country ?? '').toUpperCase();
  const day = Math.floor(now / DAY);
  const k = `${c}\u0000${day}`;
  const hit = temporalCache.get(k);
  if (hit) return hit;
  const hemisphere = hemisphereOf(c);
  const holidays = Object.freeze(holidaysNear(now, c).map((h) => Object.freeze(h)));
  const ctx: TemporalContext = Object.freeze({ season: seasonOf(new Date(now).getUTCMonth(), hemisphere), hemisphere, holidays });
  if (temporalCache.size >= MAX_TEMPORAL) temporalCache.delete(temporalCache.keys().next().value as string);
  temporalCache.set(k, ctx);
  return ctx;
}

/**
 * The season a shopper's words name for the products ("algo fresquito para el verano", "a coat for
 * winter", "this fall"): the products' season then, whatever the calendar says (a December request
 * "for the summer" is for a trip, or for the southern summer). The first named; `undefined` when none.
 * "Fall" only where it is the season ("for (the) fall", "this fall", "fall/winter").
 */
export function seasonNamed(text: string): Season | undefined {
  const m = SEASON_NAMED.exec(fold(text));
  if (!m) return undefined;
  const w = m[1] ?? m[2] ?? '';
  return /^(?:summer|verano|veranieg)/.test(w) ? 'summer' : /^(?:winter|invierno|invernal)/.test(w) ? 'winter' : /^(?:spring|primavera|primaveral)/.test(w) ? 'spring' : 'autumn';
}
const SEASON_NAMED =
  /(?<![\p{L}])(summer(?:time|y)?|verano|veranieg[oa]s?|winter(?:time|y)?|invierno|invernal(?:es)?|spring(?:time)?|primavera|primaveral(?:es)?|autumn(?:al)?|otono|otonal(?:es)?)(?![\p{L}])|(?:for\s+(?:the\s+)?|this\s+|next\s+)(fall)(?![\p{L}])/u;

/** The context with the season the shopper named ({@link seasonNamed}); the same object for the same pair. */
export function withSeason(ctx: TemporalContext, season: Season): TemporalContext {
  if (ctx.season === season) return ctx;
  let bySeason = RESEASONED.get(ctx);
  if (!bySeason) RESEASONED.set(ctx, (bySeason = new Map()));
  let out = bySeason.get(season);
  if (!out) bySeason.set(season, (out = Object.freeze({ ...ctx, season })));
  return out;
}
const RESEASONED = new WeakMap<TemporalContext, Map<Season, TemporalContext>>();

/** Contexts kept: a few markets for today (and yesterday's, until they age out). */
const MAX_TEMPORAL = 512;
const temporalCache = new Map<string, TemporalContext>();

// ---------------------------------------------------------------------------------------------
// Product fit

/** Season words (EN and ES) → the seasons they belong to. */
const SEASON_WORDS: Readonly<Record<string, readonly Season[]>> = {};
function words(seasons: readonly Season[], list: string): void {
  for (const w of list.split(',')) (SEASON_WORDS as Record<string, readonly Season[]>)[phrase(w)] = seasons;
}
words(['winter'], 'winter,snow,ski,thermal,insulated,puffer,parka,beanie,mitten,glove,scarf,cashmere,hot water bottle,down jacket,down quilt,down parka,goose down,4-season,invierno,nieve,esqui,termico,termica,plumon,bufanda,guante,gorro,cachemira,polar');
words(['autumn', 'winter'], 'wool,woollen,woolen,merino,fleece,flannel,knit,knitwear,sweater,cardigan,turtleneck,coat,chunky,cable-knit,lana,abrigo,jersey,sueter,franela,punto');
words(['autumn'], 'autumn,harvest,corduroy,otono,pana,cosecha');
words(['spring'], 'spring,floral,blossom,garden,primavera,flor,floreado,jardin');
words(['spring', 'autumn'], 'rain,raincoat,rain jacket,trench,impermeable,lluvia,gabardina');
words(['spring', 'summer'], 'linen,lino,lightweight,breathable,transpirable');
words(['summer'], 'summer,beach,swim,swimsuit,swimwear,bikini,sandal,flip flop,shorts,sleeveless,sunglasses,sunscreen,spf,tank,picnic,pool,straw,verano,playa,banador,bikini,sandalia,chancla,gafas de sol,protector solar,piscina,sin manga');
const SEASON_KEYS = Object.entries(SEASON_WORDS);

/** Holiday theme words (EN and ES). */
const HOLIDAY_WORDS: Readonly<Partial<Record<HolidayName, readonly string[]>>> = Object.fromEntries(
  Object.entries({
    christmas: 'christmas,xmas,santa,reindeer,advent,nativity,snowman,bauble,stocking,navidad,navideno,navidena,papa noel,reno,belen,nochebuena',
    new_year: 'new year,party,sparkle,sequin,ano nuevo,nochevieja,fiesta,lentejuela',
    valentines: 'valentine,heart,love,romantic,san valentin,corazon,amor,romantico',
    mothers_day: 'mom,mum,mother,mama,madre,mami',
    fathers_day: 'dad,father,papa,padre',
    halloween: 'halloween,pumpkin,spooky,witch,ghost,skeleton,calabaza,bruja,fantasma,esqueleto',
    dia_de_muertos: 'muerto,catrina,calavera,cempasuchil,ofrenda,sugar skull',
    reyes: 'reyes,three king,reyes mago',
    back_to_school: 'school,backpack,lunch box,pencil,notebook,stationery,escolar,mochila,estuche,lapiz,cuaderno,papeleria',
  }).map(([k, v]) => [k, v.split(',').map(phrase)]),
);

/** Words that make a product a likely present. */
const GIFT_WORDS = 'gift,gift idea,gift set,gift card,regalo,jewelry,jewellery,necklace,ring,earring,bracelet,pendant,watch,fragrance,perfume,cologne,candle,chocolate,wine,flower,toy,joya,joyeria,collar,anillo,pendiente,arete,pulsera,reloj,perfume,fragancia,vela,juguete'
  .split(',')
  .map(phrase);

const FIT_FIELDS = ['title', 'productType', 'category', 'tags'] as const;

function firstHit(t: ProductText, keys: readonly string[]): string | undefined {
  for (const k of keys) for (const f of FIT_FIELDS) if (t.fields[f].includes(` ${k} `)) return k;
  return undefined;
}

/** Whether a product reads like a present (gift tags, jewellery, fragrance, candles, …). */
export function isGiftable(p: Product): boolean {
  return signalsOf(p).giftable;
}

/** The word that makes a product read like a present ("candle", "necklace", "gift") and the field saying it; undefined when none does. */
export function giftWordOf(p: Product): { readonly word: string; readonly field: (typeof FIT_FIELDS)[number] } | undefined {
  const t = productText(p);
  for (const f of FIT_FIELDS) for (const k of GIFT_WORDS) if (t.fields[f].includes(` ${k} `)) return { word: k, field: f };
  return undefined;
}

/** How a product fits the temporal context. */
export interface ContextFit {
  /** +1 in season, -1 only for the opposite season, 0 neutral (0.5 when it names both). */
  readonly season: number;
  readonly seasonTerm?: string;
  /** Strongest holiday signal in [0, 1] (theme words, gift suitability, sale before Black Friday). */
  readonly holiday: number;
  readonly holidayName?: HolidayName;
  /** What the holiday signal came from. */
  readonly holidayWhy?: 'theme' | 'gift' | 'sale';
  /** 1 for a product created today, halving every `recencyHalfLifeDays`; 0 without `createdAt`. */
  readonly recency: number;
  readonly ageDays?: number;
}

/** Options of {@link contextFit}. */
export interface ContextFitOptions {
  /** The shopper asked for a present: gift suitability counts even without a gifting holiday. */
  readonly gift?: boolean;
  readonly recencyHalfLifeDays?: number;
}

/** Closeness of a holiday in [0, 1]: 1 on the day, falling linearly to 0 at the start of the lead window. */
function closeness(h: UpcomingHoliday): number {
  const lead = leadDaysOf(h.name);
  return lead <= 0 ? 0 : Math.max(0, Math.min(1, 1 - Math.max(0, h.daysUntil) / (lead + 1)));
}

/** What a product says, independent of the date and market (computed once per product). */
interface TextSignals {
  /** Season words the product matches, in `SEASON_KEYS` order. */
  readonly seasonHits: readonly (readonly [string, readonly Season[]])[];
  readonly giftable: boolean;
  /** Holidays whose theme words the product matches. */
  readonly themes: ReadonlySet<HolidayName>;
  /** An available variant is marked down (compare-at price above the price). */
  readonly onSale: boolean;
  /** `createdAt` in ms (NaN without a readable one). */
  readonly created: number;
}

const signalsCache = new WeakMap<Product, TextSignals>();

/** The product's text signals, memoised per product object (catalog products are immutable). */
function signalsOf(p: Product): TextSignals {
  let sig = signalsCache.get(p);
  if (sig) return sig;
  const t = productText(p);
  const seasonHits = SEASON_KEYS.filter(([k]) => FIT_FIELDS.some((f) => t.fields[f].includes(` ${k} `)));
  const themes = new Set<HolidayName>();
  for (const [name, words] of Object.entries(HOLIDAY_WORDS)) if (words && firstHit(t, words) !== undefined) themes.add(name as HolidayName);
  sig = {
    seasonHits,
    giftable: firstHit(t, GIFT_WORDS) !== undefined,
    themes: heldSet(themes),
    onSale: p.variants.some((v) => v.available && v.compareAtPrice !== undefined && v.compareAtPrice.amount > v.price.amount),
    created: p.createdAt ? Date.parse(p.createdAt) : Number.NaN,
  };
  signalsCache.set(p, sig);
  return sig;
}

/** Works out what {@link contextFit} reads of a product once (a catalog load calls it ahead of requests). */
export function contextSignals(p: Product): void {
  signalsOf(p);
}

/** The values of a {@link ContextFit}, every field present (absent ones `undefined`): what {@link contextFitInto} writes. */
export interface ContextFitValues {
  season: number;
  seasonTerm: string | undefined;
  holiday: number;
  holidayName: HolidayName | undefined;
  holidayWhy: ContextFit['holidayWhy'];
  recency: number;
  ageDays: number | undefined;
}

/** A holiday of a context with what scoring reads of it, worked out once per context. */
interface NearHoliday {
  readonly name: HolidayName;
  readonly closeness: number;
  readonly gifting: boolean;
  readonly sale: boolean;
}

const nearCache = new WeakMap<TemporalContext, readonly NearHoliday[]>();

function nearHolidays(ctx: TemporalContext): readonly NearHoliday[] {
  let near = nearCache.get(ctx);
  if (!near) {
    near = ctx.holidays.map((h) => ({ name: h.name, closeness: closeness(h), gifting: isGiftingHoliday(h.name), sale: h.name === 'black_friday' || h.name === 'cyber_monday' }));
    nearCache.set(ctx, near);
  }
  return near;
}

/** What of a product's fit depends on the context but not on the moment: season and holidays (and `createdAt`). */
interface SeasonFit {
  readonly season: number;
  readonly seasonTerm: string | undefined;
  readonly holiday: number;
  readonly holidayName: HolidayName | undefined;
  readonly holidayWhy: ContextFit['holidayWhy'];
  /** `createdAt` in ms (NaN without a readable one). */
  readonly created: number;
}

/** Per context (one per market and day, see {@link temporalContext}), the season fits of products without and with a stated gift. */
const seasonFits = new WeakMap<TemporalContext, readonly [WeakMap<Product, SeasonFit>, WeakMap<Product, SeasonFit>]>();

/** The table of `byContext` for a context and gift (made on first use). */
function giftTable<K extends object, V>(byContext: WeakMap<TemporalContext, readonly [WeakMap<K, V>, WeakMap<K, V>]>, ctx: TemporalContext, gift: boolean): WeakMap<K, V> {
  let tables = byContext.get(ctx);
  if (!tables) {
    tables = [new WeakMap(), new WeakMap()];
    byContext.set(ctx, tables);
  }
  return tables[gift ? 1 : 0];
}

function seasonFitOf(p: Product, ctx: TemporalContext, gift: boolean): SeasonFit {
  const table = giftTable(seasonFits, ctx, gift);
  let f = table.get(p);
  if (f) return f;
  const sig = signalsOf(p);
  let cur: string | undefined;
  let opp: string | undefined;
  const opposite = OPPOSITE[ctx.season];
  for (const [k, seasons] of sig.seasonHits) {
    if (cur !== undefined) break;
    if (seasons.includes(ctx.season)) cur = k;
    else if (seasons.includes(opposite)) opp ??= k;
  }
  let holiday = 0;
  let holidayName: HolidayName | undefined;
  let holidayWhy: ContextFit['holidayWhy'];
  const giftable = sig.giftable;
  const onSale = sig.onSale;
  // The strongest signal wins (strictly stronger: the first of equals stays).
  for (const h of nearHolidays(ctx)) {
    const c = h.closeness;
    if (sig.themes.has(h.name) && c > holiday) {
      holiday = c;
      holidayName = h.name;
      holidayWhy = 'theme';
    }
    if (giftable && h.gifting && 0.7 * c > holiday) {
      holiday = 0.7 * c;
      holidayName = h.name;
      holidayWhy = 'gift';
    }
    if (onSale && h.sale && 0.7 * c > holiday) {
      holiday = 0.7 * c;
      holidayName = h.name;
      holidayWhy = 'sale';
    }
  }
  if (gift && giftable && 0.7 > holiday) {
    holiday = 0.7;
    holidayName = undefined;
    holidayWhy = 'gift';
  }
  f = {
    season: cur !== undefined ? (opp !== undefined ? 0.5 : 1) : opp !== undefined ? -1 : 0,
    seasonTerm: cur ?? opp ? ((cur ?? opp) as string) : undefined,
    holiday,
    holidayName,
    holidayWhy,
    created: sig.created,
  };
  table.set(p, f);
  return f;
}

/**
 * {@link contextFit} into a caller's object (no allocation per product: the personalization layer
 * scores a few hundred candidates per request). The season and holiday part is worked out once per
 * product and context (a context serves a market for a day); recency, from `now`, every time. The one
 * implementation: `contextFit` calls it.
 */
export function contextFitInto(out: ContextFitValues, p: Product, ctx: TemporalContext, now: number, gift: boolean, recencyHalfLifeDays = 60): void {
  fitInto(out, seasonFitOf(p, ctx, gift), now, recencyHalfLifeDays);
}

/**
 * The season fits of one catalog's products by position (`products`: the array a catalog version
 * keeps, see `PersonalizeCatalog.all`), for one context and gift: {@link contextFitInto} for the product
 * at a position, its season fit read from an array rather than looked up by product object (the
 * personalization layer asks it of every candidate, whose positions it already has). One array slot
 * per product: 80 KB for 10,000 products per context and gift, a context serving a market for a day
 * (a shop's catalog itself holds about 10 KB per product: docs/benchmarks.md).
 */
export class SeasonFitsAt {
  constructor(
    private readonly ctx: TemporalContext,
    private readonly gift: boolean,
    private readonly fits: (SeasonFit | undefined)[],
  ) {}

  /** {@link contextFitInto} of `p`, the product at `doc`. */
  into(out: ContextFitValues, doc: number, p: Product, now: number, recencyHalfLifeDays: number): void {
    let f = this.fits[doc];
    if (f === undefined) {
      f = seasonFitOf(p, this.ctx, this.gift);
      this.fits[doc] = f;
    }
    fitInto(out, f, now, recencyHalfLifeDays);
  }
}

/** Per context and gift, the {@link SeasonFitsAt} of each catalog version (its products array). */
const fitsAt = new WeakMap<TemporalContext, readonly [WeakMap<readonly Product[], SeasonFitsAt>, WeakMap<readonly Product[], SeasonFitsAt>]>();

/** The {@link SeasonFitsAt} of a catalog version's products for a context (one per market and day) and gift. */
export function seasonFitsAt(ctx: TemporalContext, gift: boolean, products: readonly Product[]): SeasonFitsAt {
  const byCatalog = giftTable(fitsAt, ctx, gift);
  let at = byCatalog.get(products);
  if (!at) {
    at = new SeasonFitsAt(ctx, gift, new Array<SeasonFit | undefined>(products.length).fill(undefined));
    byCatalog.set(products, at);
  }
  return at;
}

/** A product's season fit `f` with its recency at `now`, written into `out`. */
function fitInto(out: ContextFitValues, f: SeasonFit, now: number, recencyHalfLifeDays: number): void {
  out.season = f.season;
  out.seasonTerm = f.seasonTerm;
  out.holiday = f.holiday;
  out.holidayName = f.holidayName;
  out.holidayWhy = f.holidayWhy;
  if (Number.isFinite(f.created)) {
    const ageDays = Math.max(0, (now - f.created) / DAY);
    out.ageDays = ageDays;
    out.recency = 2 ** (-ageDays / recencyHalfLifeDays);
  } else {
    out.ageDays = undefined;
    out.recency = 0;
  }
}

/** How a product fits the season, nearby holidays and recency. Pure. */
export function contextFit(p: Product, ctx: TemporalContext, now: number, opts: ContextFitOptions = {}): ContextFit {
  const v: ContextFitValues = { season: 0, seasonTerm: undefined, holiday: 0, holidayName: undefined, holidayWhy: undefined, recency: 0, ageDays: undefined };
  contextFitInto(v, p, ctx, now, opts.gift === true, opts.recencyHalfLifeDays ?? 60);
  return {
    season: v.season,
    ...(v.seasonTerm !== undefined ? { seasonTerm: v.seasonTerm } : {}),
    holiday: v.holiday,
    ...(v.holidayName ? { holidayName: v.holidayName } : {}),
    ...(v.holidayWhy ? { holidayWhy: v.holidayWhy } : {}),
    recency: v.recency,
    ...(v.ageDays !== undefined ? { ageDays: v.ageDays } : {}),
  };
}
