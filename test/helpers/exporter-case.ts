/**
 * Golden cases for exporters (the json-schema-to-typescript e2e pattern): a case is data —
 * warehouse rows, the build's clock and dates — plus checks whose expected numbers are worked
 * out in the case from its own rows. `test/exporters/golden.test.ts` runs every case through the
 * real pipeline (real DuckDB, real query, render, schema validation, serialisation) and compares
 * each published file byte for byte with its golden file.
 */
import type { BuildManifest } from '../../pipeline/manifest.ts';
import type { CaseTables } from './case-warehouse.ts';
import type { LiveCaseFeed } from './live-feed.ts';
import type { AnyExporter } from '../../pipeline/define-exporter.ts';
import type { BuildHistory } from '../../pipeline/build-history.ts';

export interface CaseOutput {
  /** Parsed published files by path (`v1/results/2025-03-14.json`). */
  files: Record<string, any>;
  manifest: BuildManifest;
}

export interface ExporterCase {
  /** Unique within the family; names the golden directory. */
  name: string;
  /** Exporter ids to build (`--only`). */
  only: string[];
  /** The build's clock (ISO instant). */
  asOf: string;
  dates?: string[];
  systemId?: string;
  tables: CaseTables;
  /** What the live feed answers for endpoints that read it (live family): games, or a fault. */
  live?: LiveCaseFeed;
  /** The exporters the build knows (status.json lists every one); @default the registry. */
  registry?: readonly AnyExporter[];
  /** What earlier builds left (endpoint states for status.json); @default none (a fresh out directory). */
  baseline?: BuildHistory;
  /** Refreshes that failed outside this build (exporter id → error code), as `runBuild` takes them. */
  failedEndpoints?: Readonly<Record<string, string>>;
  /** Assertions on the output, with expected values computed from `tables`. */
  check?: (output: CaseOutput) => void;
  /** When the build must fail: the error code and a pattern its printed chain must match. */
  error?: { code: string; message: RegExp };
}

export function defineCases(cases: ExporterCase[]): ExporterCase[] {
  return cases;
}
