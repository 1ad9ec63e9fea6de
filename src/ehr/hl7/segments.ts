import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { fail } from '../mapping';

/** Safe reads of HL7 v2 fields as `Hl7Message` parses them (1-based fields and components, 0-based repetitions). */
export function value(segment: Hl7Segment | undefined, field: number, component = 1, repetition = 0): string {
  if (!segment || field >= segment.fields.length) return '';
  return segment.getComponent(field, component, undefined, repetition) ?? '';
}

export function repetitionsOf(segment: Hl7Segment | undefined, field: number): number {
  if (!segment || field >= segment.fields.length) return 0;
  return segment.getField(field).components.filter((c) => c.some((part) => part !== '')).length;
}

/** `PID`, or `FT1[2]` when the message carries several. */
export function label(message: Hl7Message, segment: Hl7Segment): string {
  const all = message.getAllSegments(segment.name);
  return all.length > 1 ? `${segment.name}[${all.indexOf(segment) + 1}]` : segment.name;
}

export function required(
  message: Hl7Message,
  segment: Hl7Segment | undefined,
  name: string,
  field: number,
  component = 1,
): string {
  const found = value(segment, field, component);
  if (!found)
    fail(
      segment ? label(message, segment) : name,
      `${name}-${field}${component > 1 ? `.${component}` : ''}`,
      'is required',
    );
  return found;
}

const TS = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d+)?)?)?([+-]\d{4})?$/;

/** HL7 DTM/TS `YYYYMMDD[HHMM[SS[.S]]][+ZZZZ]`: the calendar date. */
export function hl7Date(text: string, where: { resource: string; field: string }): string {
  const match = TS.exec(text);
  if (!match) fail(where.resource, where.field, `"${text}" is not an HL7 date (YYYYMMDD…)`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** An HL7 timestamp with a time and an offset (UTC when the sender gives none). */
export function hl7DateTime(text: string, where: { resource: string; field: string }): string {
  const match = TS.exec(text);
  if (!match) fail(where.resource, where.field, `"${text}" is not an HL7 timestamp (YYYYMMDDHHMM…)`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const offset = zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}
