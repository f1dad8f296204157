/**
 * Steps through built-ins the engine cannot see into (they have no bodies, only lib.d.ts declarations): taint
 * goes from the input to the result of conversions, copies and form bodies.
 */
import type { StepModel } from '../../server/src/engine/rule-api';

export function commonSteps(): StepModel[] {
  const steps: StepModel[] = [
    { global: 'Array', path: 'from|of', from: { argument: 0 }, to: 'result' },
    { global: 'Buffer', path: 'from|concat', from: { argument: 0 }, to: 'result' },
    { global: 'JSON', path: 'stringify', from: { argument: 0 }, to: 'result' },
    { global: 'Object', path: 'assign', from: { argument: 1 }, to: { argument: 0 } },
    { global: 'Object', path: 'assign', from: { argument: 1 }, to: 'result' },
    { global: 'Object', path: 'values|entries|fromEntries', from: { argument: 0 }, to: 'result' },
    { global: 'structuredClone', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'String', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'btoa', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'encodeURIComponent', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'Blob', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'File', path: '', from: { argument: 0 }, to: 'result' },
    { global: 'FormData', path: 'new().append|set', from: { argument: 1 }, to: 'receiver' },
    { module: 'form-data', path: 'new().append', from: { argument: 1 }, to: 'receiver' },
  ];
  for (const typedArray of ['Float32Array', 'Float64Array', 'Uint8Array', 'Uint8ClampedArray', 'Int8Array']) {
    steps.push(
      { global: typedArray, path: '', from: { argument: 0 }, to: 'result' },
      { global: typedArray, path: 'from', from: { argument: 0 }, to: 'result' },
    );
  }
  for (const util of ['util', 'node:util']) {
    for (const argument of [0, 1, 2, 3]) steps.push({ module: util, path: 'format', from: { argument }, to: 'result' });
    steps.push({ module: util, path: 'inspect', from: { argument: 0 }, to: 'result' });
  }
  return steps;
}
