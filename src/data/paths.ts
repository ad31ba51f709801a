// Where the tool keeps its files: downloads in the cache folder, the dataset registry and score store in
// the data folder, settings in the config folder. AI_FRONTIER_HOME puts all three under one folder, so tests
// (and anyone who wants a portable setup) never touch the real user folders.
import path from 'node:path';
import envPaths from 'env-paths';

export interface AppPaths {
  cache: string;
  data: string;
  config: string;
}

export const APP_NAME = 'ai-frontier';

export function appPaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  const home = env.AI_FRONTIER_HOME?.trim();
  if (home) {
    const root = path.resolve(home);
    return { cache: path.join(root, 'cache'), data: path.join(root, 'data'), config: path.join(root, 'config') };
  }
  // env-paths reads XDG_* / APPDATA from process.env itself; only AI_FRONTIER_HOME comes from `env`.
  const { cache, data, config } = envPaths(APP_NAME, { suffix: '' });
  return { cache, data, config };
}
