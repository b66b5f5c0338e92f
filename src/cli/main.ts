/**
 * The `lotta` command line: `invite` draws the invitation letters from a register extract, `select`
 * computes the selection probabilities, `commit`, `draw` and `verify` run the public draw. Commander
 * parses the arguments but never exits the process itself, so that `main` can return the exit code
 * (and tests can call it in-process).
 */
import { Command, CommanderError, Option } from 'commander';
import { clip } from '../sortition/echo.ts';
import { ENGINE_VERSION } from '../sortition/selectPanel.ts';
import { commitCommand, drawCommand, EXIT_BAD_INPUT, EXIT_OK, verifyCommand } from './draw-commands.ts';
import { type InviteArgs, inviteCommand } from './invite-command.ts';
import { LANGS, type Lang, type Messages, messagesFor } from './messages.ts';
import { ALGORITHMS, FORMATS, type SelectArgs, type SelectIO, selectCommand } from './select-command.ts';
import { registerTablesCommand } from './tables-command.ts';

const processIO: SelectIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

/**
 * The language asked for on the command line, found before commander runs so that the help text
 * itself can be in that language. Commander checks the value properly afterwards.
 */
function langOf(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    const value =
      arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    const lang = LANGS.find((l) => l === value);
    if (lang !== undefined) return lang;
  }
  return 'en';
}

function buildProgram(messages: Messages, io: SelectIO, setExitCode: (code: number) => void): Command {
  const { help } = messages;
  const program = new Command('lotta');
  // Set before the subcommands are added, which copy these settings from their parent.
  program
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .configureHelp({ showGlobalOptions: true })
    .helpOption('-h, --help', help.helpOption)
    .helpCommand('help [command]', help.helpCommand);
  program
    .description(help.program)
    .version(ENGINE_VERSION, '-V, --version', help.version)
    .addOption(new Option('--lang <lang>', help.lang).choices(LANGS).default('en'))
    .addHelpText('after', help.after);

  const lang = (command: Command): Lang => (command.optsWithGlobals().lang as Lang | undefined) ?? 'en';

  program
    .command('select')
    .description(help.select.description)
    .requiredOption('--pool <file>', help.select.pool)
    .requiredOption('--quotas <file>', help.select.quotas)
    .requiredOption('--size <seats>', help.select.size)
    .option('--id-column <column>', help.select.idColumn)
    .option('--household <columns>', help.select.household)
    .option('--keep <file>', help.select.keep)
    .addOption(new Option('--algorithm <name>', help.select.algorithm).choices(ALGORITHMS).default('leximin'))
    .option('--samples <count>', help.select.samples)
    .option('--seed <text>', help.select.seed)
    .option('--tolerance <deviation>', help.select.tolerance)
    .option('--trade-off [tolerances]', help.select.tradeOff)
    .option('--panels <count>', help.select.panels)
    .option('--out <file>', help.select.out)
    .addOption(new Option('--format <format>', help.select.format).choices(FORMATS).default('json'))
    .option('--quiet', help.select.quiet)
    .action(async (options: Omit<SelectArgs, 'lang'>, command: Command) => {
      setExitCode(await selectCommand({ ...options, lang: lang(command) }, io));
    });

  program
    .command('commit')
    .description(help.commit.description)
    .requiredOption('--lottery <file>', help.commit.lottery)
    .option('--out <file>', help.commit.out)
    .action(async (options: { lottery: string; out?: string }) => {
      setExitCode(await commitCommand(options, io));
    });

  program
    .command('draw')
    .description(help.draw.description)
    .requiredOption('--lottery <file>', help.draw.lottery)
    .requiredOption('--seed <text>', help.draw.seed)
    .option('--out <file>', help.draw.out)
    .action(async (options: { lottery: string; seed: string; out?: string }) => {
      setExitCode(await drawCommand(options, io));
    });

  program
    .command('verify')
    .description(help.verify.description)
    .argument('<transcript>', help.verify.transcript)
    .option('--commitment <hex-or-file>', help.verify.commitment)
    .option('--seed <text>', help.verify.seed)
    .action(async (transcript: string, options: { commitment?: string; seed?: string }, command: Command) => {
      setExitCode(await verifyCommand({ transcript, ...options, lang: lang(command) }, io));
    });

  program
    .command('invite')
    .description(help.invite.description)
    .requiredOption('--register <file>', help.invite.register)
    .requiredOption('--count <letters>', help.invite.count)
    .requiredOption('--seed <text>', help.invite.seed)
    .option('--household <columns>', help.invite.household)
    .option('--stratify <column>', help.invite.stratify)
    .option('--weights <file>', help.invite.weights)
    .requiredOption('--out <file>', help.invite.out)
    .action(async (options: Omit<InviteArgs, 'lang'>, command: Command) => {
      setExitCode(await inviteCommand({ ...options, lang: lang(command) }, io));
    });

  program
    .command('serve')
    .description(help.serve.description)
    .option('--demo', help.serve.demo)
    .option('--port <number>', help.serve.port)
    .option('--host <address>', help.serve.host)
    .action(async (options: { demo?: boolean; port?: string; host?: string }) => {
      // Loaded only here: the web stack takes ~140 MB, which `lotta invite` needs for a 5-million-row register.
      const { serveCommand } = await import('./serve-command.ts');
      setExitCode(await serveCommand(options, io));
    });

  program
    .command('worker')
    .description(help.worker.description)
    .option('--concurrency <count>', help.worker.concurrency)
    .action(async (options: { concurrency?: string }) => {
      const { workerCommand } = await import('./worker-command.ts');
      setExitCode(await workerCommand(options, io));
    });

  return program;
}

/** Entry point of the `lotta` command line; returns the process exit code. */
export async function main(argv: string[], io: SelectIO = processIO): Promise<number> {
  const messages = messagesFor(langOf(argv));
  let exitCode = EXIT_OK;
  const program = buildProgram(messages, io, (code) => {
    exitCode = code;
  });
  registerTablesCommand(program, langOf(argv), io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed its message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    const failure = error instanceof Error ? error : new Error(String(error));
    io.stderr(`${messages.errors.internal(clip(failure.message))}\n`);
    io.stderr(
      process.env.LOTTA_DEBUG === '1' ? `${failure.stack ?? ''}\n` : `${messages.errors.debugHint}\n`,
    );
    return EXIT_BAD_INPUT;
  }
}
