// The one error type of the `kith` command: a message a person can act on and the exit code it leaves with.
// main.ts prints it as one line, "kith: <message>", on stderr.

/** The exit codes of `kith` (docs/cli.md lists them). */
export const EXIT = {
  ok: 0,
  /** Kith refused or failed: not found, not valid, not initialised, not allowed. */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, a malformed value. */
  usage: 2,
  /** The server could not be reached, or what answered is not a Kith server. */
  unreachable: 3,
  /** Cancelled with Ctrl-C at a prompt. */
  interrupted: 130,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    /** The API's error code (KITH_…) when the error came from the API. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A malformed value on the command line: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}
