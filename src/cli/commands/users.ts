import type { Command } from 'commander';
import type { Print, usersCommands } from '../users-command';

const print: Print = { out: (t) => console.log(t), err: (t) => console.error(t) };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Runs one user-administration command on DATABASE_URL, else the embedded database of `dermclaims up`. */
async function withUsers(
  work: (commands: ReturnType<typeof usersCommands>) => Promise<number>,
): Promise<void> {
  const { loadConfig } = await import('../../config');
  const { createDatabase } = await import('../../db/client');
  const { embeddedDatabaseUrl } = await import('../../db/embedded-postgres');
  const commands = await import('../users-command');
  const db = createDatabase(loadConfig().databaseUrl ?? embeddedDatabaseUrl());
  try {
    process.exitCode = await commands.runUsersCommand(print, () => work(commands.usersCommands(db, print)));
  } finally {
    await db.$disconnect();
  }
}

export function register(program: Command): void {
  const users = program
    .command('users')
    .description('staff users and their API keys (on DATABASE_URL, else the running embedded database)');
  users
    .command('add')
    .description('create a user; prints a one-time API key')
    .argument('<name>', 'username (lower case)')
    .requiredOption('--role <role>', 'biller, supervisor or admin')
    .option('--password-stdin', 'also set a password for web sign-in, read from standard input')
    .option('--no-key', 'do not issue an API key')
    .action(async (name: string, options: { role: string; passwordStdin?: boolean; key: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      await withUsers((c) => c.add(name, { role: options.role, password, key: options.key }));
    });
  users
    .command('list')
    .description('users, roles and API keys (ids, last use, revocation; never the keys)')
    .action(() => withUsers((c) => c.list()));
  users
    .command('revoke')
    .description('revoke an API key')
    .argument('<keyId>', 'the key id (the part after "dck_" up to the next "_")')
    .action((keyId: string) => withUsers((c) => c.revoke(keyId)));
  users
    .command('disable')
    .description('disable a user: every key and session stops working')
    .argument('<name>')
    .action((name: string) => withUsers((c) => c.disable(name)));
  users
    .command('set-password')
    .description('set a web sign-in password, read from standard input')
    .argument('<name>')
    .action(async (name: string) => {
      const password = await readStdin();
      await withUsers((c) => c.setPassword(name, password));
    });
  program
    .command('keys')
    .description('API keys')
    .command('add')
    .description('issue another API key for a user; prints it once')
    .argument('<name>')
    .option('--label <label>', 'what the key is for')
    .action((name: string, options: { label?: string }) => withUsers((c) => c.keysAdd(name, options)));
}
