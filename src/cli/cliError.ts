/**
 * The error of a command-line mistake (unknown option, missing file, port in use…). Local: it never
 * crosses the wire, so it has no code in `src/core/errors.ts`. The `affinity` command prints its
 * message as one line, without a stack trace, and exits with its exit code.
 */

const BRAND = Symbol.for('affinity.cliError');

/** Exit code of a usage mistake (bad option or argument), as most Unix tools use it. */
export const EXIT_USAGE = 2;
/** Exit code of a failure that is not a usage mistake (missing file, port in use). */
export const EXIT_FAILURE = 1;

/** A command-line mistake: what is wrong and what to do, in one line. */
export class CliError extends Error {
  readonly [BRAND] = true;

  /**
   * @param message one line: what is wrong and what to do
   * @param exitCode {@link EXIT_USAGE} (default) or {@link EXIT_FAILURE}
   */
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Whether `e` is a {@link CliError} (brand check: survives duplicate module instances). */
export function isCliError(e: unknown): e is CliError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
