#!/usr/bin/env node
// The published command runs the TypeScript sources directly through tsx, so there is no build step
// to forget; workers started by the engine register tsx the same way.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
