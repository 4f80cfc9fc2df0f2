/**
 * When each trigger runs, read from the scheduled GitHub Actions workflows (`.github/workflows/`),
 * which are the source of truth. A workflow that calls `_build-and-publish.yml` with a literal
 * `trigger` runs that trigger; one that calls `_live-watch.yml` runs `live` (a loop with
 * `--interval` seconds between ticks, until its `until` time). Its UTC cron lines are expanded over
 * a winter and a summer month and kept where the workflow's Eastern-time guard lets them run (the
 * guard's own code decides), which gives the Eastern wall-clock times people read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CronExpressionParser } from 'cron-parser';
import fg from 'fast-glob';
import { parse } from 'yaml';
import { TRIGGERS, type Trigger } from '../define-exporter.ts';
import { easternSlot, formatSlotTime, matchesRule, parseGuardRule, type EasternGuardRule } from '../ops/eastern-guard.ts';
import { describeRuns } from './describe-runs.ts';

export const WORKFLOWS_DIR = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

/** One winter (EST) and one summer (EDT) month, UTC. */
const REFERENCE_MONTHS: readonly [string, string][] = [['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'], ['2025-07-01T00:00:00Z', '2025-08-01T00:00:00Z']];

export interface TriggerRuns {
  trigger: Trigger;
  /** Workflow files that run it, e.g. `build-daily.yml`. */
  workflows: string[];
  /** Their UTC cron lines, as written. */
  cron: string[];
  /** Eastern wall-clock times the runs start, `HH:MM`, sorted. */
  easternTimes: string[];
  /** For people, e.g. `every day at 05:07, 08:07, 11:37 and 13:07 ET`. */
  text: string;
}

interface Job { uses?: string; with?: Record<string, unknown> }

/** Trigger → its runs; triggers without a scheduled workflow are absent. */
export async function readWorkflowSchedules(dir = WORKFLOWS_DIR): Promise<Map<Trigger, TriggerRuns>> {
  const runs = new Map<Trigger, TriggerRuns>();
  for (const file of (await fg('*.{yml,yaml}', { cwd: dir })).sort()) {
    if (file.startsWith('_')) continue;
    const doc = parse(await readFile(path.join(dir, file), 'utf8')) as { on?: { schedule?: { cron?: string }[] }; jobs?: Record<string, Job> };
    const cron = (doc.on?.schedule ?? []).map((s) => s.cron).filter((c): c is string => typeof c === 'string');
    const jobs = Object.values(doc.jobs ?? {});
    if (cron.length === 0) continue;
    const rule = guardRuleOf(jobs);
    const times = easternTimes(cron, rule);
    for (const [trigger, text] of await triggersOf(jobs, dir, times, rule)) {
      const seen = runs.get(trigger);
      const easternTimesMerged = [...new Set([...(seen?.easternTimes ?? []), ...times])].sort();
      runs.set(trigger, {
        trigger,
        workflows: [...(seen?.workflows ?? []), file],
        cron: [...(seen?.cron ?? []), ...cron],
        easternTimes: easternTimesMerged,
        text: seen ? `${seen.text}; ${text}` : text,
      });
    }
  }
  return runs;
}

function guardRuleOf(jobs: readonly Job[]): EasternGuardRule | undefined {
  const guard = jobs.find((j) => j.uses?.endsWith('/_eastern-guard.yml'));
  if (!guard?.with) return undefined;
  const flag = (name: string) => (guard.with![name] === undefined ? undefined : String(guard.with![name]));
  return parseGuardRule({ hours: flag('hours') ?? '', weekdays: flag('weekdays'), monthdays: flag('monthdays') });
}

/** Every Eastern `HH:MM` at which one of the cron lines fires and the guard lets it run. */
export function easternTimes(cron: readonly string[], rule: EasternGuardRule | undefined): string[] {
  const times = new Set<string>();
  for (const line of cron) {
    for (const [from, to] of REFERENCE_MONTHS) {
      const expression = CronExpressionParser.parse(line, { currentDate: new Date(from), endDate: new Date(to), tz: 'UTC' });
      while (expression.hasNext()) {
        const slot = easternSlot(expression.next().toDate());
        if (rule === undefined || matchesRule(rule, slot)) times.add(formatSlotTime(slot));
      }
    }
  }
  return [...times].sort();
}

async function triggersOf(jobs: readonly Job[], dir: string, times: readonly string[], rule: EasternGuardRule | undefined): Promise<[Trigger, string][]> {
  const found: [Trigger, string][] = [];
  for (const job of jobs) {
    const trigger = job.with?.trigger;
    if (job.uses?.endsWith('/_build-and-publish.yml') && (TRIGGERS as readonly unknown[]).includes(trigger)) {
      found.push([trigger as Trigger, describeRuns(times, rule)]);
    }
  }
  const loops = jobs.filter((j) => j.uses?.endsWith('/_live-watch.yml'));
  if (loops.length > 0) {
    const reusable = await readFile(path.join(dir, path.basename(loops[0]!.uses!)), 'utf8').catch(() => '');
    const interval = /--interval\s+(\d+)/.exec(reusable)?.[1];
    const until = String(loops.at(-1)!.with?.until ?? '?');
    const every = interval === undefined ? '' : `, a tick every ${Number(interval) % 60 === 0 ? `${Number(interval) / 60} min` : `${interval} s`}`;
    found.push(['live', `game nights: a loop from ${times.join(', ')} ET until ${until} ET${every}`]);
  }
  return found;
}
