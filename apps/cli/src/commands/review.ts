import type { NexaCommand } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { formatClassification } from '../follow-task';
import { formatNcm } from '@nexa/client';

const ACTIONS = ['approve', 'reject', 'override'] as const;
type Action = (typeof ACTIONS)[number];

export const reviewCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('review')
      .description('approve, reject or override (with the right NCM) a classification; approved ones answer the next submissions')
      .argument('<classificationId>', 'the classification (its id is printed by classify and watch, and is in their --json output)')
      .argument('<action>', 'approve | reject | override')
      .argument('[ncm]', 'with override: the NCM to put instead, e.g. 8542.33.90')
      .option('--note <text>', 'why, kept in the audit trail'),

  async run(context, command) {
    const [id, action, ncm] = command.args as [string, string, string | undefined];
    const { note } = command.opts<{ note?: string }>();
    if (!ACTIONS.includes(action as Action)) throw new CliError(`"${action}" is not an action: use approve, reject or override`, ExitCode.usage);
    if (action === 'override' && !ncm) throw new CliError('override needs the NCM to put instead, e.g. nexa review <id> override 8542.33.90', ExitCode.usage);
    if (action !== 'override' && ncm) throw new CliError(`an NCM is only given with override, not with ${action}`, ExitCode.usage);
    const reviewed = await context.client().classification.review.mutate({
      id,
      action: action as Action,
      ...(ncm ? { ncm: ncm.replace(/[.\s]/g, '') } : {}),
      ...(note ? { note } : {}),
    });
    const { audit } = reviewed;
    const change = audit.oldNcm === audit.newNcm ? formatNcm(audit.newNcm) : `${formatNcm(audit.oldNcm)} → ${formatNcm(audit.newNcm)}`;
    context.output.result(reviewed, `${audit.action}: ${audit.oldStatus} → ${audit.newStatus}, NCM ${change}\n${formatClassification(reviewed.classification)}`);
  },
};
