/**
 * The cause chain the CLI prints (issue 18: every hint is shown). A failed build lists its jobs'
 * failures; each job's own hint is printed under it, once per run of failures sharing that hint,
 * and the build's closing hint last.
 */
import { describe, expect, test } from 'vitest';
import { BuildFailedError, QueryError, WriteError, formatErrorChain } from '../../pipeline/errors.ts';

describe('formatErrorChain', () => {
  test("a failed build prints every job's hint, a shared hint once after its run, then its own", () => {
    const rowHint = 'Fix the source row.';
    const failures = [
      new QueryError('StringTooLong', 'row 1 field `name` is long', { exporterId: 'a.one', hint: rowHint }),
      new QueryError('StringTooLong', 'row 2 field `name` is long', { exporterId: 'a.one', hint: rowHint }),
      new WriteError('FileTooLarge', 'the file is big', { exporterId: 'b.two', outputPath: 'v1/b.json', hint: 'Raise --max-file-bytes.' }),
      new WriteError('WriteFailed', 'disk full', { exporterId: 'c.three' }),
    ];
    expect(formatErrorChain(new BuildFailedError(failures, '4 job(s) failed; nothing was written')).split('\n')).toEqual([
      '✖ [BuildFailed] 4 job(s) failed; nothing was written',
      '  1. [StringTooLong] a.one: row 1 field `name` is long',
      '  2. [StringTooLong] a.one: row 2 field `name` is long',
      '     hint: Fix the source row.',
      '  3. [FileTooLarge] b.two → v1/b.json: the file is big',
      '     hint: Raise --max-file-bytes.',
      '  4. [WriteFailed] c.three: disk full',
      '  hint: Fix the causes listed above and build again; nothing was written.',
    ]);
  });
});
