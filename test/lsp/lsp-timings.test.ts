/**
 * The editor-timings module that `npm run bench` uses (lsp-timings.ts) measures what it says, on the small dealer
 * fixture with a few edits. Only the shape is checked: timings belong to the benchmark, never to assertions.
 */
import { expect, test } from 'vitest';
import { distribution, measureLspTimings } from './lsp-timings';
import { copyFixture } from './workspace-fixture';

test('measures open → diagnostics, change → diagnostics per version, and the server memory', async () => {
  const fixture = copyFixture();
  try {
    const timings = await measureLspTimings({ project: fixture.root, file: fixture.file('src/booking.ts'), edits: 4 });
    expect(timings.file).toBe(fixture.file('src/booking.ts'));
    expect(timings.startToInitializeMs).toBeGreaterThan(0);
    expect(timings.openToFirstDiagnosticsMs).toBeGreaterThan(0);
    expect(timings.changeToDiagnosticsMs.samples).toBe(4);
    expect(timings.changeToDiagnosticsMs.p95).toBeGreaterThanOrEqual(timings.changeToDiagnosticsMs.median);
    expect(timings.burstToDiagnosticsMs.samples).toBe(2);
    expect(timings.burstToDiagnosticsMs.min).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(timings.serverPeakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
  } finally {
    fixture.remove();
  }
});

test('median and p95 of a sample', () => {
  expect(distribution([5, 1, 3, 2, 4])).toEqual({ samples: 5, median: 3, p95: 5, min: 1, max: 5 });
  expect(distribution([1, 2, 3, 4])).toMatchObject({ median: 2.5, p95: 4 });
});
