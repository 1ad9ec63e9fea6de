import type { VisitCompletedEvent } from '../visit/schema';
import type { ClaimLine, ProviderCodeDifference } from './types';

type Summed = Map<string, { units: number; modifiers: Set<string> }>;

function sumByCode(list: Array<{ code: string; units: number; modifiers: string[] }>): Summed {
  const m: Summed = new Map();
  for (const l of list) {
    const cur = m.get(l.code) ?? { units: 0, modifiers: new Set<string>() };
    cur.units += l.units;
    l.modifiers.forEach((x) => cur.modifiers.add(x));
    m.set(l.code, cur);
  }
  return m;
}

/** Summed units and modifier sets per code, engine vs the provider's own codes. */
export function compareProvider(visit: VisitCompletedEvent, lines: ClaimLine[]): ProviderCodeDifference[] {
  const provider = visit.providerCodes ?? [];
  if (provider.length === 0) return [];
  const eng = sumByCode(lines);
  const prov = sumByCode(
    provider.map((p) => ({ code: p.code, units: p.units ?? 1, modifiers: p.modifiers ?? [] })),
  );
  const out: ProviderCodeDifference[] = [];
  for (const [code, p] of prov) {
    const e = eng.get(code);
    if (!e) {
      out.push({
        code,
        kind: 'missing_from_engine',
        detail: `provider billed ${code} ×${p.units}; the engine does not code it`,
      });
      continue;
    }
    if (e.units !== p.units)
      out.push({ code, kind: 'units_differ', detail: `provider ${p.units} unit(s), engine ${e.units}` });
    const pm = [...p.modifiers].sort().join(',');
    const em = [...e.modifiers].sort().join(',');
    if (pm !== em) out.push({ code, kind: 'modifiers_differ', detail: `provider [${pm}], engine [${em}]` });
  }
  for (const [code, e] of eng)
    if (!prov.has(code))
      out.push({
        code,
        kind: 'missing_from_provider',
        detail: `engine codes ${code} ×${e.units}; the provider did not`,
      });
  return out;
}
