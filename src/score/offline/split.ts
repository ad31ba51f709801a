// Held-out splits by occupation. The label set repeats some task statements under several occupations,
// so splitting by task would leak test text into training; whole occupations go to one side only.
// The side is a hash of the code and a seed, so the split is the same on every machine and run.

/** FNV-1a, 32 bits: small, stable across platforms, good enough to spread SOC codes. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** True when the occupation falls in the held-out share for this seed. */
export function isHeldOut(occupationCode: string, options: { seed: number; fraction: number }): boolean {
  return fnv1a(`${options.seed}:${occupationCode}`) / 2 ** 32 < options.fraction;
}

/** Splits distinct occupation codes into training and held-out lists, each sorted. */
export function splitOccupations(
  codes: Iterable<string>,
  options: { seed: number; fraction: number },
): { train: string[]; test: string[] } {
  const unique = [...new Set(codes)].sort();
  return {
    train: unique.filter((c) => !isHeldOut(c, options)),
    test: unique.filter((c) => isHeldOut(c, options)),
  };
}
