/**
 * Build ids (issue 18): the publisher accepts exactly the ids a build writes, because an id
 * becomes object names (`builds/<id>/…`) and a directory name (`out/<id>`).
 */
import { describe, expect, test } from 'vitest';
import { TRIGGERS, type BuildContext } from '../../../pipeline/define-exporter.ts';
import { BUILD_ID_EXAMPLE, isBuildId } from '../../../pipeline/publish/release-manifest.ts';
import { buildIdFor } from '../../../pipeline/stages/write.ts';

const ENTRY = { path: 'v1/status.json', sha256: 'a'.repeat(64), cache_control: 'public, max-age=60' };
const idFor = (trigger: BuildContext['trigger'], asOf: string) => buildIdFor({ trigger, asOf } as BuildContext, [ENTRY as never]);

describe('isBuildId', () => {
  test.for([...TRIGGERS, 'all' as const])('accepts what a %s build writes (whole seconds and milliseconds)', (trigger) => {
    expect(isBuildId(idFor(trigger, '2025-03-16T01:30:00Z'))).toBe(true);
    expect(isBuildId(idFor(trigger, '2025-03-16T01:30:00.123Z'))).toBe(true);
  });

  test('the documented example is one', () => {
    expect(isBuildId(BUILD_ID_EXAMPLE)).toBe(true);
  });

  test.for(['../v1', 'b1', '', '20250316T013000Z-all-52adfa0a/..', '20250316T013000Z-all-52ADFA0A', '20250316T013000Z-nightly-52adfa0a', '20250316T013000Z-all-52adfa0', '2025-03-16T01:30:00Z-all-52adfa0a', ' 20250316T013000Z-all-52adfa0a'])('refuses %j', (id) => {
    expect(isBuildId(id)).toBe(false);
  });

  test('refuses what is not a string', () => {
    for (const value of [undefined, null, 20250316, ['20250316T013000Z-all-52adfa0a']]) expect(isBuildId(value)).toBe(false);
  });
});
