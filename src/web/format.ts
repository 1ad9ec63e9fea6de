/** How figures read on the pages (the dashboard test formats /v1/metrics the same way). */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

export function days(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} days`;
}

export function dollars(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function score(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

export interface Cell {
  text: string;
  href?: string;
}

export const claimHref = (visitId: string) => `/claims/${encodeURIComponent(visitId)}`;
