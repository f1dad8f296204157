/**
 * piilint's own package.json, found by walking up from this file, so the same code works from `server/src` (tests)
 * and from `dist/server/src` (the bin).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

let cached: PackageInfo | undefined;

export function readPackageInfo(): PackageInfo {
  if (cached !== undefined) {
    return cached;
  }
  let folder = __dirname;
  for (;;) {
    const candidate = path.join(folder, 'package.json');
    if (fs.existsSync(candidate)) {
      const json = JSON.parse(fs.readFileSync(candidate, 'utf8')) as Partial<PackageInfo>;
      if (json.name === 'piilint' && typeof json.version === 'string') {
        cached = { name: json.name, version: json.version };
        return cached;
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error(`Cannot find piilint's package.json above ${__dirname}; the installation is incomplete.`);
    }
    folder = parent;
  }
}
