import type { NexaCommand } from '../command';
import { batchCommand } from './batch';
import { cancelCommand } from './cancel';
import { classifyCommand } from './classify';
import { exportCommand } from './export';
import { loginCommand } from './login';
import { ncmGetCommand, ncmImportCommand, ncmSearchCommand } from './ncm';
import { startCommand } from './start';
import { watchCommand } from './watch';

/**
 * Every command `nexa` offers, in help order. Written but waiting for their procedures to land on
 * main (see `pending-procedures.ts`): `tasks` (`task.list`), `users create`, `keys create` (auth branch).
 */
export const commands: readonly NexaCommand[] = [classifyCommand, batchCommand, watchCommand, exportCommand, cancelCommand, ncmGetCommand, ncmSearchCommand, ncmImportCommand, loginCommand, startCommand];
