/**
 * Runs `fn` over `items` with at most `concurrency` in flight. After the first failure nothing
 * new starts; the calls already running finish, then that first failure is thrown. (A publish
 * that hit a conflict must not keep writing while it unwinds.)
 */
import PQueue from 'p-queue';

export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = new PQueue({ concurrency });
  let failure: { error: unknown } | undefined;
  for (const item of items) {
    void queue.add(async () => {
      if (failure) return;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
        queue.clear();
      }
    });
  }
  await queue.onIdle();
  if (failure) throw failure.error;
}
