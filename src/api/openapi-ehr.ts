/**
 * The EHR integration endpoints in the published OpenAPI document: FHIR Subscription notifications
 * and HL7 v2 over HTTP, each signed with its EHR connection's secret (docs/integrations.md).
 */
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const problem = { $ref: '#/components/schemas/Problem' };
const mappingProblems = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    reason: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['resource', 'field', 'message'],
        properties: { resource: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
const connectionId = {
  name: 'connectionId',
  in: 'path',
  required: true,
  description: 'the EHR connection (config/ehr-connections.json)',
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
};
const er7 = (description: string) => ({
  description,
  content: { 'x-application/hl7-v2+er7': { schema: { type: 'string' } } },
});
const signed = [{ ehrConnectionSignature: [] }, { ehrSignature: [] }];
const unauthorized = { description: 'unknown connection, or missing or wrong signature', ...json(problem) };

export const ehrSecuritySchemes = {
  ehrConnectionSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description:
      'hex HMAC-SHA256(connection secret, raw body), as FHIR servers such as Medplum sign notifications; ' +
      'X-Dermclaims-Signature (t=…,v1=…) with the connection secret is accepted too',
  },
};

export const ehrPaths = {
  '/v1/webhooks/fhir/{connectionId}': {
    post: {
      operationId: 'receiveFhirNotification',
      summary:
        'FHIR R4 Subscription notification (backport history Bundle): a finished Encounter starts billing, a final DiagnosticReport is a pathology result',
      security: signed,
      parameters: [connectionId],
      requestBody: {
        required: true,
        content: {
          'application/fhir+json': { schema: { type: 'object' } },
          'application/json': { schema: { type: 'object' } },
        },
      },
      responses: {
        '200': { description: 'handshake or heartbeat: nothing to do', ...json({ type: 'object' }) },
        '202': {
          description: 'accepted: the visit (workflow id, run, duplicate) or the pathology result',
          ...json({ type: 'object' }),
        },
        '400': { description: 'not UTF-8 or not JSON', ...json(problem) },
        '401': unauthorized,
        '409': {
          description: 'the event was already delivered with other content; nothing stored',
          ...json(problem),
        },
        '413': { $ref: '#/components/responses/PayloadTooLarge' },
        '422': {
          description: 'cannot be mapped: each problem names the resource and field; nothing stored',
          ...json(mappingProblems),
        },
        '429': { $ref: '#/components/responses/TooManyRequests' },
        '503': {
          description: 'the EHR FHIR API or the workflow did not answer; nothing stored (Retry-After)',
          ...json(problem),
        },
      },
    },
  },
  '/v1/webhooks/hl7/{connectionId}': {
    post: {
      operationId: 'receiveHl7Message',
      summary: 'HL7 v2 DFT^P03, ADT^A03 (where configured) or ORU^R01 over HTTP; answers the ACK',
      security: signed,
      parameters: [connectionId],
      requestBody: {
        required: true,
        content: {
          'x-application/hl7-v2+er7': { schema: { type: 'string' } },
          'text/plain': { schema: { type: 'string' } },
        },
      },
      responses: {
        '200': er7('ACK with MSA-1 AA'),
        '400': er7(
          'ACK with MSA-1 AR (unsupported type, event, version or processing id, or an unknown sender)',
        ),
        '401': unauthorized,
        '413': { $ref: '#/components/responses/PayloadTooLarge' },
        '422': er7('ACK with MSA-1 AE and one ERR segment per problem; nothing stored'),
        '503': er7(
          'ACK with MSA-1 AR: dermclaims could not process it now; nothing stored, send it again (Retry-After)',
        ),
        '429': { $ref: '#/components/responses/TooManyRequests' },
      },
    },
  },
};
