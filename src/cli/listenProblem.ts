/**
 * What `serve` and `demo` say when the API cannot listen: one line naming the port or host and the
 * variable to change, instead of Node's `listen EADDRINUSE` stack trace.
 */
import { CliError, EXIT_FAILURE } from './cliError.ts';

/** A {@link CliError} explaining why listening on `host:port` failed, or `undefined` for another error. */
export function listenProblem(err: unknown, host: string, port: number): CliError | undefined {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} is in use on ${host} (another affinity serve?); stop that process or set PORT=<another port> (PORT=0 picks a free one)`, EXIT_FAILURE);
    case 'EACCES':
      return new CliError(`no permission to listen on port ${port}; set PORT to a port above 1023, e.g. PORT=8787`, EXIT_FAILURE);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new CliError(`HOST=${host} is not an address of this machine; set HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (every interface)`, EXIT_FAILURE);
    default:
      return undefined;
  }
}

/**
 * Runs `listen`; when it fails, runs `close` (the store and timers would keep the process alive) and
 * throws the explained error.
 * @throws CliError (exit code 1) for a port in use, a privileged port or a foreign host; else what `listen` threw
 */
export async function listenOrExplain(listen: () => Promise<string>, close: () => Promise<void>, host: string, port: number): Promise<string> {
  try {
    return await listen();
  } catch (err) {
    await close().catch(() => undefined);
    throw listenProblem(err, host, port) ?? err;
  }
}
