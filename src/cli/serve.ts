/**
 * `affinity serve`. With `AFFINITY_WORKERS` = 1 (default) one process does everything. With N > 1 the
 * primary process projects events, sweeps retention and refreshes catalogs, and N forked workers
 * serve HTTP on the same port (node:cluster); workers forward projection kicks to the primary over
 * IPC, and the primary broadcasts its backlog for `/health/ready` and the erasures its privacy worker
 * runs (the workers drop what they hold of the erased shoppers and shops).
 *
 * `--role` / `AFFINITY_ROLES` split the work over machines instead (docs/operations.md): each process
 * runs its roles with one worker, and the nodes share nothing but Redis (the command refuses some roles
 * on the SQLite store before it gets here: `roles/roleStoreProblem.ts`).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.ts';
import { createAffinity, type Affinity, type Erasure } from '../main.ts';
import { loadWordList } from '../adapters/intent/wordList.ts';
import { describeRoles } from '../roles/roles.ts';
import { EXIT_FAILURE, isCliError } from './cliError.ts';
import { tuneHeapForServing, withServingStartFlags } from './heapTuning.ts';
import { listenOrExplain } from './listenProblem.ts';

/** Messages between the primary and the HTTP workers; `fatal`: a worker cannot listen (port in use…). */
type Msg =
  | { type: 'kick' }
  | { type: 'lag'; lag: number }
  | { type: 'neighbours'; keys: readonly string[] }
  | { type: 'erased'; erasure: Erasure }
  | { type: 'fatal'; message: string };

/**
 * Runs the server; resolves once it is listening (the process then stays up until a signal).
 * @throws CliError (exit code 1) when it cannot listen: port in use, privileged port, foreign HOST
 */
export async function serve(config: Config, workers: number, onShutdown: (close: () => Promise<void>) => void): Promise<void> {
  // In the primary and in each worker (they run this too).
  tuneHeapForServing();
  if (workers <= 1) {
    const a = await createAffinity(config);
    const url = await listenOrExplain(() => a.listen(), () => a.close(), config.host, config.port);
    const roles = describeRoles(a.roles);
    process.stderr.write(`affinity listening on ${url} (store: ${a.ctx.store.kind}${roles === 'all' ? '' : `, roles: ${roles}`})\n`);
    readWordsIfAnswering(a);
    onShutdown(() => a.close());
    return;
  }
  if (cluster.isPrimary) {
    const a = await createAffinity(config, { role: 'projector' });
    let stopping = false;
    let closing: Promise<void> | undefined;
    const closeAll = (): Promise<void> =>
      (closing ??= (async () => {
        stopping = true;
        clearInterval(lag);
        await Promise.all(
          Object.values(cluster.workers ?? {}).map(
            (w) =>
              new Promise<void>((resolve) => {
                if (!w || w.isDead()) return resolve();
                w.once('exit', () => resolve());
                w.kill('SIGTERM');
              }),
          ),
        );
        await a.close();
      })());
    // A worker that cannot listen: every worker would fail the same way, and the exit handler below would
    // start another forever. Say why once and stop.
    const fatal = (message: string): void => {
      if (stopping) return;
      process.stderr.write(`affinity serve: ${message}\n`);
      void closeAll().finally(() => process.exit(EXIT_FAILURE));
    };
    const wire = (w: Worker) =>
      w.on('message', (m: Msg) => {
        if (m?.type === 'kick') a.projector.kick();
        else if (m?.type === 'fatal') fatal(m.message);
      });
    // The workers answer the traffic: they start with the young generation a server needs (heapTuning.ts).
    cluster.setupPrimary({ execArgv: withServingStartFlags(process.execArgv, process.env.NODE_OPTIONS) });
    for (let i = 0; i < workers; i++) wire(cluster.fork());
    cluster.on('exit', (w, code, signal) => {
      if (stopping) return;
      process.stderr.write(`affinity: worker ${w.process.pid} exited (${signal ?? code}); starting another\n`);
      wire(cluster.fork());
    });
    // Workers cache co-occurrence lists; tell them which ones the projection just changed (on Redis
    // the projection publishes them on the bus every node listens to, so IPC is for SQLite only).
    if (!a.stateless) a.onNeighboursChanged((keys) => {
      for (const w of Object.values(cluster.workers ?? {})) if (w?.isConnected()) w.send({ type: 'neighbours', keys } satisfies Msg);
    });
    // Privacy jobs run here, while the workers hold conversation contexts and session-only memory: an
    // erasure reaches them at once (on Redis too, where part of that memory is the workers' own).
    a.onErased((erasure) => {
      for (const w of Object.values(cluster.workers ?? {})) if (w?.isConnected()) w.send({ type: 'erased', erasure } satisfies Msg);
    });
    const lag = setInterval(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.isConnected() && w.send({ type: 'lag', lag: a.projector.lag } satisfies Msg);
    }, 1000);
    lag.unref();
    onShutdown(closeAll);
    return;
  }
  const a = await createAffinity(config, { role: 'http', kickRemote: () => process.send?.({ type: 'kick' } satisfies Msg) });
  process.on('message', (m: Msg) => {
    if (m?.type === 'lag') a.remoteProjection?.setLag(m.lag);
    else if (m?.type === 'neighbours') a.invalidateNeighbours(m.keys);
    else if (m?.type === 'erased') a.forgetErased(m.erasure);
  });
  let url: string;
  try {
    url = await listenOrExplain(() => a.listen(), () => a.close(), config.host, config.port);
  } catch (err) {
    // The primary says why and stops every worker (this one included: the IPC channel keeps it up until then).
    process.send?.({ type: 'fatal', message: isCliError(err) ? err.message : String((err as Error)?.stack ?? err) } satisfies Msg);
    return;
  }
  process.stderr.write(`affinity listening on ${url} (store: ${a.ctx.store.kind}, worker ${process.pid})\n`);
  readWordsIfAnswering(a);
  onShutdown(() => a.close());
}

/**
 * A node that reads shoppers' words reads the word lists of the typo corrector now, in the background
 * (adapters/intent/wordList.ts), rather than on the first typo, so that typos are corrected from the
 * first seconds on.
 */
function readWordsIfAnswering(a: Affinity): void {
  if (!a.ctx.intentClassifier) return;
  loadWordList().catch((err: unknown) => process.stderr.write(`affinity: the word lists of the typo corrector could not be read (typos are read as written): ${String(err)}\n`));
}
