import { Client, type Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { encryptingDataConverter } from './codec/data-converter';
import type { PayloadKeyring } from './codec/keyring';
import { boundFreeText } from './free-text';

/** Signal, update and start arguments leave the client with their free text bounded. */
export const boundedTextInterceptor: WorkflowClientInterceptor = {
  start: (input, next) =>
    next({ ...input, options: { ...input.options, args: boundFreeText(input.options.args) } }),
  signal: (input, next) => next({ ...input, args: boundFreeText(input.args) }),
  signalWithStart: (input, next) => next({ ...input, signalArgs: boundFreeText(input.signalArgs) }),
  startUpdate: (input, next) => next({ ...input, args: boundFreeText(input.args) }),
  startUpdateWithStart: (input, next) => next({ ...input, updateArgs: boundFreeText(input.updateArgs) }),
};

/** The one way dermclaims makes a Temporal client: encrypted payloads, bounded free text. */
export function createTemporalClient(options: {
  connection: Connection;
  namespace: string;
  keyring: PayloadKeyring;
}): Client {
  return new Client({
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: encryptingDataConverter(options.keyring),
    interceptors: { workflow: [boundedTextInterceptor] },
  });
}
