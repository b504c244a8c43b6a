/**
 * Commands of a batch as the Redis store builds them (`cmd`, `script`), before the connection sends
 * them in as few round trips as the topology allows (`RedisConnection.exec`), and the checks made on
 * values before anything is sent.
 */
import { AffinityError } from '../../core/errors.ts';
import type { ScriptName } from './redisScripts.ts';

/** An argument of a command. */
export type Arg = string | number;

/** One command of a batch; `key` decides the slot (every key of one command shares its hash tag). */
export interface Op {
  readonly key: string;
  readonly cmd: string;
  readonly args: readonly Arg[];
  /** A registered script (`redisScripts.ts`), called by its name. */
  readonly script?: boolean;
}

/** A plain command whose slot is `key`'s. */
export function cmd(key: string, name: string, ...args: Arg[]): Op {
  return { key, cmd: name, args };
}

/** A script call: on a Cluster, `keys` must share one hash tag (the standalone scripts span several). */
export function script(name: ScriptName, keys: readonly string[], args: readonly Arg[]): Op {
  return { key: keys[0]!, cmd: name, args: [keys.length, ...keys, ...args], script: true };
}

/**
 * `v` when it is a finite number.
 * @throws AffinityError `INTERNAL` naming `what` otherwise (a bug upstream: nothing is sent)
 */
export function finite(what: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new AffinityError('INTERNAL', `Redis store: ${what} must be a finite number, got ${String(v)}.`);
  }
  return v;
}

/**
 * `v` when it is a positive safe integer (an option of the store).
 * @throws TypeError quoting the bad value
 */
export function positiveInt(what: string, v: number): number {
  if (!Number.isSafeInteger(v) || v <= 0) throw new TypeError(`RedisStore: ${what} must be a positive integer, got ${String(v)}.`);
  return v;
}
