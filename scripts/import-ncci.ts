/**
 * Imports the CMS quarterly NCCI files (practitioner PTP and practitioner MUE, as the tab-delimited
 * text or comma-separated files CMS publishes beside the Excel workbooks) into the JSON format of src/coding/data/ncci-ptp.json and ncci-mue.json.
 *
 *   npx tsx scripts/import-ncci.ts --quarter 2025Q4 \
 *     --ptp ccipra-v314r0-f1.txt [--ptp ccipra-v314r0-f2.txt ...] \
 *     --mue MCR_MUE_PractitionerServices_Eff_10-01-2025.txt \
 *     [--all] [--out src/coding/data]
 *
 * By default only dermatology-relevant codes are kept (see DERM_CODE); --all keeps every row.
 * CMS files start with copyright/notice lines; the header row is found by its column names.
 * Dates in the files are YYYYMMDD; "*" means no deletion date. Rows already deleted before the
 * quarter's start are dropped. The files carry an AMA CPT notice: codes only, no descriptors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ImportedPtp {
  column1: string;
  column2: string;
  modifierIndicator: number;
  effective: string;
  deleted: string | null;
  source: string;
}
export interface ImportedMue {
  code: string;
  practitionerMue: number;
  mai: number;
  source: string;
}

/**
 * Codes the dermatology engine can emit or compare: E/M, I&D/acne 100xx, skin 110xx–117xx, repairs
 * 12xxx/13xxx, flaps 14xxx, peels, destructions and Mohs 17xxx, lip 40490, phototherapy and PDT 965xx/969xx,
 * pathology, chemodenervation, drugs.
 */
export const DERM_CODE =
  /^(992(0[2-5]|1[1-5])|100(40|60|61)|11[0-9]\d\d|1[234]\d\d\d|15(78[89]|79[23])|17\d\d\d|40490|88(305|331|332)|965(67|73|74)|9691[02]|969(00|2[0-2])|646(12|50)|J(3301|058[5-8]|7308|7345))$/;

function isoDate(yyyymmdd: string): string | null {
  const s = yyyymmdd.trim();
  if (!/^\d{8}$/.test(s)) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** One CSV line: comma-separated, fields optionally in double quotes ("" inside is a quote). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  const field = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/y;
  while (field.lastIndex < line.length) {
    const start = field.lastIndex;
    const m = field.exec(line);
    if (!m || field.lastIndex === start) break;
    cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
  }
  return cells;
}

/** Rows of a CMS text file: tab-delimited (.txt) or comma-separated (.csv), one record per line. */
function splitRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) =>
      (l.includes('\t') ? l.split('\t') : splitCsvLine(l)).map((c) => c.trim().replace(/^"|"$/g, '')),
    );
}

/** Parses a CMS practitioner PTP tab-delimited file. */
export function parsePtp(
  text: string,
  sourceName: string,
  keep: (code: string) => boolean = (c) => DERM_CODE.test(c),
): ImportedPtp[] {
  const rows = splitRows(text);
  const h = rows.findIndex((r) => /column\s*1/i.test(r[0] ?? '') && /column\s*2/i.test(r[1] ?? ''));
  if (h < 0) throw new Error(`${sourceName}: no "Column 1 / Column 2" header row found`);
  const header = rows[h]!.map((c) => c.toLowerCase());
  const col = (re: RegExp) => header.findIndex((c) => re.test(c));
  const iEff = col(/effective/);
  const iDel = col(/deletion/);
  const iMod = col(/modifier/);
  if (iEff < 0 || iDel < 0 || iMod < 0)
    throw new Error(`${sourceName}: unexpected PTP header ${header.join(' | ')}`);
  const out: ImportedPtp[] = [];
  for (const r of rows.slice(h + 1)) {
    const [c1, c2] = [r[0] ?? '', r[1] ?? ''];
    if (!/^[0-9A-Z]{5}$/.test(c1) || !/^[0-9A-Z]{5}$/.test(c2)) continue;
    if (!keep(c1) || !keep(c2)) continue;
    const effective = isoDate(r[iEff] ?? '');
    if (!effective) continue;
    out.push({
      column1: c1,
      column2: c2,
      modifierIndicator: Number((r[iMod] ?? '').charAt(0)),
      effective,
      deleted: isoDate(r[iDel] ?? ''),
      source: `CMS NCCI practitioner PTP file ${sourceName}`,
    });
  }
  return out;
}

