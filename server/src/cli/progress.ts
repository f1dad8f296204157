/**
 * A one-line progress indicator on stderr for long scans. It draws only on a terminal, only once the scan has run
 * for `delayMs` (short scans stay silent), at most every `intervalMs`, and clears its line when stopped so the
 * report and notices start on a clean line. Off a terminal it writes nothing at all.
 */
import type { ScanProgress } from '../engine/scan-types';
import type { Locale } from '../engine/rule-api';
import type { CliOutput } from './cli-io';

export interface ProgressReporter {
  /** Pass to `ScanRequest.onProgress`; undefined when progress is not shown, so the engine need not report it. */
  readonly onProgress: ((progress: ScanProgress) => void) | undefined;
  /** Clear the line if anything was drawn. Safe to call more than once. */
  stop(): void;
}

export interface ProgressOptions {
  readonly stream: CliOutput;
  readonly isEnabled: boolean;
  readonly now: () => number;
  readonly locale: Locale;
  readonly delayMs?: number;
  readonly intervalMs?: number;
}

const CLEAR_LINE = '\r\u001b[2K';

const PHASES: Readonly<Record<Locale, Readonly<Record<ScanProgress['phase'], string>>>> = {
  en: { discover: 'finding files', parse: 'parsing', analyse: 'analysing', report: 'reporting' },
  'zh-CN': { discover: '查找文件', parse: '解析', analyse: '分析', report: '生成报告' },
};

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  if (!options.isEnabled) {
    return { onProgress: undefined, stop: () => undefined };
  }
  const delayMs = options.delayMs ?? 500;
  const intervalMs = options.intervalMs ?? 100;
  const startedAt = options.now();
  let lastDrawAt: number | undefined;
  let isDrawn = false;
  let isStopped = false;

  return {
    onProgress(progress) {
      const now = options.now();
      if (isStopped || now - startedAt < delayMs || (lastDrawAt !== undefined && now - lastDrawAt < intervalMs)) {
        return;
      }
      lastDrawAt = now;
      isDrawn = true;
      const counts = progress.total > 0 ? ` ${progress.done}/${progress.total}` : '';
      options.stream.write(`${CLEAR_LINE}piilint: ${PHASES[options.locale][progress.phase]}${counts}`);
    },
    stop() {
      if (isDrawn && !isStopped) {
        options.stream.write(CLEAR_LINE);
      }
      isStopped = true;
    },
  };
}
