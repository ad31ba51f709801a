// zod, loaded on first use. zod is about a hundred modules and takes longer to load than everything else a
// `frontier` or offline `score` run needs before it starts work, yet those runs only validate when there
// is something to check (a config file, a model's reply). The callers are synchronous, so this loads the
// package's CommonJS build through `require`.
import { createRequire } from 'node:module';
import type { z as Zod } from 'zod';

let loaded: typeof Zod | undefined;

export function zod(): typeof Zod {
  loaded ??= (createRequire(import.meta.url)('zod') as { z: typeof Zod }).z;
  return loaded;
}
