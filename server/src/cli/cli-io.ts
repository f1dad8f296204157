/**
 * What the CLI may touch of its process, passed in so that `runCli` can be run in-process by tests and never
 * reads globals: the two streams, the working folder, whether stderr is a terminal and the environment.
 */

export interface CliOutput {
  write(chunk: string): unknown;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Absolute folder that arguments are resolved against. */
  readonly cwd: string;
  /** Progress is drawn only on a terminal. */
  readonly isStderrTTY: boolean;
  /** Whether stdout is a terminal, which colours the stylish report by default. Absent: not a terminal. */
  readonly isStdoutTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** All of standard input, as UTF-8 text (`--stdin`). Absent: there is none to read. */
  readonly readStdin?: () => Promise<string>;
}
