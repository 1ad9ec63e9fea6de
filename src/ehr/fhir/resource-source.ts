import type { Bundle, Resource } from '@medplum/fhirtypes';
import { fail, referenceKey } from '../mapping';

/**
 * Where a notification's resources come from: the notification itself (full-resource) or the EHR's
 * FHIR API (id-only). Readers name what they need; a missing resource is a mapping problem.
 */
export interface ResourceSource {
  read<T extends Resource>(reference: string, from: { resource: string; field: string }): Promise<T>;
  /** Resources of a type whose `param` reference is `target` (e.g. Procedure?encounter=Encounter/1). */
  search<T extends Resource>(type: T['resourceType'], param: SearchParam, target: string): Promise<T[]>;
}

export type SearchParam = 'encounter' | 'beneficiary' | 'subject';

/** The EHR could not be reached or answered with an error: nothing is stored, the EHR retries. */
export class EhrUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EhrUnavailableError';
  }
}

function referencesTarget(resource: Resource, param: SearchParam, target: string): boolean {
  const value = (resource as unknown as Record<string, unknown>)[param] as { reference?: string } | undefined;
  return referenceKey(value?.reference) === target;
}

export function bundleSource(resources: Map<string, Resource>): ResourceSource {
  return {
    read: <T extends Resource>(reference: string, from: { resource: string; field: string }) => {
      const key = referenceKey(reference);
      const found = key ? resources.get(key) : undefined;
      if (!found) fail(from.resource, from.field, `${reference} is not in the notification`);
      return Promise.resolve(found as T);
    },
    search: <T extends Resource>(type: T['resourceType'], param: SearchParam, target: string) =>
      Promise.resolve(
        [...resources.values()].filter(
          (r): r is T => r.resourceType === type && referencesTarget(r, param, target),
        ),
      ),
  };
}

const FETCH_TIMEOUT_MS = 10_000;

/** Reads from the EHR's FHIR base URL with the connection's bearer token. */
export function remoteSource(baseUrl: string, bearerToken: string | undefined): ResourceSource {
  const get = async (path: string): Promise<Response> => {
    try {
      return await fetch(`${baseUrl}/${path}`, {
        headers: {
          accept: 'application/fhir+json',
          ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}),
        },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch {
      throw new EhrUnavailableError(`the EHR's FHIR API did not answer for ${path.split('?')[0]}`);
    }
  };
  const answer = async (response: Response, what: string): Promise<unknown> => {
    if (!response.ok)
      throw new EhrUnavailableError(`the EHR's FHIR API answered ${response.status} for ${what}`);
    return response.json();
  };
  return {
    async read<T extends Resource>(reference: string, from: { resource: string; field: string }) {
      const key = referenceKey(reference);
      if (!key) fail(from.resource, from.field, `"${reference}" is not a resource reference`);
      const response = await get(key);
      if (response.status === 404 || response.status === 410)
        fail(from.resource, from.field, `${key} does not exist on the EHR`);
      const resource = (await answer(response, key)) as T;
      if (`${resource.resourceType}/${resource.id}` !== key)
        fail(from.resource, from.field, `the EHR answered another resource for ${key}`);
      return resource;
    },
    async search<T extends Resource>(type: T['resourceType'], param: SearchParam, target: string) {
      const response = await get(`${type}?${param}=${encodeURIComponent(target)}&_count=100`);
      const bundle = (await answer(response, `${type} search`)) as Bundle<T>;
      return (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource] : []));
    },
  };
}
