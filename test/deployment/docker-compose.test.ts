/**
 * There is no Docker engine in CI, so the deployment is checked statically: docker-compose.yml is
 * parsed with `yaml` (merge keys on, as Compose does) and compared with the code it deploys: the
 * CLI's subcommands and options, the config's env vars and the workflows' search attributes.
 */
import { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { registerCommands } from '../../src/cli/commands';
import { loadConfig } from '../../src/config';
import { allSearchAttributeKeys } from '../../src/visit-billing/search-attributes';

const root = path.join(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | number | { target?: number; published?: number | string }>;
  expose?: Array<string | number>;
  container_name?: string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: Array<string | { source?: string; target?: string }>;
  restart?: string;
  networks?: string[] | Record<string, unknown>;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { internal?: boolean } | null>;
}

const readCompose = (file: string) =>
  parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as ComposeFile;
const compose = readCompose('docker-compose.yml');
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no "${name}" service`);
  return found;
};

/** `${NAME:-default}` → default (what Compose uses when NAME is unset); `$$` → `$`. */
const interpolate = (value: string) =>
  value.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_m, _name, fallback?: string) => fallback ?? '');

function environment(name: string, from: Record<string, Service> = services): Record<string, string> {
  const env = from[name]?.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.split('=')[0]!, line.split('=').slice(1).join('=')] as const)
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)] as const);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value)]));
}

const commandOf = (s: Service): string[] =>
  s.command === undefined
    ? []
    : Array.isArray(s.command)
      ? s.command
      : s.command.split(/\s+/).filter(Boolean);

const hostPorts = (s: Service): string[] =>
  (s.ports ?? []).map((p) =>
    typeof p === 'object'
      ? `${p.published ?? ''}:${p.target ?? ''}`
      : String(p).replace(/^[\d.]+:(?=\d+:)/, ''),
  );

const dependsOn = (s: Service): Record<string, string | undefined> =>
  Array.isArray(s.depends_on)
    ? Object.fromEntries(s.depends_on.map((d) => [d, undefined]))
    : Object.fromEntries(Object.entries(s.depends_on ?? {}).map(([d, v]) => [d, v?.condition]));

const buildsDermclaims = (s: Service) => {
  const context = typeof s.build === 'string' ? s.build : s.build?.context;
  return context !== undefined && path.resolve(root, context) === root;
};

/** The dermclaims CLI exactly as bin/dermclaims.js builds it. */
function cli(): Command {
  const program = new Command('dermclaims');
  registerCommands(program);
  return program;
}

const dermclaimsServices = ['migrate', 'api', 'worker', 'sandbox', 'hl7'];

describe('docker-compose.yml', () => {
  it('defines every service of the deployment', () => {
    for (const name of [
      'postgresql',
      'temporal',
      'temporal-setup',
      'temporal-ui',
      'migrate',
      'api',
      'worker',
      'sandbox',
      'hl7',
    ])
      expect(Object.keys(services)).toContain(name);
  });

  it('uses the expected images', () => {
    expect(service('postgresql').image).toMatch(/^postgres:16(\.|$|-)/);
    expect(service('temporal').image).toMatch(/^temporalio\/auto-setup:\d/);
    expect(service('temporal-setup').image).toMatch(/^temporalio\/admin-tools:\d/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:\d/);
  });

  it.each(dermclaimsServices)('%s runs the dermclaims image built from this repository', (name) => {
    expect(buildsDermclaims(service(name))).toBe(true);
    const build = service(name).build;
    const dockerfile = typeof build === 'object' && build.dockerfile ? build.dockerfile : 'Dockerfile';
    expect(path.resolve(root, dockerfile)).toBe(path.join(root, 'Dockerfile'));
  });

  it('PostgreSQL keeps its data in a named volume and has a healthcheck', () => {
    const pg = service('postgresql');
    const volume = (pg.volumes ?? [])
      .map((v) => (typeof v === 'string' ? v.split(':') : [v.source, v.target]))
      .find(([, target]) => target === '/var/lib/postgresql/data');
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume![0]);
    expect(JSON.stringify(pg.healthcheck?.test)).toContain('pg_isready');
  });

  it('creates separate databases for dermclaims and Temporal', () => {
    const init = (service('postgresql').volumes ?? [])
      .map((v) => (typeof v === 'string' ? v.split(':') : [v.source, v.target]))
      .find(([, target]) => target?.startsWith('/docker-entrypoint-initdb.d/'));
    expect(init).toBeDefined();
    const script = readFileSync(path.resolve(root, init![0]!), 'utf8');
    expect(script).toMatch(/CREATE DATABASE dermclaims\b/);
    expect(script).toMatch(/CREATE ROLE temporal\b[^;]*CREATEDB/);

    const dermclaimsDb = new URL(environment('api').DATABASE_URL!).pathname.slice(1);
    const temporal = environment('temporal');
    expect(dermclaimsDb).toBe('dermclaims');
    expect([
      temporal.DBNAME ?? 'temporal',
      temporal.VISIBILITY_DBNAME ?? 'temporal_visibility',
    ]).not.toContain(dermclaimsDb);
    // The sandbox clearinghouse plays an outside party: its state is not in dermclaims' database.
    expect(new URL(environment('sandbox').DATABASE_URL!).pathname.slice(1)).not.toBe(dermclaimsDb);
  });

  it('Temporal persists to the postgresql service (postgres12 SQL persistence and visibility)', () => {
    const env = environment('temporal');
    expect(env.DB).toBe('postgres12');
    expect(env.DB_PORT).toBe('5432');
    expect(env.POSTGRES_SEEDS).toBe('postgresql');
    expect(env.POSTGRES_USER).toBeTruthy();
    expect(env.POSTGRES_PWD).toBeTruthy();
    expect(env.ENABLE_ES ?? 'false').toBe('false');
    expect(service('temporal').healthcheck?.test).toBeDefined();
  });

  it('registers all of the workflows’ custom search attributes, with their types', () => {
    const setup = service('temporal-setup');
    const script = [...commandOf(setup), ...[setup.entrypoint ?? []].flat()].join('\n');
    const registered = new Map(
      [
        ...script.matchAll(/temporal operator search-attribute create\b[^\n]*?--name (\w+) --type (\w+)/g),
      ].map((m) => [m[1]!, m[2]!]),
    );
    const typeName: Record<string, string> = {
      KEYWORD: 'Keyword',
      BOOL: 'Bool',
      DATETIME: 'Datetime',
      INT: 'Int',
      KEYWORD_LIST: 'KeywordList',
    };
    const expected = new Map(allSearchAttributeKeys.map((key) => [key.name, typeName[key.type] ?? key.type]));
    expect(Object.fromEntries(registered)).toEqual(Object.fromEntries(expected));
    expect(expected).toEqual(
      new Map([
        ['ClaimStatus', 'Keyword'],
        ['PayerId', 'Keyword'],
        ['PracticeId', 'Keyword'],
        ['NeedsReview', 'Bool'],
        ['ServiceMonth', 'Datetime'],
        ['DateOfService', 'Datetime'],
        ['ReviewPriority', 'Int'],
        ['ReviewReasons', 'KeywordList'],
      ]),
    );
    expect(environment('temporal-setup').TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(dependsOn(setup).temporal).toBe('service_healthy');
  });

  it('the Temporal UI is published on 8233 and talks to temporal:7233', () => {
    expect(hostPorts(service('temporal-ui'))).toContain('8233:8080');
    expect(environment('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('the API is published on 3000 and listens on all interfaces', () => {
    expect(hostPorts(service('api'))).toContain('3000:3000');
    const env = environment('api');
    expect(env.API_HOST ?? '0.0.0.0').toBe('0.0.0.0');
    expect(env.API_PORT ?? '3000').toBe('3000');
    expect(env.EHR_WEBHOOK_SECRET).toBeDefined();
    // Staff sign in as users (docs/people.md): there is no shared staff token any more.
    expect(env.STAFF_API_TOKEN).toBeUndefined();
    expect(loadConfig(env).api.trustProxy).toBe(false);
  });

  it('the HL7 MLLP listener binds inside its container but is published on the host loopback only', () => {
    const hl7 = service('hl7');
    expect(hostPorts(hl7)).toEqual(['2575:2575']);
    expect(hl7.ports).toEqual(['127.0.0.1:2575:2575']);
    expect(hl7.command).toEqual(['hl7', '--port', '2575', '--host', '0.0.0.0']);
    expect(environment('hl7').TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it.each(['api', 'worker'])('%s gets DATABASE_URL, TEMPORAL_ADDRESS and CLEARINGHOUSE_URL', (name) => {
    const env = environment(name);
    const database = new URL(env.DATABASE_URL!);
    expect(database.protocol).toBe('postgresql:');
    expect(database.hostname).toBe('postgresql');
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.CLEARINGHOUSE_URL).toBe('http://sandbox:4010');
  });

  it('placeholder secrets meet the config’s minimum length and say "change me"', () => {
    const env = environment('api');
    for (const key of ['EHR_WEBHOOK_SECRET']) {
      expect(env[key]!.length).toBeGreaterThanOrEqual(16);
      expect(env[key]).toMatch(/change-me/);
    }
    expect(environment('postgresql').POSTGRES_PASSWORD).toMatch(/change-me/);
  });

  it('payload keys and the codec token are required, never defaulted in the repository', () => {
    const required = (value: string | undefined) => /^\$\{[A-Z_]+:\?[^}]+\}$/.test(value ?? '');
    for (const name of ['api', 'worker'])
      expect({ name, keys: required(environment(name).DERMCLAIMS_PAYLOAD_KEYS) }).toEqual({
        name,
        keys: true,
      });
    expect(required(environment('api').DERMCLAIMS_CODEC_TOKEN)).toBe(true);
  });

  it('the Temporal UI decodes through the API’s codec server, sending the admin’s session cookie', () => {
    const ui = environment('temporal-ui');
    const api = environment('api');
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(api.DERMCLAIMS_CODEC_ENDPOINT);
    expect(new URL(ui.TEMPORAL_CODEC_ENDPOINT!).pathname).toBe('/codec');
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    const uiOrigin = `http://127.0.0.1:${hostPorts(service('temporal-ui'))[0]!.split(':')[0]}`;
    expect(api.DERMCLAIMS_CODEC_ORIGINS!.split(',')).toContain(uiOrigin);
  });

  it('the worker is scalable: no container_name, no host port, replicas', () => {
    const worker = service('worker');
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports ?? []).toEqual([]);
    expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('the sandbox listens on 4010 on all interfaces, matching CLEARINGHOUSE_URL', () => {
    const command = commandOf(service('sandbox'));
    const option = (flag: string) => command[command.indexOf(flag) + 1];
    expect(command[0]).toBe('sandbox');
    expect(option('--host')).toBe('0.0.0.0');
    expect(option('--port') ?? '4010').toBe('4010');
    expect(environment('sandbox').DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgresql:5432\//);
    expect(service('sandbox').healthcheck?.test).toBeDefined();
  });

  it('starts in order: depends_on with health and completion conditions', () => {
    const expectations: Record<string, Record<string, string>> = {
      temporal: { postgresql: 'service_healthy' },
      'temporal-setup': { temporal: 'service_healthy' },
      'temporal-ui': { temporal: 'service_healthy' },
      migrate: { postgresql: 'service_healthy' },
      sandbox: { postgresql: 'service_healthy' },
      api: {
        migrate: 'service_completed_successfully',
        temporal: 'service_healthy',
        'temporal-setup': 'service_completed_successfully',
      },
      worker: {
        migrate: 'service_completed_successfully',
        temporal: 'service_healthy',
        'temporal-setup': 'service_completed_successfully',
        sandbox: 'service_healthy',
      },
    };
    for (const [name, deps] of Object.entries(expectations))
      expect({ name, ...dependsOn(service(name)) }).toMatchObject({ name, ...deps });
    // A service_healthy condition needs a healthcheck on the dependency.
    for (const [name, s] of Object.entries(services))
      for (const [dep, condition] of Object.entries(dependsOn(s))) {
        expect({ name, dep, known: dep in services }).toEqual({ name, dep, known: true });
        if (condition === 'service_healthy')
          expect({ dep, healthcheck: Boolean(services[dep]!.healthcheck?.test) }).toEqual({
            dep,
            healthcheck: true,
          });
      }
    for (const oneShot of ['migrate', 'temporal-setup']) expect(service(oneShot).restart).toBe('no');
  });

  it('every dermclaims command is a real subcommand of the CLI, with real options', () => {
    const program = cli();
    const subcommands = new Map(program.commands.map((c) => [c.name(), c]));
    const commands = Object.entries(services).filter(([, s]) => buildsDermclaims(s));
    expect(commands.map(([name]) => name).sort()).toEqual([...dermclaimsServices].sort());
    for (const [name, s] of commands) {
      const [sub, ...args] = commandOf(s);
      expect({ service: name, command: sub }).toEqual({ service: name, command: expect.any(String) });
      const command = subcommands.get(sub!);
      expect({ service: name, command: sub, known: Boolean(command) }).toEqual({
        service: name,
        command: sub,
        known: true,
      });
      const flags = new Set(command!.options.flatMap((o) => [o.long, o.short].filter(Boolean)));
      for (const arg of args.filter((a) => a.startsWith('-')))
        expect({ service: name, option: arg, known: flags.has(arg.split('=')[0]) }).toEqual({
          service: name,
          option: arg,
          known: true,
        });
    }
    expect(commandOf(service('api'))[0]).toBe('api');
    expect(commandOf(service('worker'))[0]).toBe('worker');
    expect(commandOf(service('migrate'))[0]).toBe('migrate');
    expect(commandOf(service('sandbox'))[0]).toBe('sandbox');
  });

  it('the CLI the image runs lists the same subcommands (node bin/dermclaims.js --help)', () => {
    const help = execFileSync(process.execPath, [path.join(root, 'bin', 'dermclaims.js'), '--help'], {
      encoding: 'utf8',
    });
    for (const name of dermclaimsServices.map((s) => commandOf(service(s))[0]!))
      expect(help).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });
});

