import { readFile } from 'node:fs/promises';
import { describeFetchError, postVisitCompleted, type ApiTarget } from './api-client';

/**
 * `dermclaims send FILE.json`: signs the file's bytes exactly as they are and posts them to the
 * visit-completed webhook, then prints the HTTP status and the response. Exit 0 on 2xx, 1 when the
 * API refuses the document (the problems are printed), 2 when the file or the API cannot be reached.
 */
export async function runSendCommand(
  file: string,
  target: ApiTarget,
  print: { out: (text: string) => void; err: (text: string) => void } = {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  },
): Promise<number> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    print.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  let response;
  try {
    response = await postVisitCompleted(target, raw);
  } catch (error) {
    print.err(describeFetchError(error, target.apiUrl));
    return 2;
  }
  const ok = response.status >= 200 && response.status < 300;
  (ok ? print.out : print.err)(`HTTP ${response.status}`);
  (ok ? print.out : print.err)(
    typeof response.body === 'string' ? response.body : JSON.stringify(response.body, null, 2),
  );
  return ok ? 0 : 1;
}
