'use strict';
/**
 * A `node --require` hook for the reliability tests. It patches `fs` in the spawned CLI to watch and to race it:
 *
 * - `PIILINT_FS_LOG=<file>`: appends one JSON line per write-opening, write, rename, chmod or chown of a path, so a
 *   test can check that a fixed file is only ever replaced by a rename from the same folder.
 * - `PIILINT_RACE_TARGET=<absolute path>` with `PIILINT_RACE_ACTION` and `PIILINT_RACE_WHEN`: changes the target at
 *   a chosen moment, the way an editor, a formatter or `git checkout` would, and appends `{"race":…}` to the log
 *   (or to `PIILINT_RACE_LOG`) so the test knows the race really happened.
 *   - WHEN `read`: on the first `fs.statSync(target)` after the target was opened during discovery (the engine's
 *     `readSourceFile` stats the file before reading it; discovery itself only opens it).
 *   - WHEN `read-bytes`: on the first `fs.readFileSync(target)` after that: between the engine's stat and its read.
 *   - WHEN `fix-read`: on the first `fs.promises.stat(target)` (`--fix` checking the file before reading it).
 *   - WHEN `fix-write`: on the second `fs.promises.stat(target)` (`--fix` checking the file again just before the
 *     atomic write).
 *   - ACTION `delete`, `binary` (replace with bytes containing NUL), `folder` (replace with a folder), `grow` (append
 *     past the size limit given in PIILINT_RACE_GROW_BYTES), `edit` (append a line, as an editor would).
 * Plain CommonJS so that it loads before anything else without a build step.
 */
const fs = require('node:fs');
const path = require('node:path');

const logFile = process.env.PIILINT_FS_LOG;
const raceTarget = process.env.PIILINT_RACE_TARGET;
const raceAction = process.env.PIILINT_RACE_ACTION;
const raceWhen = process.env.PIILINT_RACE_WHEN;
const raceLog = process.env.PIILINT_RACE_LOG || logFile;

const original = {
  openSync: fs.openSync,
  open: fs.open,
  writeFileSync: fs.writeFileSync,
  writeFile: fs.writeFile,
  renameSync: fs.renameSync,
  rename: fs.rename,
  chmod: fs.chmod,
  chmodSync: fs.chmodSync,
  chown: fs.chown,
  chownSync: fs.chownSync,
  statSync: fs.statSync,
  readFileSync: fs.readFileSync,
  createWriteStream: fs.createWriteStream,
  promises: {
    open: fs.promises.open,
    writeFile: fs.promises.writeFile,
    rename: fs.promises.rename,
    stat: fs.promises.stat,
  },
};

/** Above zero while the hook itself touches files, so that its own writes are neither logged nor raced. */
let hookDepth = 0;

function asHook(run) {
  hookDepth += 1;
  try {
    return run();
  } finally {
    hookDepth -= 1;
  }
}

function record(file, entry) {
  if (!file || hookDepth > 0) return;
  asHook(() => {
    try {
      original.writeFileSync(file, `${JSON.stringify(entry)}\n`, { flag: 'a' });
    } catch {
      // The log is best effort: a failure here must not change what the CLI does.
    }
  });
}

function asPath(value) {
  if (typeof value === 'string') return path.resolve(value);
  if (value instanceof URL) return path.resolve(value.pathname);
  if (Buffer.isBuffer(value)) return path.resolve(value.toString());
  return undefined;
}

function isWriteFlag(flags) {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;
  return /[wa+]/.test(String(flags));
}

