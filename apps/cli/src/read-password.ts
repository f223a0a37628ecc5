import { CliError, ExitCode } from './exit-codes';

/**
 * A password from the terminal, not echoed (a password given as a flag stays in the shell's history
 * and in `ps`), or the first line piped in (`echo "$PW" | nexa login --email …`). Empty when neither
 * gives one.
 */
export async function readPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) return (await readAll(input)).split(/\r?\n/)[0] ?? '';
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const character of chunk.toString('utf8')) {
          if (character === '\r' || character === '\n') {
            input.off('data', onData);
            output.write('\n');
            return resolve(typed);
          }
          if (character === '\u0003') {
            input.off('data', onData);
            output.write('\n');
            return reject(new CliError('interrupted', ExitCode.interrupted));
          }
          if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
          else typed += character;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  return text;
}
