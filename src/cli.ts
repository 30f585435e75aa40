import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { type Config, ConfigError, loadConfig } from './platform/config.ts';
import { terminalProgress } from './platform/progress.ts';
import { openRuntime, seed, serve, version, type Runtime } from './main.ts';
import { loadMigrations, migrate } from './platform/migrations.ts';
import { modules } from './modules/index.ts';
import { createLogger } from './platform/logger.ts';

/** One-shot commands log warnings and errors only, unless LOG_LEVEL asks for more (read from the validated config). */
function commandLogger(config: Config) {
  return createLogger(config.env.LOG_LEVEL ? config.logLevel : 'warn');
}

/**
 * The `lienthong` command. Each module adds its own sub-commands (import, units convert, ...).
 */
export function buildCli(): { program: Command; close: () => Promise<void> } {
  const program = new Command('lienthong')
    .description('Liên Thông — nền tảng chính quyền số cho chính quyền địa phương hai cấp')
    .version(version)
    .showHelpAfterError('(dùng --help để xem hướng dẫn)');

  let runtime: Runtime | null = null;
  const open = async () => {
    if (!runtime) {
      const config = loadConfig();
      runtime = await openRuntime(config, { log: commandLogger(config), progress: terminalProgress() });
    }
    return runtime.ctx;
  };
  const close = async () => {
    const rt = runtime;
    runtime = null;
    if (rt) await rt.close();
  };

  program
    .command('serve')
    .description('Chạy máy chủ HTTP (áp dụng migration, nạp dữ liệu tham chiếu và dữ liệu demo nếu SEED_DEMO=true)')
    .action(async () => {
      const config = loadConfig();
      const { stop } = await serve(config, terminalProgress());
      await new Promise<void>((resolve) => {
        const onSignal = () => void stop().then(resolve, resolve);
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
      });
    });

  program
    .command('migrate')
    .description('Áp dụng các migration còn thiếu rồi thoát')
    .action(async () => {
      const config = loadConfig();
      runtime = await openRuntime(config, { migrate: false, log: commandLogger(config) });
      const applied = await migrate(runtime.ctx.db, loadMigrations(modules), (id) => process.stdout.write(`đã áp dụng ${id}\n`));
      process.stdout.write(applied.length ? `Đã áp dụng ${applied.length} migration.\n` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.\n');
    });

  program
    .command('seed')
    .description('Nạp dữ liệu tham chiếu (đơn vị hành chính, thủ tục) và dữ liệu tỉnh demo; chạy lại không thay đổi gì')
    .option('--no-demo', 'chỉ nạp dữ liệu tham chiếu, không nạp tỉnh demo')
    .action(async (opts: { demo: boolean }) => {
      const config = loadConfig();
      runtime = await openRuntime(config, { log: commandLogger(config), progress: terminalProgress() });
      await seed(runtime, { demo: opts.demo });
      process.stdout.write('Đã nạp dữ liệu.\n');
    });

  const importCmd = program.command('import').description('Nhập dữ liệu tham chiếu');
  for (const m of modules) m.commands?.(program, open);
  if (importCmd.commands.length === 0) importCmd.description('Nhập dữ liệu tham chiếu (chưa có bộ nhập nào)');
  return { program, close };
}

/**
 * Runs one command. The runtime a command opened is closed whether it succeeded or failed, and a
 * one-shot command then exits (no background timer or pool can keep a finished command hanging).
 */
export async function runCli(argv = process.argv): Promise<void> {
  const { program, close } = buildCli();
  const isServe = argv[2] === 'serve';
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exitCode = 2;
    } else if ((err as { code?: string }).code === 'EADDRINUSE') {
      // the listening error names the port it could not take
      process.stderr.write(`Lỗi: cổng ${(err as { port?: number }).port ?? ''} đang được một chương trình khác sử dụng. Hãy dừng chương trình đó hoặc đặt biến PORT khác.\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`Lỗi: ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  } finally {
    await close().catch(() => undefined);
  }
  // one-shot commands exit; `serve` keeps running until a signal, unless it failed to start
  if (!isServe || process.exitCode) process.exit(process.exitCode ?? 0);
}

// run directly (`node dist/cli.js serve`, `tsx src/cli.ts serve`), not imported by bin/lienthong.js or a test
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runCli();
}
