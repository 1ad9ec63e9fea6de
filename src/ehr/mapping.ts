import { createHash } from 'node:crypto';
import { OpaqueIdSchema } from '../visit/schema';

/** What could not be mapped: the EHR's resource (or segment) and field, and why. */
export interface MappingProblem {
  /** `Encounter/123`, `Bundle`, or an HL7 v2 segment such as `FT1[2]`. */
  resource: string;
  /** The FHIR element path (`period.start`) or the HL7 field (`FT1-25`). */
  field: string;
  message: string;
}

/** Thrown by mappers at the first problem they cannot get past; collected problems travel with it. */
export class MappingError extends Error {
  constructor(readonly problems: MappingProblem[]) {
    super(problems.map((p) => `${p.resource} ${p.field}: ${p.message}`).join('; '));
    this.name = 'MappingError';
  }
}

export function fail(resource: string, field: string, message: string): never {
  throw new MappingError([{ resource, field, message }]);
}

/**
 * Where each part of a mapped visit document came from, so a problem the visit schema finds
 * (`patient.address.postalCode`) is reported against the EHR's resource and field.
 */
export class Provenance {
  private readonly origins: Array<[string, { resource: string; field: string }]> = [];

  note(documentPath: string, resource: string, field: string): void {
    this.origins.push([documentPath, { resource, field }]);
  }

  /** Notes `documentPath` as coming from where `placeholder` was noted, else from the fallback. */
  alias(placeholder: string, documentPath: string, resource: string, field: string): void {
    const noted = this.origins.find(([p]) => p === placeholder)?.[1];
    this.note(documentPath, noted?.resource ?? resource, noted?.field ?? field);
  }

  problemFor(documentPath: string, message: string): MappingProblem {
    const match = this.origins
      .filter(([p]) => documentPath === p || documentPath.startsWith(`${p}.`))
      .sort(([a], [b]) => b.length - a.length)[0];
    if (!match) return { resource: 'visit', field: documentPath, message };
    const rest = documentPath.slice(match[0].length).replace(/^\./, '');
    return {
      resource: match[1].resource,
      field: rest ? `${match[1].field} (${rest})` : match[1].field,
      message,
    };
  }
}

/**
 * The visit document's eventId for an EHR delivery: readable when the parts fit an opaque id,
 * else a digest of them (same parts, same id: redeliveries stay idempotent).
 */
export function deliveryEventId(connectionId: string, ...parts: string[]): string {
  const readable = [connectionId, ...parts].join('.');
  if (OpaqueIdSchema.safeParse(readable).success) return readable;
  const digest = createHash('sha256')
    .update(JSON.stringify([connectionId, ...parts]))
    .digest('hex');
  return `${connectionId.slice(0, 30)}.${digest.slice(0, 32)}`;
}

/** A reference's `Type/id` (absolute URLs and `_history` versions trimmed). */
export function referenceKey(reference: string | undefined): string | undefined {
  const match = reference
    ? /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference)
    : null;
  return match ? `${match[1]}/${match[2]}` : undefined;
}
