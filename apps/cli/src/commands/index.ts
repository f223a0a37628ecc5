import type { NexaCommand } from '../command';
import { classifyCommand } from './classify';
import { loginCommand } from './login';
import { startCommand } from './start';
import { watchCommand } from './watch';

/**
 * Every command `nexa` offers, in help order. Written but waiting for their procedures to land on
 * main (see `pending-procedures.ts`): `batch`, `export`, `tasks` (batch and auth branches),
 * `ncm get|search|import` (ai branch), `users create`, `keys create` (auth branch).
 */
export const commands: readonly NexaCommand[] = [classifyCommand, watchCommand, loginCommand, startCommand];
