/**
 * Stage: files (notice wording).
 * Input: a path and what went wrong with it.
 * Output: a `Notice` saying what happened, that the file was not checked, and what to do.
 * Invariant: every skipped file gets exactly one notice with one of these codes; discovery and reading share the
 * wording so the CLI and the editor say the same thing.
 */
import type { Notice } from '../findings/finding';
import { CONFIG_FILE_NAME } from '../config/config-types';

export function fileTooLargeNotice(file: string, size: number, limit: number): Notice {
  return {
    level: 'warning',
    code: 'file-too-large',
    file,
    message:
      `Skipped ${file}: it is ${formatBytes(size)}, larger than the ${formatBytes(limit)} limit, so it was not checked. ` +
      `Raise \`maxFileSize\` in ${CONFIG_FILE_NAME} to check it, or add it to \`ignore\` if it is generated.`,
  };
}

export function binaryFileNotice(file: string): Notice {
  return {
    level: 'info',
    code: 'binary-file',
    file,
    message:
      `Skipped ${file}: it is binary, not source text (a .ts file may be an MPEG transport-stream video segment). ` +
      `Add it to \`ignore\` in ${CONFIG_FILE_NAME} to silence this notice.`,
  };
}

export function brokenSymlinkNotice(file: string, target: string | undefined): Notice {
  const pointsTo = target === undefined ? 'a target that does not exist' : `${target}, which does not exist`;
  return {
    level: 'warning',
    code: 'broken-symlink',
    file,
    message: `Skipped ${file}: it is a symbolic link to ${pointsTo}. Fix or remove the link.`,
  };
}

export function symlinkLoopNotice(file: string, realTarget: string | undefined): Notice {
  const target = realTarget === undefined ? 'itself' : `${realTarget}, a folder that contains it`;
  return {
    level: 'warning',
    code: 'symlink-loop',
    file,
    message:
      `Did not follow ${file}: it is a symbolic link back to ${target}, which would loop forever. ` +
      `Files there are checked once, through their real path; remove the link or add it to \`ignore\` to silence this.`,
  };
}

export function unreadableNotice(file: string, error: NodeJS.ErrnoException, what: 'file' | 'folder'): Notice {
  return {
    level: 'warning',
    code: 'unreadable-file',
    file,
    message:
      `Cannot read the ${what} ${file} (${error.code ?? error.message}), so it was not checked. ` +
      `Give your user read permission (chmod u+r${what === 'folder' ? 'x' : ''}) or add it to \`ignore\` in ${CONFIG_FILE_NAME}.`,
  };
}

export function fileVanishedNotice(file: string): Notice {
  return {
    level: 'info',
    code: 'file-vanished',
    file,
    message: `Skipped ${file}: it was deleted or moved while piilint was running. Run piilint again to check it.`,
  };
}

/** `2 MiB`, `2.5 MiB`, `800 KiB`, `512 bytes`, with the exact byte count for sizes above 1 KiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${rounded} ${units[unit]} (${bytes.toLocaleString('en-US')} bytes)`;
}

/**
 * The notice for an error from opening, reading or stat-ing a path that was listed a moment ago. ENOENT here
 * means the path vanished after listing (broken links are told apart by the caller, which lstat-s them first).
 */
export function noticeForFileError(file: string, error: unknown, what: 'file' | 'folder'): Notice {
  const errno = asErrnoException(error);
  switch (errno.code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
      // A folder now sits where a file was listed: it was replaced after listing, not made unreadable.
      return fileVanishedNotice(file);
    case 'ELOOP':
      return symlinkLoopNotice(file, undefined);
    default:
      return unreadableNotice(file, errno, what);
  }
}

export function asErrnoException(error: unknown): NodeJS.ErrnoException {
  return error instanceof Error ? (error as NodeJS.ErrnoException) : new Error(String(error));
}

/**
 * A setup file (`.gitignore`, a tsconfig) piilint does not read: a FIFO, a device, too large. What it would have
 * said is not applied, and the scan goes on (issue #21).
 */
export function unreadSetupFileNotice(file: string, reason: string, consequence: string): Notice {
  return {
    level: 'warning',
    code: 'unreadable-file',
    file,
    message: `${file} ${reason}; piilint did not read it, so ${consequence}. Replace it with a regular file within the limit.`,
  };
}
