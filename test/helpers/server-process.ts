/**
 * A loopback server in a child process, for the production bench: the work of serving (encoding
 * BigQuery's result pages, answering Cloud Storage's requests) is the cloud's CPU, so it must not
 * take CPU from the build or publish being measured. The parent asks, one message at a time, and
 * each answer is the reply to the message sent just before it; `close` stops the child.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface ServerProcess<Ask> {
  /** The server's `http://127.0.0.1:<port>`, as the child reported it. */
  url: string;
  ask(message: Ask): Promise<unknown>;
  close(): Promise<void>;
}

/** Forks `module` (run through tsx) with `arg` as its argv[2]; resolves once the child reports its URL. */
export async function forkServer<Ask>(module: string, arg: string, name: string): Promise<ServerProcess<Ask>> {
  const child = fork(module, [arg], {
    execArgv: ['--import', import.meta.resolve('tsx')], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = (await nextMessage(child, name)) as { url: string };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    url,
    ask: (message) => {
      const answer = queue.then(() => {
        const reply = nextMessage(child, name);
        child.send({ ask: message });
        return reply;
      });
      queue = answer.catch(() => undefined);
      return answer;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ close: true });
      await exited;
    },
  };
}

function nextMessage(child: ChildProcess, name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`Internal error: the loopback ${name} process exited (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => { child.off('exit', onExit); resolve(message); });
  });
}

/** The child's side: reports `server.url`, answers each question with `answer`'s result, closes on request. */
export function serveInChild<Ask>(server: { url: string; close(): Promise<void> }, answer: (message: Ask) => unknown): void {
  process.on('message', (message: { ask: Ask } | { close: true }) => {
    if ('close' in message) void server.close().then(() => process.disconnect());
    else process.send?.(answer(message.ask) ?? {});
  });
  process.send?.({ url: server.url });
}
