#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build`, which npm runs on install (the `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
