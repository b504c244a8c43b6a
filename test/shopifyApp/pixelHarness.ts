/**
 * A stand-in for Shopify's pixel sandboxes, for running pixel code as Shopify does and recording what
 * it sends. Each pixel runs in its own `node:vm` realm (as each pixel runs in its own worker or iframe)
 * whose only globals are what the sandbox gives it:
 *
 * - app pixels (strict sandbox): the extension is bundled with esbuild as Shopify CLI does, the real
 *   `@shopify/web-pixels-extension` `register` included, and `register` reaches the sandbox through the
 *   `shopify.extend('WebPixel::Render', fn)` global; the harness then calls `fn` with the pixel API;
 * - custom pixels (lax sandbox): the code runs with `analytics`, `browser` and `init` as globals.
 *
 * Time is a {@link FakeClock} (`setTimeout`, `clearTimeout`, `Date`), `fetch` a recorder whose answers
 * the test chooses, `analytics` an event bus the test publishes the fixture events on, and an app pixel's
 * `browser.localStorage` a {@link FakeLocalStorage} (async, as the sandbox's proxy to the top frame is)
 * that a test may share between runs: one run per page of the same visitor.
 */
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';

/** Timers driven by the test: nothing fires until {@link FakeClock.advance}. */
export class FakeClock {
  now: number;
  #seq = 0;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2026, 11, 2, 12, 0, 0)) {
    this.now = start;
  }

  readonly setTimeout = (fn: () => void, ms = 0): number => {
    const id = ++this.#seq;
    this.#timers.set(id, { at: this.now + Math.max(0, ms), fn });
    return id;
  };

  readonly clearTimeout = (id: number | undefined): void => {
    if (id !== undefined) this.#timers.delete(id);
  };

  /** Timers waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order (promise callbacks run between them). */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (let i = 0; i < 10_000; i++) {
      await settle();
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const t of this.#timers) if (t[1].at <= end && (!next || t[1].at < next[1].at)) next = t;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
    await settle();
  }

  /** A `Date` whose "now" is this clock's. */
  dateClass(): DateConstructor {
    const clock = this;
    class FakeDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock.now);
        else super(...(args as [string]));
      }
      static override now(): number {
        return clock.now;
      }
    }
    return FakeDate as DateConstructor;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

/** One request a pixel made. */
export interface Posted {
  readonly at: number;
  readonly url: string;
  readonly method: string | undefined;
  readonly keepalive: boolean | undefined;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What the recorder answers: a status (with headers the page may read), or a network failure. */
export type Answer = { readonly status: number; readonly headers?: Readonly<Record<string, string>> } | 'network-error';

/** A `fetch` that records every request and answers as told (202 unless `answer` says otherwise). */
export function fetchRecorder(clock: FakeClock, answer: (req: Posted, n: number) => Answer = () => ({ status: 202 })) {
  const posted: Posted[] = [];
  const fetch = (url: string, init: { method?: string; keepalive?: boolean; headers?: Record<string, string>; body?: string } = {}) => {
    const req: Posted = { at: clock.now, url: String(url), method: init.method, keepalive: init.keepalive, headers: { ...init.headers }, body: String(init.body) };
    posted.push(req);
    const a = answer(req, posted.length);
    if (a === 'network-error') return Promise.reject(new TypeError('Failed to fetch'));
    const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return Promise.resolve({ status: a.status, ok: a.status >= 200 && a.status < 300, headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null } });
  };
  return { posted, fetch };
}

type Listener = (event: unknown) => void;

/** The `analytics` of a pixel: the test publishes events, the pixel's subscriptions receive them. */
export class AnalyticsBus {
  readonly #subs = new Map<string, Listener[]>();

  readonly subscribe = (name: string, cb: Listener): (() => boolean) => {
    const list = this.#subs.get(name) ?? [];
    list.push(cb);
    this.#subs.set(name, list);
    return () => true;
  };

  /** Names subscribed to, in order. */
  get names(): string[] {
    return [...this.#subs.keys()];
  }

  /** Delivers an event to its subscribers, as a copy (as Shopify hands each pixel its own copy). */
  publish(event: { name: string }): void {
    for (const cb of this.#subs.get(event.name) ?? []) cb(structuredClone(event));
  }
}

/** The consent event bus of an app pixel (`api.customerPrivacy`). */
export class PrivacyBus {
  readonly #subs: Listener[] = [];
  readonly subscribe = (name: string, cb: Listener): (() => boolean) => {
    if (name === 'visitorConsentCollected') this.#subs.push(cb);
    return () => true;
  };
  /** A visitor's consent change, as the storefront's consent banner reports it. */
  publish(customerPrivacy: Record<string, boolean>): void {
    for (const cb of this.#subs) cb({ customerPrivacy: { ...customerPrivacy } });
  }
}

/** `browser.cookie` writing to a jar the test reads. */
export function cookieJar() {
  const writes: string[] = [];
  return { writes, cookie: { set: async (c: string, v?: string) => (writes.push(v === undefined ? c : `${c}=${v}`), c), get: async () => '' } };
}

/**
 * `browser.localStorage` of the strict sandbox: every method async (a message to the top frame), values
 * stored as strings. `failing` makes every call reject (storage blocked or full).
 */
export class FakeLocalStorage {
  readonly items = new Map<string, string>();
  failing = false;
  /** Calls of setItem, for tests that check what was written. */
  writes = 0;

  async #op<T>(fn: () => T): Promise<T> {
    await Promise.resolve();
    if (this.failing) throw new Error('SecurityError: storage is not available');
    return fn();
  }
  readonly getItem = (key: string): Promise<string | null> => this.#op(() => this.items.get(key) ?? null);
  readonly setItem = (key: string, value: unknown): Promise<void> =>
    this.#op(() => {
      this.writes++;
      this.items.set(key, String(value));
    });
  readonly removeItem = (key: string): Promise<void> => this.#op(() => void this.items.delete(key));
  readonly clear = (): Promise<void> => this.#op(() => this.items.clear());
  readonly key = (i: number): Promise<string | null> => this.#op(() => [...this.items.keys()][i] ?? null);
  readonly length = (): Promise<number> => this.#op(() => this.items.size);
}

