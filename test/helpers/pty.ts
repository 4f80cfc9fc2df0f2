/**
 * Runs a command in a pseudo-terminal (the @lydell/node-pty prebuilt binaries: no compiler, no
 * download beyond npm), so stdout and stderr are both a TTY, as in an operator's terminal.
 * Resolves with everything the terminal received (escape codes included) and the exit code.
 */
import { spawn } from '@lydell/node-pty';

export interface PtyRun { output: string; exitCode: number }

/** Bounds a hung child; the commands tested finish in seconds. */
const PTY_TIMEOUT_MS = 60_000;

export function runInPty(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<PtyRun> {
  const child = spawn(file, [...args], { cols: 120, rows: 30, cwd: options.cwd, env: { ...process.env, ...options.env } as Record<string, string> });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${file} ${args.join(' ')} did not finish in ${PTY_TIMEOUT_MS} ms:\n${output}`)); }, PTY_TIMEOUT_MS);
    child.onData((data) => { output += data; });
    child.onExit(({ exitCode }) => { clearTimeout(timer); resolve({ output, exitCode }); });
  });
}
