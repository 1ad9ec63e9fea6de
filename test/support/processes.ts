import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const launcher = path.join(__dirname, '../../bin/dermclaims.js');

/** What each long-running subcommand prints once it serves. */
const READY = /dermclaims is running|sandbox clearinghouse listening on (\S+)/;

export interface DermclaimsProcess {
  child: ChildProcess;
  /** Milliseconds from spawn to the ready line; rejects if the process exits first. */
  ready: Promise<number>;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
  exited: Promise<void>;
}

/** `node bin/dermclaims.js ARGS` with the given environment (added to this process's). */
export function spawnDermclaims(args: string[], env: Record<string, string>): DermclaimsProcess {
  const started = Date.now();
  const child = spawn(process.execPath, [launcher, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-20_000);
      if (process.env.DERMCLAIMS_ECHO) process.stderr.write(`[${args[0]} ${child.pid}] ${chunk.toString()}`);
      if (READY.test(text)) resolve(Date.now() - started);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() =>
      reject(new Error(`dermclaims ${args[0]} exited (${child.exitCode ?? child.signalCode}): ${text}`)),
    );
  });
  ready.catch(() => undefined); // observed by whoever awaits it
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    child,
    ready,
    output: () => text,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    exited,
  };
}
