import type { NexaCommand } from '../command';
import { batchCommand } from './batch';
import { cancelCommand } from './cancel';
import { classifyCommand } from './classify';
import { exportCommand } from './export';
import { keysCreateCommand } from './keys';
import { loginCommand } from './login';
import { ncmGetCommand, ncmImportCommand, ncmSearchCommand } from './ncm';
import { startCommand } from './start';
import { tasksCommand } from './tasks';
import { watchCommand } from './watch';

/**
 * Every command `nexa` offers, in help order. `users create` waits for a user-management procedure
 * (accounts come from `auth.register`, the first admin from NEXA_ADMIN_EMAIL / NEXA_ADMIN_PASSWORD).
 */
export const commands: readonly NexaCommand[] = [
  classifyCommand,
  batchCommand,
  watchCommand,
  tasksCommand,
  exportCommand,
  cancelCommand,
  ncmGetCommand,
  ncmSearchCommand,
  ncmImportCommand,
  keysCreateCommand,
  loginCommand,
  startCommand,
];
