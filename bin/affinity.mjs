#!/usr/bin/env -S node --max-semi-space-size=64
// The `affinity` command. Runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