const networksOf = (s: Service | undefined): string[] =>
  Array.isArray(s?.networks) ? s.networks : Object.keys(s?.networks ?? {});

/** `ADDRESS:HOST:CONTAINER` → ADDRESS ('' when the port is published on every interface). */
const publishedOn = (s: Service): string[] =>
  (s.ports ?? []).map((p) =>
    typeof p === 'object' ? '' : (/^([\d.]+):\d+:\d+$/.exec(String(p))?.[1] ?? ''),
  );

describe('Temporal is not a back door (docker-compose.yml)', () => {
  const temporalNetworks = networksOf(service('temporal'));

  it('every service is on named networks, and every network is declared', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, networks: networksOf(s).length > 0 }).toEqual({ name, networks: true });
      for (const network of networksOf(s)) expect(Object.keys(compose.networks ?? {})).toContain(network);
    }
  });

  it('the frontend publishes no port and sits only on internal networks', () => {
    expect(service('temporal').ports ?? []).toEqual([]);
    expect(temporalNetworks.length).toBeGreaterThan(0);
    for (const network of temporalNetworks)
      expect({ network, internal: compose.networks?.[network]?.internal }).toEqual({
        network,
        internal: true,
      });
  });

  it('only the API, the workers, the UI and the setup job reach it (and its own database)', () => {
    const reach = Object.entries(services)
      .filter(([name, s]) => name !== 'temporal' && networksOf(s).some((n) => temporalNetworks.includes(n)))
      .map(([name]) => name)
      .sort();
    expect(reach).toEqual(['api', 'hl7', 'postgresql', 'temporal-setup', 'temporal-ui', 'worker']);
    // The database shares only the persistence network with Temporal, which no client is on.
    const shared = networksOf(service('postgresql')).filter((n) => temporalNetworks.includes(n));
    for (const network of shared)
      expect(
        Object.entries(services)
          .filter(([, s]) => networksOf(s).includes(network))
          .map(([n]) => n)
          .sort(),
      ).toEqual(['postgresql', 'temporal']);
  });

  it('the UI is published on the host’s loopback only, with every write action disabled', () => {
    const ui = service('temporal-ui');
    expect(publishedOn(ui)).toEqual(['127.0.0.1']);
    const env = environment('temporal-ui');
    for (const key of [
      'TEMPORAL_DISABLE_WRITE_ACTIONS',
      'TEMPORAL_WORKFLOW_TERMINATE_DISABLED',
      'TEMPORAL_WORKFLOW_CANCEL_DISABLED',
      'TEMPORAL_WORKFLOW_SIGNAL_DISABLED',
      'TEMPORAL_WORKFLOW_RESET_DISABLED',
      'TEMPORAL_BATCH_ACTIONS_DISABLED',
      'TEMPORAL_START_WORKFLOW_DISABLED',
    ])
      expect({ key, value: env[key] }).toEqual({ key, value: 'true' });
  });

  it('what is published: the API (all interfaces), the UI and the MLLP listener (loopback); nothing else', () => {
    const published = Object.entries(services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['api', 'hl7', 'temporal-ui']);
    // A published port needs a network that is not internal.
    for (const name of published)
      expect(networksOf(service(name)).some((n) => !compose.networks?.[n]?.internal)).toBe(true);
  });
});

