/**
 * Console logger for the CLI: stage labels on stderr, a transient progress line on a TTY,
 * debug output only when verbose. Tests use `createMemoryLogger`.
 */
import type { Logger } from './ports.ts';

export function createConsoleLogger(options: { verbose: boolean; stream?: NodeJS.WriteStream }): Logger {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) stream.write('\r\x1b[2K');
    progressShown = false;
  };
  return {
    info(message) { clearProgress(); stream.write(`${message}\n`); },
    warn(message) { clearProgress(); stream.write(`warning: ${message}\n`); },
    debug(message) { if (options.verbose) { clearProgress(); stream.write(`debug: ${message}\n`); } },
    progress(label, done, total) {
      if (!tty) return;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      stream.write(`\r\x1b[2K${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      progressShown = done < total;
      if (!progressShown) stream.write('\r\x1b[2K');
    },
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
