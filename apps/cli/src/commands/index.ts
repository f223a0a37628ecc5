import type { NexaCommand } from '../command';
import { batchCommand } from './batch';
import { cancelCommand } from './cancel';
import { classifyCommand } from './classify';
import { exportCommand } from './export';
import { keysCreateCommand } from './keys';
import { loginCommand } from './login';
import { ncmGetCommand, ncmImportCommand, ncmSearchCommand } from './ncm';
import { reviewCommand } from './review';
import { startCommand } from './start';
import { tasksCommand } from './tasks';
import { usersCreateCommand } from './users';
import { watchCommand } from './watch';

/** Every command `nexa` offers, in help order. */
export const commands: readonly NexaCommand[] = [
  classifyCommand,
  batchCommand,
  watchCommand,
  tasksCommand,
  exportCommand,
  cancelCommand,
  reviewCommand,
  ncmGetCommand,
  ncmSearchCommand,
  ncmImportCommand,
  keysCreateCommand,
  usersCreateCommand,
  loginCommand,
  startCommand,
];
