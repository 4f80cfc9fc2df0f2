/**
 * Which exporters a build runs: those of the trigger (or all), narrowed by `--only`
 * (exact ids like `results.daily` or whole families like `results`).
 */
import type { AnyExporter, Trigger } from './define-exporter.ts';
import { ConfigError } from './errors.ts';

/** Whether an `--only` name (an exporter id or a family) names the exporter with this id. */
export function onlyNames(name: string, exporterId: string): boolean {
  return exporterId === name || exporterId.split('.')[0] === name;
}

export function selectExporters(registry: readonly AnyExporter[], trigger: Trigger | 'all', only: readonly string[] | undefined): AnyExporter[] {
  if (only) {
    const unknown = only.filter((name) => !registry.some((e) => onlyNames(name, e.id)));
    if (unknown.length > 0) {
      throw new ConfigError('UnknownExporter', `--only names ${unknown.map((u) => `\`${u}\``).join(', ')}, which no exporter matches`, {
        hint: `Known exporters: ${registry.map((e) => e.id).join(', ')}`,
      });
    }
  }
  return registry.filter(
    (e) => (trigger === 'all' || e.triggers.includes(trigger)) && (!only || only.some((name) => onlyNames(name, e.id))),
  );
}
