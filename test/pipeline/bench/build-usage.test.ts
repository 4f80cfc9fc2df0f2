/**
 * The bench's CPU and memory breakdown of a build: the meter's readings follow work done between
 * start and stop, and `scaleResult` turns them into the results fields with arithmetic checked
 * here by hand.
 */
import { describe, expect, test } from 'vitest';
import { startUsageMeter } from '../../../pipeline/bench/build-usage.ts';
import type { BuildMeasure } from '../../../pipeline/bench/measure-build.ts';
import { scaleResult } from '../../../pipeline/bench/run-bench.ts';

/** Busy until this process has spent `ms` more CPU time: by CPU, not wall time, so a loaded machine cannot shorten it. */
function spinFor(ms: number): number {
  const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
  const until = cpuMs() + ms;
  let n = 0;
  while (cpuMs() < until) n += 1;
  return n;
}

describe('startUsageMeter', () => {
  test('counts the CPU spent between start and stop, and keeps the heap of the highest-RSS sample', async () => {
    const meter = startUsageMeter(5);
    spinFor(120);
    const held = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `row ${i}` })); // grows RSS and the heap
    await new Promise((resolve) => setTimeout(resolve, 30));
    const usage = meter.stop();
    expect(held.length).toBe(200_000);
    expect(usage.cpuUserS + usage.cpuSystemS).toBeGreaterThanOrEqual(0.1); // at least the 120 ms of CPU spun
    expect(usage.heapAtPeakMb).toBeGreaterThan(0);
    expect(usage.heapAtPeakMb).toBeLessThan(process.resourceUsage().maxRSS / 1024); // a part of the peak, never more
  });

  test('a meter stopped at once reports next to no CPU', () => {
    const usage = startUsageMeter().stop();
    expect(usage.cpuUserS + usage.cpuSystemS).toBeLessThan(0.05);
  });
});

describe('scaleResult', () => {
  const build: BuildMeasure = {
    seconds: 2.5, treeDir: '/t', files: 1000, bytes: 5_000_000, queryLabels: ['a', 'b', 'live feed'], manifestQueries: 2, endpointIds: ['a', 'b'], peakRssMb: 350.04,
    usage: { cpuUserS: 3.25, cpuSystemS: 0.75, heapAtPeakMb: 120.26 },
  };

  test('CPU seconds, how busy the cores were, and the heap at the peak', () => {
    const result = scaleResult(build, { seconds: 0.5, fastest: 0.45, slowest: 0.9, files: 1000, bytes: 5_000_000 }, { seconds: 0.8, queries: 2, rows: 10 }, false, 2);
    // 3.25 + 0.75 = 4 CPU seconds over 2.5 s on 2 cores = 5 core-seconds available → 0.8
    expect(result).toMatchObject({ cpu_user_s: 3.25, cpu_system_s: 0.75, cpu_busy: 0.8, v8_heap_at_peak_mb: 120.3, peak_rss_mb: 350 });
    expect(result).toMatchObject({ ratio: 5, queries_alone_ratio: 1.6, queries: 2, other_queries: 1, files_per_s: 400, floor_min_s: 0.45, floor_max_s: 0.9 });
    expect(scaleResult(build, { seconds: 0.5, fastest: 0.5, slowest: 0.5, files: 1, bytes: 1 }, { seconds: 0.8, queries: 2, rows: 10 }, false, 4).cpu_busy).toBe(0.4);
  });
});
