/**
 * Progress of long work (seed, build, publish, rollback), reported as phases: a name, items done
 * of a total, and bytes so far. Library code reports through a `ProgressListener` (usually the
 * logger's `progress`); only the CLI's display decides what a person sees.
 *
 * The display writes to stderr only, so stdout stays clean for machine output. On a terminal it
 * redraws one live line (phase, bar, done/total, bytes, elapsed) through log-update, which owns
 * the cursor handling; elsewhere (CI logs, pipes) it prints one plain line per phase, when the
 * phase completes, with no escape codes.
 */
import { createLogUpdate } from 'log-update';

/** A phase's state: `done` of `total` items, `bytes` so far when the phase moves bytes. */
export type ProgressListener = (phase: string, done: number, total: number, bytes?: number) => void;

/** Counts one phase's items for `listener` (a no-op without one); call the result once per item finished. */
export function phaseCounter(listener: ProgressListener | undefined, phase: string, total: number): (bytes?: number) => void {
  let done = 0;
  let sum: number | undefined;
  return (bytes) => {
    done += 1;
    if (bytes !== undefined) sum = (sum ?? 0) + bytes;
    listener?.(phase, done, total, sum);
  };
}

/** Live redraws at most this often; a phase's first and last states are always drawn. */
export const PROGRESS_REDRAW_MS = 100;
const BAR_WIDTH = 24;

export interface ProgressDisplayOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Redraw a live line (a terminal); otherwise one plain line per completed phase. */
  live: boolean;
  /** Milliseconds, monotonic. @default performance.now */
  now?: () => number;
}

export interface ProgressDisplay {
  update: ProgressListener;
  /** Takes the live line off the screen before other output (it comes back with the next update). */
  interrupt(): void;
}

interface Phase { name: string; startedMs: number; done: number; total: number; bytes?: number; drawnMs?: number }

export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const { stream } = options;
  const screen = options.live ? createLogUpdate(stream as NodeJS.WriteStream) : undefined;
  let phase: Phase | undefined;
  const finish = (current: Phase) => {
    screen?.clear();
    screen?.done(); // shows the cursor again: a finished phase leaves the terminal as it found it
    stream.write(`${phaseLine(current, now())}\n`);
    phase = undefined;
  };
  return {
    update(name, done, total, bytes) {
      if (phase !== undefined && phase.name !== name) finish(phase);
      phase ??= { name, startedMs: now(), done, total };
      Object.assign(phase, { done, total, bytes });
      if (done >= total) return finish(phase);
      if (screen === undefined || (phase.drawnMs !== undefined && now() - phase.drawnMs < PROGRESS_REDRAW_MS)) return;
      phase.drawnMs = now();
      screen(liveLine(phase, phase.drawnMs));
    },
    interrupt() {
      screen?.clear();
      if (phase !== undefined) phase.drawnMs = undefined;
    },
  };
}

/** `stage uploads: 2,470/2,470, 12.3 MB, 9.8 s` */
function phaseLine(phase: Phase, nowMs: number): string {
  return `${phase.name}: ${counts(phase)}, ${seconds(phase, nowMs)}`;
}

function liveLine(phase: Phase, nowMs: number): string {
  const filled = phase.total > 0 ? Math.min(BAR_WIDTH, Math.round((phase.done / phase.total) * BAR_WIDTH)) : 0;
  return `${phase.name} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${counts(phase)} · ${seconds(phase, nowMs)}`;
}

const counts = (phase: Phase) => `${phase.done.toLocaleString('en-US')}/${phase.total.toLocaleString('en-US')}${phase.bytes === undefined ? '' : `, ${formatBytes(phase.bytes)}`}`;
const seconds = (phase: Phase, nowMs: number) => `${((nowMs - phase.startedMs) / 1000).toFixed(1)} s`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
