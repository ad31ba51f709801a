// Loaded with `node --import` ahead of the CLI: appends the URL of every module Node loads to the file
// named by AI_FRONTIER_MODULE_LOG, so a test can see what a command pulled in.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.AI_FRONTIER_MODULE_LOG, url + '\\n');
  return next(url, context);
}`),
);
