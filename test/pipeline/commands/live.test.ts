/**
 * `props-api live` flags (issue 5): every flag is checked before the warehouse, the feed or the
 * bucket is touched, with the house message template; defaults are a 180 s tick until 02:00 ET.
 */
import { describe, expect, test } from 'vitest';
import { liveFlags } from '../../../pipeline/commands/live.ts';

describe('liveFlags', () => {
  test('defaults', () => {
    const flags = liveFlags({});
    expect(flags).toMatchObject({ intervalSeconds: 180, until: '02:00', speed: 1, watch: false, ticks: undefined, store: undefined, asOf: undefined });
    expect(flags.options.feedUrl).toMatch(/^https:\/\//);
  });

  test.each([
    [{ until: '25:00' }, /Expected `--until` to be an Eastern wall-clock time HH:MM/],
    [{ interval: '0' }, /Expected `--interval` to be an integer ≥ 1, got `0`/],
    [{ speed: 'fast' }, /Expected `--speed` to be a number > 0/],
    [{ feed: 'ftp' }, /Expected `feed` to be `sample` or `http`, got `ftp`/],
    [{ 'feed-url': 'api.balldontlie.io' }, /Expected `feedUrl` to be an http\(s\) URL/],
    [{ bucket: 'gs://props-bucket' }, /Expected `--bucket` to be used with --publish/],
    [{ publish: true }, /Expected `--bucket` to be gs:\/\/NAME/],
    [{ 'as-of': 'tonight' }, /Expected `--as-of` to be an ISO 8601 instant/],
  ])('%j is refused', (values, message) => {
    expect(() => liveFlags(values)).toThrow(message);
  });

  test('--publish opens the bucket store up front', () => {
    expect(liveFlags({ publish: true, bucket: 'file:///tmp/live-bucket', watch: true, interval: '60', ticks: '3' })).toMatchObject({ watch: true, intervalSeconds: 60, ticks: 3, store: { description: expect.stringContaining('live-bucket') } });
  });
});
