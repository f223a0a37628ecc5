#!/usr/bin/env node
// The installed `nexa` binary: runs the TypeScript sources through tsx (resolved from this package).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
