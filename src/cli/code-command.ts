import { readFile } from 'node:fs/promises';
import { codeVisit } from '../coding';
import { defaultFeeSchedule } from '../coding/fee-schedule';
import { VisitCompletedEventSchema } from '../visit/schema';

export async function runCodeCommand(file: string): Promise<number> {
  const parsed = VisitCompletedEventSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    console.error(JSON.stringify({ errors: parsed.error.issues }, null, 2));
    return 2;
  }
  console.log(JSON.stringify(codeVisit(parsed.data, { feeSchedule: defaultFeeSchedule }), null, 2));
  return 0;
}