describe('docker-compose.mtls.yml: mTLS between Temporal and its clients', () => {
  const mtls = readCompose('docker-compose.mtls.yml').services;
  const mountOf = (name: string) =>
    (mtls[name]?.volumes ?? [])
      .map((v) => (typeof v === 'string' ? v.split(':') : [v.source, v.target]))
      .find(([, target]) => target === '/etc/temporal-tls');

  it('only adds to services of docker-compose.yml', () => {
    for (const name of Object.keys(mtls)) expect(Object.keys(services)).toContain(name);
  });

  it('the server requires a client certificate from the cluster CA on the frontend and between nodes', () => {
    const env = environment('temporal', mtls);
    expect(env.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH).toBe('true');
    for (const key of [
      'TEMPORAL_TLS_SERVER_CERT',
      'TEMPORAL_TLS_FRONTEND_CERT',
      'TEMPORAL_TLS_CLIENT1_CA_CERT',
    ])
      expect(env[key]).toMatch(/^\/etc\/temporal-tls\//);
    expect(env.TEMPORAL_TLS_FRONTEND_DISABLE_HOST_VERIFICATION).toBe('false');
    expect(mountOf('temporal')?.[0]).toBe('./deploy/temporal-certs/server');
  });

  it.each([
    ['api', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'],
    ['worker', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'],
    ['temporal-ui', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'],
    [
      'temporal-setup',
      'TEMPORAL_TLS_CLIENT_CERT_PATH',
      'TEMPORAL_TLS_CLIENT_KEY_PATH',
      'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
    ],
  ])('%s presents its own certificate, mounted read-only from its own folder', (name, cert, key, ca) => {
    const env = environment(name, mtls);
    const mount = mountOf(name);
    expect(mount?.[0]).toMatch(/^\.\/deploy\/temporal-certs\/(api|worker|ui|admin)$/);
    expect(mount?.[2]).toBe('ro');
    expect([env[cert], env[key], env[ca]]).toEqual([
      '/etc/temporal-tls/cert.pem',
      '/etc/temporal-tls/key.pem',
      '/etc/temporal-tls/ca.pem',
    ]);
    // The certificate names the service every client dials.
    expect(env.TEMPORAL_TLS_SERVER_NAME).toBe('temporal');
  });

  it('no two parties share a certificate folder', () => {
    const folders = Object.keys(mtls).map((name) => mountOf(name)?.[0]);
    expect(new Set(folders).size).toBe(folders.length);
  });

  it.each(['api', 'worker'])('%s: the config turns those variables into a TLS connection', (name) => {
    const config = loadConfig({ ...environment(name), ...environment(name, mtls) });
    expect(config.temporal.tls).toEqual({
      enabled: true,
      certPath: '/etc/temporal-tls/cert.pem',
      keyPath: '/etc/temporal-tls/key.pem',
      caPath: '/etc/temporal-tls/ca.pem',
      serverName: 'temporal',
    });
  });

  it('the certificates are not committed (git and the image ignore them)', () => {
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\/deploy\/temporal-certs\/$/m);
    expect(readFileSync(path.join(root, '.dockerignore'), 'utf8')).toMatch(/^deploy$/m);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const last = (keyword: string) =>
    [...instructions].reverse().find((line) => line.startsWith(`${keyword} `));

  it('builds on Debian Node 20 (glibc for the Temporal core-bridge), not Alpine', () => {
    const from = last('FROM')!;
    expect(from).toMatch(/^FROM node:20[\w.-]*-(bookworm|bullseye|trixie)/);
    expect(from).not.toMatch(/alpine/i);
  });

  it('installs with npm ci and generates the Prisma client', () => {
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run db:generate/);
  });

  it('runs as a non-root user', () => {
    expect(last('USER')).toBeDefined();
    expect(last('USER')).not.toMatch(/^USER (root|0)(:|$)/);
  });

  it('the entrypoint is the dermclaims CLI and the default command runs the API', () => {
    expect(JSON.parse(last('ENTRYPOINT')!.slice('ENTRYPOINT '.length))).toEqual(
      expect.arrayContaining(['node', 'bin/dermclaims.js']),
    );
    expect(JSON.parse(last('CMD')!.slice('CMD '.length))).toEqual(['api']);
  });

  it('.dockerignore keeps local state, installed modules and secrets out of the image', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', 'data', '.env', '.git', 'src/db/generated'])
      expect(ignored).toContain(entry);
    // The coding tables under src/coding/data must stay in the build context.
    expect(ignored).not.toContain('**/data');
  });
});
