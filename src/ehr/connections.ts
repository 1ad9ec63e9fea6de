import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OpaqueIdSchema } from '../visit/schema';

/**
 * EHR connections: who may send visits and pathology results, and how they authenticate. Kept in a
 * checked file (config/ehr-connections.json, or DERMCLAIMS_EHR_CONNECTIONS) that names environment
 * variables for the secrets, so no secret is ever committed. docs/integrations.md describes it.
 */
const secretRef = z.object({
  /** Environment variable that holds the secret. */
  env: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  /** Used when the variable is unset (development connections only). */
  devDefault: z.string().min(16).optional(),
});

const EhrConnectionFileSchema = z.object({
  connections: z
    .array(
      z.object({
        id: OpaqueIdSchema,
        /** The practice a visit belongs to when the message does not name one. */
        practiceId: OpaqueIdSchema,
        /** HMAC-SHA256 key of every HTTP delivery (FHIR notifications and HL7 over HTTP). */
        signingSecret: secretRef,
        fhir: z
          .object({
            /** Where id-only notifications are fetched back from, e.g. https://ehr.example/fhir/R4. */
            baseUrl: z.string().url(),
            /** Bearer token for the EHR's FHIR API. */
            bearerToken: secretRef.optional(),
          })
          .optional(),
        hl7: z
          .object({
            /** MSH-3 (and MSH-4 when given) that identify this connection on the MLLP listener. */
            sendingApplication: z.string().min(1),
            sendingFacility: z.string().min(1).optional(),
            /** ADT^A03 (discharge) as visit completed; otherwise it is refused with AR. */
            adtA03VisitCompleted: z.boolean().default(false),
          })
          .optional(),
      }),
    )
    .max(100),
});

export interface EhrConnection {
  id: string;
  practiceId: string;
  signingSecret: string;
  fhir?: { baseUrl: string; bearerToken?: string };
  hl7?: { sendingApplication: string; sendingFacility?: string; adtA03VisitCompleted: boolean };
}

export interface EhrConnections {
  byId(id: string): EhrConnection | undefined;
  /** The connection an MLLP message belongs to, by MSH-3 / MSH-4. */
  bySender(application: string, facility: string): EhrConnection | undefined;
  all(): readonly EhrConnection[];
}

export const DEFAULT_CONNECTIONS_FILE = 'config/ehr-connections.json';

function resolveSecret(ref: z.infer<typeof secretRef>, env: NodeJS.ProcessEnv, what: string): string {
  const value = env[ref.env] ?? ref.devDefault;
  if (!value || value.length < 16) throw new Error(`${what}: set ${ref.env} (at least 16 characters)`);
  return value;
}

export function ehrConnectionsFrom(connections: readonly EhrConnection[]): EhrConnections {
  const ids = new Map(connections.map((c) => [c.id, c]));
  if (ids.size !== connections.length) throw new Error('EHR connection ids must be unique');
  return {
    byId: (id) => ids.get(id),
    bySender: (application, facility) =>
      connections.find(
        (c) =>
          c.hl7?.sendingApplication === application &&
          (c.hl7.sendingFacility === undefined || c.hl7.sendingFacility === facility),
      ),
    all: () => connections,
  };
}

/** Reads and validates the connections file; secrets come from the environment. */
export function loadEhrConnections(
  file: string = DEFAULT_CONNECTIONS_FILE,
  env: NodeJS.ProcessEnv = process.env,
): EhrConnections {
  const parsed = EhrConnectionFileSchema.safeParse(JSON.parse(readFileSync(path.resolve(file), 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid EHR connections file ${file}: ${problems}`);
  }
  return ehrConnectionsFrom(
    parsed.data.connections.map((c) => ({
      id: c.id,
      practiceId: c.practiceId,
      signingSecret: resolveSecret(c.signingSecret, env, `EHR connection ${c.id}`),
      fhir: c.fhir && {
        baseUrl: c.fhir.baseUrl.replace(/\/+$/, ''),
        bearerToken: c.fhir.bearerToken && resolveSecret(c.fhir.bearerToken, env, `${c.id} FHIR token`),
      },
      hl7: c.hl7,
    })),
  );
}
