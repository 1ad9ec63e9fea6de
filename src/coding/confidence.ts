import type { CodingFinding, ConfidenceFactor, PathologyHold, ProviderCodeDifference } from './types';

/**
 * Confidence = 1 − 0.3/error − 0.08/warning − 0.2 if on hold − 0.05/unknown ICD − 0.05/provider
 * difference, each factor capped, with the factors listed.
 */
export function confidenceOf(
  findings: CodingFinding[],
  pathologyHold: PathologyHold | null,
  providerDifferences: ProviderCodeDifference[],
): { score: number; factors: ConfidenceFactor[] } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const factors: ConfidenceFactor[] = [];
  if (errors) factors.push({ factor: `${errors} error finding(s)`, weight: -Math.min(0.8, 0.3 * errors) });
  if (warnings)
    factors.push({ factor: `${warnings} warning finding(s)`, weight: -Math.min(0.4, 0.08 * warnings) });
  if (pathologyHold) factors.push({ factor: 'pathology pending: codes are provisional', weight: -0.2 });
  const unknown = findings.filter((f) => f.ruleId === 'ICD-UNKNOWN').length;
  if (unknown) factors.push({ factor: 'diagnosis outside the shipped ICD subset', weight: -0.05 * unknown });
  if (providerDifferences.length)
    factors.push({
      factor: `${providerDifferences.length} difference(s) from the provider's own codes`,
      weight: -Math.min(0.3, 0.05 * providerDifferences.length),
    });
  const score = Math.max(0, Math.min(1, 1 + factors.reduce((s, f) => s + f.weight, 0)));
  return { score: Math.round(score * 100) / 100, factors };
}
