import { Hl7Message, Hl7Segment } from '@medplum/core';
import type { MappingProblem } from '../mapping';

/** HL7 table 0357 message error condition codes dermclaims answers with. */
export const ERROR_CONDITIONS = {
  requiredFieldMissing: '101',
  dataTypeError: '102',
  tableValueNotFound: '103',
  unsupportedMessageType: '200',
  unsupportedEventCode: '201',
  unsupportedProcessingId: '202',
  unsupportedVersionId: '203',
  duplicateKeyIdentifier: '205',
  applicationInternalError: '207',
} as const;
export type ErrorCondition = (typeof ERROR_CONDITIONS)[keyof typeof ERROR_CONDITIONS];

const CONDITION_TEXT: Record<ErrorCondition, string> = {
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '205': 'Duplicate key identifier',
  '207': 'Application internal error',
};

/**
 * Original-mode acknowledgement codes: AA accepted; AE the content is in error (the sender fixes
 * the message); AR rejected for reasons other than content (type, version, processing id, or
 * dermclaims unable to process now: the sender may retry unchanged).
 */
export type AckCode = 'AA' | 'AE' | 'AR';

export interface Hl7Error {
  condition: ErrorCondition;
  /** `FT1[2]` + `FT1-25`, or nothing for message-level errors. */
  location?: { segment: string; field: string };
  text: string;
}

export interface Hl7Answer {
  code: AckCode;
  errors: Hl7Error[];
  /** What the ACK's MSA-3 says. */
  text: string;
  /** Refused only because dermclaims could not process it now: the same message may be sent again. */
  retryable?: boolean;
}

const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/~/g, '\\R\\')
    .replace(/&/g, '\\T\\');

/** ERR-2 as ERL: segment id ^ sequence ^ field (from "FT1[2]" and "FT1-25"). */
function errorLocation(location: Hl7Error['location']): string {
  if (!location) return '';
  const [, segment = '', sequence = '1'] = /^([A-Z0-9]{3})(?:\[(\d+)\])?/.exec(location.segment) ?? [];
  const field = /-(\d+)/.exec(location.field)?.[1] ?? '';
  return segment ? [segment, sequence, field].join('^') : '';
}

function errSegment(error: Hl7Error): Hl7Segment {
  const severity = 'E';
  return new Hl7Segment([
    'ERR',
    '',
    errorLocation(error.location),
    `${error.condition}^${CONDITION_TEXT[error.condition]}^HL70357`,
    severity,
    '',
    '',
    '',
    escapeText(error.text.slice(0, 250)),
  ]);
}

/** The ACK for `message`: MSA-1 code, MSA-2 its control id, MSA-3 text, one ERR per problem. */
export function acknowledge(message: Hl7Message, answer: Hl7Answer): Hl7Message {
  const ack = message.buildAck({ ackCode: answer.code });
  const msa = ack.getSegment('MSA');
  msa?.setField(3, escapeText(answer.text.slice(0, 80)));
  for (const error of answer.errors) ack.segments.push(errSegment(error));
  return ack;
}

/** A message too broken to read its header: an AR that still says why. */
export function rejectUnreadable(reason: string): Hl7Message {
  const header = new Hl7Message([
    new Hl7Segment(['MSH', '|', '^~\\&', '', '', '', '', '', '', 'ACK', '', 'P', '2.5.1']),
  ]);
  return acknowledge(header, {
    code: 'AR',
    text: 'message could not be read',
    errors: [{ condition: ERROR_CONDITIONS.applicationInternalError, text: reason }],
  });
}

/** A mapping problem's HL7 error condition, from what the mapper said. */
export function conditionOf(problem: MappingProblem): ErrorCondition {
  if (/is required|has no/.test(problem.message)) return ERROR_CONDITIONS.requiredFieldMissing;
  if (/not a procedure|no body site|not a diagnosis|plan type|coding system|only/.test(problem.message))
    return ERROR_CONDITIONS.tableValueNotFound;
  return ERROR_CONDITIONS.dataTypeError;
}

export function mappingErrors(problems: MappingProblem[]): Hl7Error[] {
  return problems.map((p) => ({
    condition: conditionOf(p),
    location: { segment: p.resource, field: p.field },
    text: `${p.resource} ${p.field}: ${p.message}`,
  }));
}
