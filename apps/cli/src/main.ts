#!/usr/bin/env node
import { runCli } from './run-cli';

const exitCode = await runCli(process.argv.slice(2));
// Exit now rather than wait on reconnect timers of a closed client; stdout and stderr are flushed synchronously for files and pipes.
process.exit(exitCode);
