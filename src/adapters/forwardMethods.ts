/**
 * A store composes its port from one object per concern (event log, projection writer, profile reads,
 * catalog…), and most port methods are a concern's method as it is. Instead of a hand-written method
 * per forward, the store lists them once: its interface is derived from the list ({@link Forwarded},
 * merged into the class) and its constructor installs the same list ({@link forwardMethods}), so the
 * methods the type promises are the methods the instance has.
 *
 * ```ts
 * const FROM_LOG = ['append', 'backlog'] as const;
 * export interface Store extends Forwarded<EventLog, typeof FROM_LOG> {}
 * export class Store { constructor() { forwardMethods(this, this.log, FROM_LOG); } }
 * ```
 */

/** The keys of `T` whose values are functions. */
export type MethodKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

/** The methods `K` of `T`, as a facade serves them. */
export type Forwarded<T, K extends readonly MethodKeys<T>[]> = Pick<T, K[number]>;

/**
 * Installs the methods `keys` of `source` on `target`, bound to `source`. They are not enumerable,
 * as class methods are not, and may be replaced (a test wrapping one).
 */
export function forwardMethods<T extends object>(target: object, source: T, keys: readonly MethodKeys<T>[]): void {
  for (const key of keys) {
    const method = source[key] as (...args: unknown[]) => unknown;
    Object.defineProperty(target, key, { value: method.bind(source), enumerable: false, writable: true, configurable: true });
  }
}
