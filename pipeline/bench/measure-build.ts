/**
 * One build measured in its own process (`build-child.ts`), so the peak RSS is that build's and
 * nothing the benchmark itself holds (the loopback bucket, earlier trees) is counted. The child
 * times the build from opening the warehouse to closing it, counts the queries that reach the
 * Warehouse port, and reports `process.resourceUsage().maxRSS` when it is done, with the CPU time
 * and the V8 heap at the peak (build-usage.ts).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Trigger } from '../define-exporter.ts';
import { ExportError } from '../errors.ts';
import type { BuildUsage } from './build-usage.ts';

export interface BuildChildRequest {
  warehousePath: string;
  outDir: string;
  trigger: Trigger | 'all';
  /** The build's "now"; @default the sample's as-of night */
  asOf?: string;
}

export type BuildChildReply =
  | { ok: true; seconds: number; treeDir: string; files: number; bytes: number; manifestQueries: number; endpointIds: string[]; queryLabels: string[]; maxRssKb: number; usage: BuildUsage }
  | { ok: false; message: string };

export interface BuildMeasure {
  seconds: number;
  treeDir: string;
  /** Files and bytes of the manifest (the `v1/...` tree). */
  files: number;
  bytes: number;
  /** Queries that reached the Warehouse port during the build, by label (an exporter id, or a feed's read). */
  queryLabels: string[];
  /** `query_count` of the manifest. */
  manifestQueries: number;
  /** Exporter ids of the endpoints the build covered (the manifest's). */
  endpointIds: string[];
  peakRssMb: number;
  /** CPU seconds of the build and the V8 heap at its memory peak (build-usage.ts). */
  usage: BuildUsage;
}

const CHILD_ENTRY = fileURLToPath(new URL('./build-child.ts', import.meta.url));

export interface MeasureBuildOptions extends BuildChildRequest {
  /** V8 CPU profile of the child into this directory. */
  cpuProfileDir?: string;
}

export async function measureBuild(options: MeasureBuildOptions): Promise<BuildMeasure> {
  const { cpuProfileDir, ...request } = options;
  const execArgv = ['--import', import.meta.resolve('tsx'), ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [])];
  const reply = await runChild(request, execArgv);
  if (!reply.ok) throw new ExportError('BuildFailed', `The benchmark's ${request.trigger} build of ${request.warehousePath} failed:\n${reply.message}`);
  const { maxRssKb, ok: _ok, ...measure } = reply;
  return { ...measure, peakRssMb: maxRssKb / 1024 };
}

function runChild(request: BuildChildRequest, execArgv: string[]): Promise<BuildChildReply> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_ENTRY, [JSON.stringify(request)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: BuildChildReply | undefined;
    child.on('message', (message) => { reply = message as BuildChildReply; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (reply) resolve(reply);
      else reject(new ExportError('BuildFailed', `The build child for ${request.warehousePath} exited (${signal ?? `code ${code}`}) without a result`));
    });
  });
}
