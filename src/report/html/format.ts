// Text helpers for the HTML report: escaping, and the number formats every figure on the page uses,
// so a figure and its test are formatted by one rule.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(part);
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Already-safe markup (SVG built from numbers), passed through as it is. */
export function raw(text: string): Html {
  return new Html(text);
}

const MINUS = '\u2212';

/** A share 0..1 as a percentage with one decimal: 0.4762 -> "47.6%". */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const text = (value * 100).toFixed(1);
  return `${text === '-0.0' ? '0.0' : text.replace('-', MINUS)}%`;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count of people or jobs, rounded, with thousands separators: "44,558,760". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const rounded = Math.round(value);
  return rounded < 0 ? `${MINUS}${COUNT.format(-rounded)}` : COUNT.format(rounded);
}

/** A change in jobs, always signed: "+1,200", "−1,340,566", "0". */
export function formatSignedCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const rounded = Math.round(value);
  return rounded > 0 ? `+${COUNT.format(rounded)}` : formatCount(rounded);
}

/** A parameter as written in the method: up to 4 significant digits, no trailing zeros. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : 'n/a';
}
