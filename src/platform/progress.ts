import type { ProgressReporter } from './modules.ts';

/** Progress on a terminal (stderr, redrawn in place); silent when stderr is not a TTY. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return {
    start(label, total) {
      let n = 0;
      let last = 0;
      const t0 = Date.now();
      const draw = (final = false) => {
        if (!stream.isTTY) return;
        const now = Date.now();
        if (!final && now - last < 100) return;
        last = now;
        const pct = total ? ` ${Math.min(100, Math.floor((n / total) * 100))}%` : '';
        const rate = n / Math.max(0.001, (now - t0) / 1000);
        stream.write(`\r${label}: ${n.toLocaleString('vi-VN')}${total ? '/' + total.toLocaleString('vi-VN') : ''}${pct} (${Math.round(rate).toLocaleString('vi-VN')}/s)   `);
      };
      return {
        tick(k = 1) {
          n += k;
          draw();
        },
        done(summary) {
          draw(true);
          if (stream.isTTY) stream.write('\n');
          if (summary) stream.write(`${label}: ${summary}\n`);
        },
      };
    },
  };
}

export const silentProgress: ProgressReporter = {
  start: () => ({ tick() {}, done() {} }),
};
