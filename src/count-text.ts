// Whole numbers as en-US writes them ("18,796"), without Intl: a process's first toLocaleString loads ICU's
// locale data (about 12 ms here), which the analysis's notes would otherwise pay on every run, --json included.

/** The same text as Math.round(value).toLocaleString('en-US'). */
export function countText(value: number): string {
  const rounded = Math.round(value);
  if (!Number.isSafeInteger(rounded)) return rounded.toLocaleString('en-US');
  const digits = String(Math.abs(rounded));
  let text = digits.slice(0, digits.length % 3 || 3);
  for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
  return rounded < 0 || Object.is(rounded, -0) ? `-${text}` : text;
}
