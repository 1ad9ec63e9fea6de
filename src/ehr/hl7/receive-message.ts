import { Hl7Message } from '@medplum/core';
import type { EhrConnection, EhrConnections } from '../connections';
import { deliverEhrPathology, receiveEhrVisit, type EhrIntakeDependencies } from '../intake';
import { deliveryEventId, MappingError } from '../mapping';
import {
  acknowledge,
  ERROR_CONDITIONS,
  mappingErrors,
  rejectUnreadable,
  type Hl7Answer,
  type Hl7Error,
} from './acknowledge';
import { mapPathologyMessage } from './map-pathology';
import { mapVisitMessage } from './map-visit';

export interface Hl7Reply {
  ack: Hl7Message;
  code: Hl7Answer['code'];
  retryable: boolean;
}

/** HL7 v2 versions whose DFT/ADT/ORU segments dermclaims reads. */
const VERSIONS = /^2\.(3|3\.1|4|5|5\.1|6|7|7\.1|8)$/;

const reject = (condition: Hl7Error['condition'], text: string): Hl7Answer => ({
  code: 'AR',
  text,
  errors: [{ condition, text }],
});

/**
 * One HL7 v2 message from an EHR connection (over MLLP or HTTP) to its ACK. The connection is the
 * HTTP route's, or on MLLP the one whose MSH-3/MSH-4 the message names. Nothing is stored unless
 * the answer is AA.
 */
export async function receiveHl7Message(
  deps: EhrIntakeDependencies,
  text: string,
  connectionFor: (message: Hl7Message) => EhrConnection | undefined,
): Promise<Hl7Reply> {
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(text.replace(/\r?\n/g, '\r'));
    if (message.header?.name !== 'MSH') throw new Error('no MSH segment');
  } catch {
    return {
      ack: rejectUnreadable('the message does not start with an MSH segment'),
      code: 'AR',
      retryable: false,
    };
  }
  const answer = await answerMessage(deps, message, connectionFor(message)).catch((error: unknown) => {
    deps.logger.error({ err: error }, 'HL7 message failed');
    const failed = 'dermclaims could not process the message; nothing stored, send it again';
    return { ...reject(ERROR_CONDITIONS.applicationInternalError, failed), retryable: true };
  });
  return { ack: acknowledge(message, answer), code: answer.code, retryable: answer.retryable === true };
}

function headerProblem(message: Hl7Message, connection: EhrConnection | undefined): Hl7Answer | undefined {
  const header = message.header;
  if (!connection)
    return reject(
      ERROR_CONDITIONS.applicationInternalError,
      'MSH-3/MSH-4 name no EHR connection of dermclaims',
    );
  if (header.getComponent(11, 1) !== 'P')
    return reject(
      ERROR_CONDITIONS.unsupportedProcessingId,
      `MSH-11 "${header.getComponent(11, 1)}": only production (P)`,
    );
  if (!VERSIONS.test(header.getComponent(12, 1)))
    return reject(
      ERROR_CONDITIONS.unsupportedVersionId,
      `MSH-12 "${header.getComponent(12, 1)}": versions 2.3 to 2.8`,
    );
  if (!header.getComponent(10, 1))
    return {
      code: 'AE',
      text: 'MSH-10 is required',
      errors: [
        {
          condition: ERROR_CONDITIONS.requiredFieldMissing,
          location: { segment: 'MSH', field: 'MSH-10' },
          text: 'MSH-10 is required',
        },
      ],
    };
  return undefined;
}

async function answerMessage(
  deps: EhrIntakeDependencies,
  message: Hl7Message,
  connection: EhrConnection | undefined,
): Promise<Hl7Answer> {
  const problem = headerProblem(message, connection);
  if (problem || !connection)
    return problem ?? reject(ERROR_CONDITIONS.applicationInternalError, 'no connection');
  const type = `${message.header.getComponent(9, 1)}^${message.header.getComponent(9, 2)}`;
  const controlId = message.header.getComponent(10, 1);
  try {
    switch (type) {
      case 'DFT^P03':
        return await visitAnswer(deps, connection, message, controlId);
      case 'ADT^A03':
        if (!connection.hl7?.adtA03VisitCompleted)
          return reject(
            ERROR_CONDITIONS.unsupportedEventCode,
            `ADT^A03 is not a visit-completed signal for connection ${connection.id}`,
          );
        return await visitAnswer(deps, connection, message, controlId);
      case 'ORU^R01':
        return await pathologyAnswer(deps, connection, message, controlId);
      default:
        return reject(
          ERROR_CONDITIONS.unsupportedMessageType,
          `${type}: dermclaims accepts DFT^P03, ADT^A03 and ORU^R01`,
        );
    }
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return {
      code: 'AE',
      text: 'the message cannot be mapped; nothing stored',
      errors: mappingErrors(error.problems),
    };
  }
}

async function visitAnswer(
  deps: EhrIntakeDependencies,
  connection: EhrConnection,
  message: Hl7Message,
  controlId: string,
): Promise<Hl7Answer> {
  const eventId = deliveryEventId(connection.id, controlId);
  const mapped = mapVisitMessage(message, { eventId, practiceId: connection.practiceId });
  const outcome = await receiveEhrVisit(deps, connection, mapped, Buffer.from(message.toString()));
  switch (outcome.kind) {
    case 'accepted':
      return {
        code: 'AA',
        text: outcome.duplicate ? 'already received' : `billing visit ${outcome.visitId}`,
        errors: [],
      };
    case 'unmappable':
      return {
        code: 'AE',
        text: 'the message cannot be mapped; nothing stored',
        errors: mappingErrors(outcome.problems),
      };
    case 'conflict':
      return duplicateKey(outcome.reason);
    default: {
      const unhandled: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

function duplicateKey(reason: string): Hl7Answer {
  const text = `MSH-10 already used: ${reason}`;
  return {
    code: 'AE',
    text: 'MSH-10 already used for other content; nothing stored',
    errors: [
      {
        condition: ERROR_CONDITIONS.duplicateKeyIdentifier,
        location: { segment: 'MSH', field: 'MSH-10' },
        text,
      },
    ],
  };
}

async function pathologyAnswer(
  deps: EhrIntakeDependencies,
  connection: EhrConnection,
  message: Hl7Message,
  controlId: string,
): Promise<Hl7Answer> {
  const outcome = await deliverEhrPathology(deps, connection, mapPathologyMessage(message, controlId));
  switch (outcome.kind) {
    case 'signalled':
    case 'duplicate':
      return {
        code: 'AA',
        text: outcome.kind === 'duplicate' ? 'already received' : 'pathology result delivered',
        errors: [],
      };
    case 'conflict':
      return duplicateKey(outcome.reason);
    case 'refused':
      return {
        code: 'AE',
        text: 'the result cannot be applied; nothing stored',
        errors: [
          {
            condition: ERROR_CONDITIONS.applicationInternalError,
            location: { segment: 'OBR', field: 'OBR-2' },
            text: outcome.reason,
          },
        ],
      };
    case 'unavailable':
      return {
        ...reject(
          ERROR_CONDITIONS.applicationInternalError,
          `${outcome.reason}; nothing stored, send it again`,
        ),
        retryable: true,
      };
    default: {
      const unhandled: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

/** On MLLP the message names its connection (MSH-3 sending application, MSH-4 facility). */
export function connectionBySender(connections: EhrConnections) {
  return (message: Hl7Message) =>
    connections.bySender(message.header.getComponent(3, 1), message.header.getComponent(4, 1));
}
