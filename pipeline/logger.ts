/**
 * Console logger for the CLI: stage labels on stderr, progress through the progress display
 * (`progress.ts`: a live line on a terminal, one line per phase elsewhere), debug output only
 * when verbose. Tests use `createMemoryLogger`.
 */
import type { Logger } from './ports.ts';
import { createProgressDisplay } from './progress.ts';

export interface ConsoleLoggerOptions {
  verbose: boolean;
  /** @default process.stderr */
  stream?: NodeJS.WriteStream;
  /** Milliseconds, monotonic, for the progress display's elapsed times. @default performance.now */
  now?: () => number;
}

export function createConsoleLogger(options: ConsoleLoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const display = createProgressDisplay({ stream, live: stream.isTTY === true, now: options.now });
  const print = (line: string) => {
    display.interrupt();
    stream.write(`${line}\n`);
  };
  return {
    info: (message) => print(message),
    warn: (message) => print(`warning: ${message}`),
    debug: (message) => { if (options.verbose) print(`debug: ${message}`); },
    progress: (phase, done, total, bytes) => display.update(phase, done, total, bytes),
  };
}

export interface MemoryLogger extends Logger { lines: string[] }

export function createMemoryLogger(): MemoryLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => { lines.push(m); },
    warn: (m) => { lines.push(`warning: ${m}`); },
    debug: (m) => { lines.push(`debug: ${m}`); },
    progress: () => {},
  };
}
