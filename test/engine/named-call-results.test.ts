/**
 * Engine stage: dataflow. What a project function returns is named by the variable it is bound to
 * (`const faceImage = grabFrame(video)`), as the result of any call is. Every function with a `return` used to give
 * its result an empty condition, which made it read as a boolean, and the name of its result counted for nothing.
 * Found with issue #17 §5; a function that returns only booleans still gives a condition.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index';
import { findingLines, scanSources } from '../support/scan-sources';

const BIOMETRIC = 'no-unconsented-biometric-storage';

async function biometricLines(files: Record<string, string>): Promise<string[]> {
  const result = await scanSources(files, allRules);
  return findingLines(result).filter((line) => line.endsWith(` ${BIOMETRIC}`)).sort();
}

describe("a project function's result is named by the variable that holds it", () => {
  it('browser kiosk: a frame grabbed by a helper and named faceImage is stored; a frame count is not', async () => {
    const kiosk = (stored: string) => `function grabFrame(video: HTMLVideoElement): string {
  const canvas = document.createElement('canvas');
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return canvas.toDataURL('image/jpeg');
}

function countFrames(video: HTMLVideoElement): number {
  return Math.round(video.duration * 25);
}

export function rememberVisitor(bookingId: string): void {
  const video = document.querySelector('video#lobby-camera') as HTMLVideoElement;
  const faceImage = grabFrame(video);
  const faceFrameCount = countFrames(video);
  localStorage.setItem(\`lobby:\${bookingId}\`, ${stored});
}
`;
    expect(await biometricLines({ 'src/lobby/visitor.ts': kiosk('faceImage') })).toEqual([`src/lobby/visitor.ts:15 ${BIOMETRIC}`]);
    expect(await biometricLines({ 'src/lobby/visitor.ts': kiosk('String(faceFrameCount)') })).toEqual([]);
  });

  it('Node service: a descriptor loaded by a helper and named faceDescriptor is written; with the consent checked first it is not', async () => {
    const service = (guarded: boolean) => `import { writeFile } from 'node:fs/promises';

function loadVector(path: string): Float32Array {
  return new Float32Array(require('node:fs').readFileSync(path).buffer);
}

const CURRENT_VECTOR = '/var/dms/current-driver.bin';

function isDemoUnit(): boolean {
  return process.env.DEMO === '1';
}

export async function exportTemplate(driverId: string, faceConsentAt?: Date): Promise<void> {
${guarded ? '  if (!faceConsentAt) return;\n' : '  if (isDemoUnit()) return;\n'}  const faceDescriptor = loadVector(CURRENT_VECTOR);
  await writeFile(\`/var/dms/templates/\${driverId}.bin\`, faceDescriptor);
}
`;
    expect(await biometricLines({ 'src/dms/export.ts': service(false) })).toEqual([`src/dms/export.ts:16 ${BIOMETRIC}`]);
    expect(await biometricLines({ 'src/dms/export.ts': service(true) })).toEqual([]);
  });
});
