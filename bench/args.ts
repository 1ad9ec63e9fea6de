/** `--name N` from the command line: a positive number (an integer unless `fraction`), else the fallback. */
export function numberArgument(name: string, fallback: number, options: { fraction?: boolean } = {}): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  const valid = options.fraction ? Number.isFinite(value) && value > 0 : Number.isInteger(value) && value > 0;
  if (!valid) throw new Error(`--${name} must be a positive ${options.fraction ? 'number' : 'integer'}`);
  return value;
}

/** Whether `--name` was given at all. */
export const hasArgument = (name: string): boolean => process.argv.includes(`--${name}`);
