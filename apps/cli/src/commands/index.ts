import type { NexaCommand } from '../command';
import { classifyCommand } from './classify';
import { loginCommand } from './login';
import { startCommand } from './start';
import { watchCommand } from './watch';

/** Every command `nexa` offers, in help order. */
export const commands: readonly NexaCommand[] = [classifyCommand, watchCommand, loginCommand, startCommand];
