/**
 * How reports name files: relative to the folder piilint ran in, with forward slashes on every platform, so that a
 * report made on Windows and one made on Linux name the same file the same way.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SRCROOT = '%SRCROOT%';

/** `src/kiosk/enroll.ts` for a file below `cwd`, `../shared/log.ts` above it, the absolute path on another drive. */
export function toReportPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '' || path.isAbsolute(relative)) {
    return file.split(path.sep).join('/');
  }
  return relative.split(path.sep).join('/');
}

/** `cwd` as a `file:///…/` URI ending in `/`, for SARIF `originalUriBaseIds`. */
export function toBaseUri(cwd: string): string {
  const href = pathToFileURL(path.resolve(cwd)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A SARIF artifact location: a percent-encoded URI relative to `%SRCROOT%` for files below `cwd`, an absolute
 * `file:` URI (and no base) for files outside it, since a `../` reference would escape the source root.
 */
export function toArtifactLocation(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative === '' || path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`)) {
    return { uri: pathToFileURL(file).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
