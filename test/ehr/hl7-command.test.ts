import { Hl7Client } from '@medplum/hl7';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { visitAsDft } from '../../src/ehr/simulator/render-hl7';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/ports';
import { devServerEnvironment } from '../support/temporal';
import { biopsyVisit } from './support';

const bin = path.join(__dirname, '../../bin/dermclaims.js');
let database: TestDatabase;
let temporal: TestWorkflowEnvironment;
let child: ChildProcess | undefined;

beforeAll(async () => {
  [database, temporal] = await Promise.all([createTestDatabase(), devServerEnvironment()]);
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await temporal?.teardown();
  await database?.drop();
});

/** Starts `npx dermclaims hl7 --port P` and resolves once it says it is listening. */
function startListener(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [bin, 'hl7', '--port', String(port)], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: 'hl7-command-test',
        DERMCLAIMS_PAYLOAD_KEYS: `hl7-test:${randomBytes(32).toString('base64')}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('MLLP listener on')) resolve(out);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`dermclaims hl7 exited with ${code}:\n${out}`)));
  });
}

test('npx dermclaims hl7 --port P listens for MLLP and starts the visit workflow of a DFT^P03', async () => {
  const port = await freePort();
  expect(await startListener(port)).toContain(`127.0.0.1:${port}`);
  // The default connections file's demo-ehr connection: MSH-3 DEMOEHR, MSH-4 DEMOCLINIC.
  const client = new Hl7Client({ host: '127.0.0.1', port });
  try {
    const doc = { ...biopsyVisit('HL7-CLI-1'), dateOfService: '2026-11-20' };
    const message = visitAsDft(doc, {
      controlId: 'CLI-0001',
      sendingApplication: 'DEMOEHR',
      sendingFacility: 'DEMOCLINIC',
      sentAt: '2026-11-20T18:00:00Z',
    });
    const ack = await client.sendAndWait(message, { timeoutMs: 30_000 });
    expect(ack.getSegment('MSA')?.getComponent(1, 1)).toBe('AA');
  } finally {
    await client.close();
  }
  const description = await temporal.client.workflow.getHandle('visit-HL7-CLI-1').describe();
  expect(description.taskQueue).toBe('hl7-command-test');
  expect(await database.db.visit.count({ where: { id: 'HL7-CLI-1' } })).toBe(1);
}, 90_000);
