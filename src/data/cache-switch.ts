// The one switch for the parsed-dataset cache, apart from cache.ts so the command line can set it without
// loading the cache itself at start-up.

/** Set (to anything but 0 or empty) to neither read nor write the cache; `--no-cache` sets it. */
export const NO_CACHE_ENV = 'AI_FRONTIER_NO_CACHE';

export function cacheDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env[NO_CACHE_ENV];
  return value !== undefined && value !== '' && value !== '0';
}
