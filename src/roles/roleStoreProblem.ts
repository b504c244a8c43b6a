/**
 * Whether a node's roles fit its store. A node that runs some roles but not all of them is one of
 * several, and nodes share nothing but their store: on the embedded SQLite store (a file of this
 * machine, with session-only memory, consent states and cache invalidations kept in each process) the
 * other nodes would see none of what it does. Such a node needs Redis; every role in one process
 * (`all`, the default) is the way to run Affinity on one machine without it (docs/operations.md).
 */
import { describeRoles, type RoleName } from './roles.ts';

/** The settings the check reads (a subset of the configuration). */
export interface RoleStoreSettings {
  readonly roles: readonly RoleName[];
  readonly store: 'sqlite' | 'redis';
  /** The SQLite file, named in the problem. */
  readonly sqlitePath: string;
}

/**
 * What is wrong, in one line that says what to set, or undefined when the roles fit the store.
 * @param source how the operator named the roles, for the message (`--role ingest`, `AFFINITY_ROLES=ingest`)
 */
export function roleStoreProblem(settings: RoleStoreSettings, source: string): string | undefined {
  if (settings.store !== 'sqlite' || describeRoles(settings.roles) === 'all') return undefined;
  return (
    `${source} runs part of Affinity, and its nodes must share a Redis store, but the store is the local SQLite file ${settings.sqlitePath}: ` +
    'set AFFINITY_REDIS_CLUSTER=host:port,… (a Redis Cluster) or AFFINITY_STORE=redis with REDIS_URL=redis://host:6379; ' +
    'to try Affinity on one machine without Redis, run every role in one process (--role all, the default)'
  );
}
