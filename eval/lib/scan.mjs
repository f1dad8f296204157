// Runs piilint on one unit as a user would: the CLI, with its JSON report, from the unit's folder.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'piilint.js');

/**
 * Scans `unit.root` (limited to `unit.scanPaths`) and returns the findings that count (unsuppressed, of the three
 * rules) with paths relative to the unit's root, the run's notices, its duration, and `error` when the run failed.
 */
export function scanUnit(unit, { timeoutMs = 30 * 60_000, rules } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, '--format', 'json', '--no-color', ...unit.scanPaths], {
      cwd: unit.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const durationMs = Date.now() - started;
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (signal) {
        resolve({ findings: [], notices: [], durationMs, error: `killed after ${Math.round(durationMs / 1000)} s (${signal})` });
        return;
      }
      let report;
      try {
        report = JSON.parse(Buffer.concat(out).toString('utf8'));
      } catch {
        resolve({ findings: [], notices: [], durationMs, error: `exit code ${code}, no JSON report: ${stderr.split('\n')[0] ?? ''}` });
        return;
      }
      const toUnit = (file) => path.relative(unit.root, path.resolve(report.cwd, file)).replace(/\\/g, '/');
      const findings = report.findings
        .filter((f) => f.suppression === null && (!rules || rules.includes(f.ruleId)))
        .map((f) => ({ rule: f.ruleId, file: toUnit(f.file), line: f.line, callLine: f.sinkCall?.line ?? f.line, message: f.message, source: f.path?.[0]?.message ?? null }));
      const internal = report.notices.filter((n) => n.code === 'internal-error');
      resolve({
        findings,
        notices: report.notices,
        stats: report.stats,
        durationMs,
        error: code === 2 ? `exit code 2${internal.length ? `: ${internal[0].message}` : stderr ? `: ${stderr.split('\n')[0]}` : ''}` : undefined,
      });
    });
  });
}