if (logFile) {
  const log = (op, file, extra = {}) => record(logFile, { op, file: asPath(file), ...extra });
  fs.openSync = function openSync(file, flags, ...rest) {
    if (isWriteFlag(flags)) log('open-write', file);
    return original.openSync.call(fs, file, flags, ...rest);
  };
  fs.open = function open(file, flags, ...rest) {
    if (typeof flags !== 'function' && isWriteFlag(flags)) log('open-write', file);
    return original.open.call(fs, file, flags, ...rest);
  };
  fs.writeFileSync = function writeFileSync(file, ...rest) {
    if (typeof file !== 'number') log('write', file);
    return original.writeFileSync.call(fs, file, ...rest);
  };
  fs.writeFile = function writeFile(file, ...rest) {
    if (typeof file !== 'number') log('write', file);
    return original.writeFile.call(fs, file, ...rest);
  };
  fs.createWriteStream = function createWriteStream(file, ...rest) {
    log('open-write', file);
    return original.createWriteStream.call(fs, file, ...rest);
  };
  fs.renameSync = function renameSync(from, to) {
    log('rename', to, { from: asPath(from) });
    return original.renameSync.call(fs, from, to);
  };
  fs.rename = function rename(from, to, callback) {
    log('rename', to, { from: asPath(from) });
    return original.rename.call(fs, from, to, callback);
  };
  fs.chmod = function chmod(file, mode, callback) {
    log('chmod', file, { mode });
    return original.chmod.call(fs, file, mode, callback);
  };
  fs.chmodSync = function chmodSync(file, mode) {
    log('chmod', file, { mode });
    return original.chmodSync.call(fs, file, mode);
  };
  fs.chown = function chown(file, uid, gid, callback) {
    log('chown', file, { uid, gid });
    return original.chown.call(fs, file, uid, gid, callback);
  };
  fs.chownSync = function chownSync(file, uid, gid) {
    log('chown', file, { uid, gid });
    return original.chownSync.call(fs, file, uid, gid);
  };
  fs.promises.open = function open(file, flags, ...rest) {
    if (isWriteFlag(flags)) log('open-write', file);
    return original.promises.open.call(fs.promises, file, flags, ...rest);
  };
  fs.promises.writeFile = function writeFile(file, ...rest) {
    if (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) log('write', file);
    return original.promises.writeFile.call(fs.promises, file, ...rest);
  };
  fs.promises.rename = function rename(from, to) {
    log('rename', to, { from: asPath(from) });
    return original.promises.rename.call(fs.promises, from, to);
  };
}

function performRace() {
  asHook(changeTarget);
  record(raceLog, { race: raceAction, when: raceWhen, file: raceTarget });
}

function changeTarget() {
  const target = raceTarget;
  switch (raceAction) {
    case 'delete':
      fs.rmSync(target, { force: true });
      break;
    case 'binary':
      fs.rmSync(target, { force: true });
      original.writeFileSync(target, Buffer.from([0x47, 0x40, 0x11, 0x10, 0x00, 0x42, 0xf0, 0x25, 0x00, 0x01, 0x00, 0x00]));
      break;
    case 'folder':
      fs.rmSync(target, { force: true });
      fs.mkdirSync(target);
      break;
    case 'grow': {
      const bytes = Number(process.env.PIILINT_RACE_GROW_BYTES || 4 * 1024 * 1024);
      original.writeFileSync(target, `\n// ${'x'.repeat(bytes)}\n`, { flag: 'a' });
      break;
    }
    case 'edit': {
      original.writeFileSync(target, '\n// edited by someone else while piilint was running\n', { flag: 'a' });
      // Make sure a time-stamp check can see the change even on a coarse clock.
      const later = new Date(Date.now() + 5_000);
      fs.utimesSync(target, later, later);
      break;
    }
    default:
      throw new Error(`fs-hook: unknown PIILINT_RACE_ACTION ${raceAction}`);
  }
}

if (raceTarget && raceAction && raceWhen) {
  let hasBeenOpened = false;
  let hasRaced = false;
  let fixStats = 0;
  const previousOpenSync = fs.openSync;
  fs.openSync = function openSync(file, ...rest) {
    if (asPath(file) === raceTarget) hasBeenOpened = true;
    return previousOpenSync.call(fs, file, ...rest);
  };
  if (raceWhen === 'read') {
    fs.statSync = function statSync(file, ...rest) {
      if (!hasRaced && hasBeenOpened && asPath(file) === raceTarget) {
        hasRaced = true;
        performRace();
      }
      return original.statSync.call(fs, file, ...rest);
    };
  } else if (raceWhen === 'read-bytes') {
    fs.readFileSync = function readFileSync(file, ...rest) {
      if (!hasRaced && hasBeenOpened && asPath(file) === raceTarget) {
        hasRaced = true;
        performRace();
      }
      return original.readFileSync.call(fs, file, ...rest);
    };
  } else if (raceWhen === 'fix-read' || raceWhen === 'fix-write') {
    fs.promises.stat = async function stat(file, ...rest) {
      if (!hasRaced && asPath(file) === raceTarget) {
        fixStats += 1;
        if ((raceWhen === 'fix-read' && fixStats === 1) || (raceWhen === 'fix-write' && fixStats === 2)) {
          hasRaced = true;
          performRace();
        }
      }
      return original.promises.stat.call(fs.promises, file, ...rest);
    };
  } else {
    throw new Error(`fs-hook: unknown PIILINT_RACE_WHEN ${raceWhen}`);
  }
}