const PIXEL_ENTRY = fileURLToPath(new URL('../../extensions/affinity-pixel/src/index.ts', import.meta.url));
let bundle: Promise<string> | undefined;

/** The app pixel as Shopify CLI builds it: one script, dependencies included. */
export function appPixelBundle(): Promise<string> {
  bundle ??= build({ entryPoints: [PIXEL_ENTRY], bundle: true, format: 'iife', target: 'es2020', write: false, logLevel: 'silent' }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/** What a test gets back from a running pixel. */
export interface RunningPixel {
  readonly analytics: AnalyticsBus;
  readonly privacy: PrivacyBus;
  readonly posted: Posted[];
  readonly cookies: string[];
  readonly clock: FakeClock;
  readonly storage: FakeLocalStorage;
}

/** Options of a pixel run. */
export interface PixelRunOptions {
  readonly settings?: Record<string, unknown>;
  readonly customerPrivacy?: Record<string, boolean>;
  readonly shopDomain?: string;
  readonly answer?: (req: Posted, n: number) => Answer;
  /** The visitor's localStorage (shared by the pages of one visit); a fresh one by default. */
  readonly storage?: FakeLocalStorage;
  /** The page's clock at start, epoch ms (a later page of the same visit starts later). */
  readonly startAt?: number;
  /** The realm's `Math.random` (jitter), for tests that pin it. */
  readonly random?: () => number;
}

function initOf(o: PixelRunOptions) {
  return {
    context: {},
    data: {
      customer: null,
      cart: null,
      shop: { countryCode: 'US', myshopifyDomain: o.shopDomain ?? 'kittycats-resale.myshopify.com', name: 'Kittycats', paymentSettings: { currencyCode: 'USD' }, storefrontUrl: 'https://kittycats-resale.myshopify.com' },
      purchasingCompany: null,
    },
    customerPrivacy: { ...(o.customerPrivacy ?? {}) },
  };
}

/** Runs the app pixel extension in a fresh strict-sandbox stand-in. */
export async function runAppPixel(o: PixelRunOptions = {}): Promise<RunningPixel> {
  const clock = new FakeClock(o.startAt);
  const storage = o.storage ?? new FakeLocalStorage();
  const { posted, fetch } = fetchRecorder(clock, o.answer);
  const analytics = new AnalyticsBus();
  const privacy = new PrivacyBus();
  const jar = cookieJar();
  let registered: ((api: unknown) => void) | undefined;
  const shopify = {
    extend(point: string, fn: (api: unknown) => void) {
      if (point !== 'WebPixel::Render') throw new Error(`unexpected extension point ${point}`);
      registered = fn;
    },
  };
  const realm = vm.createContext({ shopify, fetch, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, Date: clock.dateClass(), TextEncoder, console });
  if (o.random) vm.runInContext('Math', realm).random = o.random;
  vm.runInContext(await appPixelBundle(), realm, { filename: 'affinity-pixel.js' });
  if (!registered) throw new Error('the extension did not call register()');
  registered({ analytics, browser: { cookie: jar.cookie, localStorage: storage }, init: initOf(o), settings: { ...(o.settings ?? {}) }, customerPrivacy: privacy, _pixelInfo: {} });
  return { analytics, privacy, posted, cookies: jar.writes, clock, storage };
}

/** Runs custom pixel code (pasted in Settings → Customer events) in a fresh lax-sandbox stand-in. */
export function runCustomPixel(code: string, o: PixelRunOptions = {}): RunningPixel {
  const clock = new FakeClock(o.startAt);
  const storage = o.storage ?? new FakeLocalStorage();
  const { posted, fetch } = fetchRecorder(clock, o.answer);
  const analytics = new AnalyticsBus();
  const privacy = new PrivacyBus();
  const jar = cookieJar();
  const realm = vm.createContext({
    analytics,
    browser: { cookie: jar.cookie, localStorage: storage },
    init: initOf(o),
    customerPrivacy: privacy,
    fetch,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    Date: clock.dateClass(),
    TextEncoder,
    console,
  });
  vm.runInContext(code, realm, { filename: 'custom-pixel.js' });
  return { analytics, privacy, posted, cookies: jar.writes, clock, storage };
}

/** Publishes timed events on a running pixel, advancing its clock to each event's time, then `tail` ms more. */
export async function replay(p: RunningPixel, visit: readonly { at: number; event: Readonly<Record<string, unknown>> & { name: string } }[], tail = 10_000): Promise<void> {
  const start = p.clock.now;
  for (const { at, event } of visit) {
    await p.clock.advance(start + at - p.clock.now);
    p.analytics.publish(event);
  }
  await p.clock.advance(tail);
}
