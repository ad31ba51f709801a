// Parsers for option values, shared by every command. Commander turns their errors into a usage
// error (exit 2) naming the option.
import { InvalidArgumentError } from 'commander';

/** A repeatable option's values, in the order given. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const positiveInt = (name: string) => (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a whole number of at least 1 for ${name}.`);
  return Number(value);
};

export const nonNegativeNumber = (name: string) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of at least 0 for ${name}.`);
  return n;
};

export const numberBetween = (min: number, max: number) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}.`);
  return n;
};

export const year = (example: number) => (value: string): number => {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`expected a four-digit year such as ${example}.`);
  return Number(value);
};

export const nonNegativeInt = (name: string) => (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number of at least 0 for ${name}.`);
  return Number(value);
};