/** Parses a CMS practitioner MUE tab-delimited file. */
export function parseMue(
  text: string,
  sourceName: string,
  keep: (code: string) => boolean = (c) => DERM_CODE.test(c),
): ImportedMue[] {
  const rows = splitRows(text);
  const h = rows.findIndex((r) => /hcpcs|cpt/i.test(r[0] ?? '') && r.some((c) => /mue/i.test(c)));
  if (h < 0) throw new Error(`${sourceName}: no MUE header row found`);
  const header = rows[h]!.map((c) => c.toLowerCase());
  const iVal = header.findIndex((c) => /mue values?/.test(c));
  const iMai = header.findIndex((c) => /adjudication indicator/.test(c));
  if (iVal < 0 || iMai < 0) throw new Error(`${sourceName}: unexpected MUE header ${header.join(' | ')}`);
  const out: ImportedMue[] = [];
  for (const r of rows.slice(h + 1)) {
    const code = r[0] ?? '';
    if (!/^[0-9A-Z]{5}$/.test(code) || !keep(code)) continue;
    const value = Number(r[iVal]);
    const mai = Number((r[iMai] ?? '').trim().charAt(0));
    if (!Number.isFinite(value) || !mai) continue;
    out.push({ code, practitionerMue: value, mai, source: `CMS NCCI practitioner MUE file ${sourceName}` });
  }
  return out;
}

function quarterStart(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new Error('--quarter must look like 2025Q4');
  return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function main(argv: string[]): void {
  const args = {
    ptp: [] as string[],
    mue: '',
    quarter: '',
    out: join(__dirname, '..', 'src', 'coding', 'data'),
    all: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ptp') args.ptp.push(argv[++i]!);
    else if (a === '--mue') args.mue = argv[++i]!;
    else if (a === '--quarter') args.quarter = argv[++i]!;
    else if (a === '--out') args.out = argv[++i]!;
    else if (a === '--all') args.all = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.quarter || (args.ptp.length === 0 && !args.mue))
    throw new Error(
      'usage: import-ncci.ts --quarter 2025Q4 --ptp FILE [--ptp FILE…] --mue FILE [--all] [--out DIR]',
    );
  const keep = args.all ? () => true : (c: string) => DERM_CODE.test(c);
  const start = quarterStart(args.quarter);
  if (args.ptp.length > 0) {
    const pairs = args.ptp
      .flatMap((f) => parsePtp(readFileSync(f, 'utf8'), f.split('/').pop()!, keep))
      .filter((p) => p.deleted === null || p.deleted > start);
    writeFileSync(
      join(args.out, 'ncci-ptp.json'),
      JSON.stringify(
        {
          description:
            'NCCI procedure-to-procedure (PTP) edits, practitioner' +
            (args.all ? '' : ', dermatology subset'),
          source: `Imported by scripts/import-ncci.ts from the CMS quarterly practitioner PTP file(s): ${args.ptp.map((f) => f.split('/').pop()).join(', ')}`,
          quarter: args.quarter,
          importedFrom: args.ptp.map((f) => f.split('/').pop()),
          modifierIndicators: {
            '0': 'never bypassed',
            '1': 'bypassed with an NCCI-associated modifier',
            '9': 'not applicable',
          },
          pairs,
        },
        null,
        1,
      ) + '\n',
    );
    console.log(`ncci-ptp.json: ${pairs.length} pairs`);
  }
  if (args.mue) {
    const edits = parseMue(readFileSync(args.mue, 'utf8'), args.mue.split('/').pop()!, keep);
    writeFileSync(
      join(args.out, 'ncci-mue.json'),
      JSON.stringify(
        {
          description:
            'Medically Unlikely Edits (MUE), practitioner' + (args.all ? '' : ', dermatology subset'),
          source: `Imported by scripts/import-ncci.ts from the CMS quarterly practitioner MUE file ${args.mue.split('/').pop()}`,
          quarter: args.quarter,
          importedFrom: args.mue.split('/').pop(),
          mai: { '1': 'line edit', '2': 'date of service, absolute', '3': 'date of service, clinical' },
          edits,
        },
        null,
        1,
      ) + '\n',
    );
    console.log(`ncci-mue.json: ${edits.length} edits`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
