/**
 * What one build costs the machine besides wall time, measured inside the build child: CPU
 * seconds (user and system, every thread of the process: DuckDB's workers and libuv's included)
 * and where the memory is at the peak. `process.resourceUsage().maxRSS` gives the peak exactly
 * but not what it is made of, so the process is also sampled every `intervalMs`: the sample with
 * the highest RSS keeps the V8 heap (`heapTotal`, what V8 has committed, live or not) and
 * everything else, which is DuckDB's memory, the loaded binaries and Node's own.
 *
 * Issue 10: a 5-season build peaked at about 370 MB with 125 MB in the V8 heap, of which a forced
 * GC found only about 60 MB live; the rest was DuckDB. Those two numbers are what this reports.
 */

export interface BuildUsage {
  cpuUserS: number;
  cpuSystemS: number;
  /** `heapTotal` of the sample with the highest RSS (which trails the exact peak, `maxRSS`, by at most one interval's growth). */
  heapAtPeakMb: number;
}

export interface UsageMeter { stop(): BuildUsage }

const MB = 1024 * 1024;

/** Start measuring now; `stop` ends the sampling and returns the usage since `start`. */
export function startUsageMeter(intervalMs = 25): UsageMeter {
  const cpuAtStart = process.cpuUsage();
  let peak = { rss: 0, heapTotal: 0 };
  const sample = () => {
    const rss = process.memoryUsage.rss(); // cheap; the heap figures are read only at a new peak
    if (rss > peak.rss) peak = { rss, heapTotal: process.memoryUsage().heapTotal };
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const cpu = process.cpuUsage(cpuAtStart);
      return { cpuUserS: cpu.user / 1e6, cpuSystemS: cpu.system / 1e6, heapAtPeakMb: peak.heapTotal / MB };
    },
  };
}
