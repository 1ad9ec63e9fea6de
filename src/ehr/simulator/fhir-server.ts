import type { Bundle, Resource } from '@medplum/fhirtypes';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { referenceKey } from '../mapping';

/**
 * A small FHIR R4 read/search server standing in for an EHR (the demo EHR and the tests): reads by
 * `Type/id` and searches on one reference parameter (encounter, beneficiary, subject), behind a
 * bearer token. It counts what it was asked, so a test can see an id-only notification fetched back.
 */
export interface FhirServerStub {
  baseUrl: string;
  put(resources: Resource[]): void;
  /** Requests served, as `GET Encounter/1` or `GET Procedure?encounter=Encounter/1`. */
  requests: string[];
  stop(): Promise<void>;
}

const SEARCH_PARAMS = ['encounter', 'beneficiary', 'subject'] as const;

export async function startFhirServerStub(options: {
  bearerToken: string;
  port?: number;
  host?: string;
  /** Where the FHIR API is served (default `/fhir`). */
  basePath?: string;
}): Promise<FhirServerStub> {
  const basePath = options.basePath || '/fhir';
  const store = new Map<string, Resource>();
  const requests: string[] = [];
  const app = express();
  app.disable('x-powered-by');
  const fhir = express.Router();
  app.use(basePath, fhir);
  fhir.use((req, res, next) => {
    if (req.get('authorization') !== `Bearer ${options.bearerToken}`) {
      res
        .status(401)
        .json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
      return;
    }
    next();
  });
  fhir.get('/:type/:id', (req, res) => {
    requests.push(`GET ${req.params.type}/${req.params.id}`);
    const found = store.get(`${req.params.type}/${req.params.id}`);
    if (!found)
      res
        .status(404)
        .json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    else res.type('application/fhir+json').json(found);
  });
  fhir.get('/:type', (req, res) => {
    const param = SEARCH_PARAMS.find((p) => typeof req.query[p] === 'string');
    const target = param ? referenceKey(req.query[param] as string) : undefined;
    requests.push(`GET ${req.params.type}?${param ?? ''}=${target ?? ''}`);
    const matches = [...store.values()].filter((r) => {
      const value = param
        ? ((r as unknown as Record<string, unknown>)[param] as { reference?: string } | undefined)
        : undefined;
      return (
        r.resourceType === req.params.type &&
        target !== undefined &&
        referenceKey(value?.reference) === target
      );
    });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      entry: matches.map((resource) => ({ resource })),
    };
    res.type('application/fhir+json').json(bundle);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}${basePath}`,
    put: (resources) => resources.forEach((r) => store.set(`${r.resourceType}/${r.id ?? ''}`, r)),
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
