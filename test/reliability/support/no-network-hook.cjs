'use strict';
/**
 * A `node --require` hook that turns the process into a sealed room, for test/reliability/no-network.test.ts.
 *
 * - Every way out to the network fails loudly and is recorded: `net.Socket#connect` (and so `net.connect`,
 *   `net.createConnection`), `tls.connect`, `dgram.createSocket`, `http(s).request/get`, `http2.connect`,
 *   `dns.lookup/resolve*` (callback and promise forms) and the global `fetch` (undici).
 * - Every load of code from inside the scanned workspace (`PIILINT_GUARD_WORKSPACE`) is refused and recorded:
 *   CommonJS through `Module._resolveFilename` and `Module.prototype._compile`, native addons through
 *   `process.dlopen`, ES modules through a loader registered with `module.register` (no-network-loader.mjs).
 * - Child processes and worker threads are refused and recorded too: the CLI has no reason to start one unless
 *   asked for git (`--changed-since`), and a child process is the other way to run workspace code.
 *
 * Records are JSON lines appended to `PIILINT_GUARD_LOG`; the first line, `{"kind":"ready"}`, proves the hook ran.
 * Plain CommonJS so that it loads before anything else without a build step.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const { isMainThread } = require('node:worker_threads');

const logFile = process.env.PIILINT_GUARD_LOG;
const workspaceRoot = process.env.PIILINT_GUARD_WORKSPACE;
if (!logFile || !workspaceRoot) {
  throw new Error('no-network-hook: set PIILINT_GUARD_LOG and PIILINT_GUARD_WORKSPACE');
}
const appendFileSync = fs.appendFileSync;
let workspace = path.resolve(workspaceRoot);
try {
  workspace = fs.realpathSync(workspace);
} catch {
  // A workspace that does not exist yet is compared by its given path.
}

/**
 * Node runs `--require` preloads in its module-hooks thread as well; the main thread's patches and the loader are
 * what matter, so the copy in that thread installs nothing.
 */
const isHooksThread = !isMainThread;

function record(entry) {
  appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
}

function blocked(kind, api, detail) {
  record({ kind, api, detail: String(detail ?? '') });
  const error = new Error(`no-network-hook: ${api} is not allowed in this test (${detail ?? ''})`);
  error.code = 'EPIILINTBLOCKED';
  return error;
}

function describeTarget(args) {
  const first = args[0];
  if (first && typeof first === 'object' && !(first instanceof URL)) {
    return JSON.stringify({ host: first.host ?? first.hostname, port: first.port, path: first.path });
  }
  return String(first);
}

function isInWorkspace(file) {
  if (typeof file !== 'string' || file.length === 0) return false;
  // Built-in modules resolve to bare names (`fs`, `node:net`); only real files can come from the workspace.
  if (!file.startsWith('file:') && !path.isAbsolute(file)) return false;
  let absolute = file.startsWith('file:') ? decodeURIComponent(new URL(file).pathname) : file;
  try {
    absolute = fs.realpathSync(absolute);
  } catch {
    // Compare the path as given.
  }
  return absolute === workspace || absolute.startsWith(workspace + path.sep);
}

if (!isHooksThread) install();

function install() {
  // --- Network -----------------------------------------------------------------------------------------------------
  const net = require('node:net');
  net.Socket.prototype.connect = function connect(...args) {
    throw blocked('network', 'net.Socket.connect', describeTarget(args));
  };
  net.connect = function connect(...args) {
    throw blocked('network', 'net.connect', describeTarget(args));
  };
  net.createConnection = function createConnection(...args) {
    throw blocked('network', 'net.createConnection', describeTarget(args));
  };

  const tls = require('node:tls');
  tls.connect = function connect(...args) {
    throw blocked('network', 'tls.connect', describeTarget(args));
  };

  const dgram = require('node:dgram');
  dgram.createSocket = function createSocket(...args) {
    throw blocked('network', 'dgram.createSocket', describeTarget(args));
  };

  for (const name of ['node:http', 'node:https']) {
    const http = require(name);
    for (const method of ['request', 'get']) {
      http[method] = function request(...args) {
        throw blocked('network', `${name.slice(5)}.${method}`, describeTarget(args));
      };
    }
  }

  const http2 = require('node:http2');
  http2.connect = function connect(...args) {
    throw blocked('network', 'http2.connect', describeTarget(args));
  };

  const dns = require('node:dns');
  for (const method of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
    if (typeof dns[method] === 'function') {
      dns[method] = function resolve(...args) {
        throw blocked('network', `dns.${method}`, describeTarget(args));
      };
    }
    if (dns.promises && typeof dns.promises[method] === 'function') {
      dns.promises[method] = async function resolve(...args) {
        throw blocked('network', `dns.promises.${method}`, describeTarget(args));
      };
    }
  }

  if (typeof globalThis.fetch === 'function') {
    globalThis.fetch = async function fetch(...args) {
      throw blocked('network', 'fetch', describeTarget(args));
    };
  }

  // --- Child processes and threads ---------------------------------------------------------------------------------
  const childProcess = require('node:child_process');
  for (const method of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    childProcess[method] = function start(...args) {
      throw blocked('process', `child_process.${method}`, describeTarget(args));
    };
  }

  const workerThreads = require('node:worker_threads');
  workerThreads.Worker = function Worker(...args) {
    throw blocked('process', 'worker_threads.Worker', describeTarget(args));
  };

  // --- Code from the workspace -------------------------------------------------------------------------------------
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, parent, ...rest) {
    const resolved = originalResolve.call(this, request, parent, ...rest);
    if (isInWorkspace(resolved)) {
      throw blocked('load', 'require', `${request} -> ${resolved} (from ${parent && parent.filename})`);
    }
    return resolved;
  };

  const originalCompile = Module.prototype._compile;
  Module.prototype._compile = function compile(content, filename, ...rest) {
    if (isInWorkspace(filename)) {
      throw blocked('load', 'Module._compile', filename);
    }
    return originalCompile.call(this, content, filename, ...rest);
  };

  const originalDlopen = process.dlopen;
  process.dlopen = function dlopen(module, filename, ...rest) {
    if (isInWorkspace(filename)) {
      throw blocked('load', 'process.dlopen', filename);
    }
    return originalDlopen.call(this, module, filename, ...rest);
  };

  // ES modules: `import()` and static imports go through the loader thread, which records and refuses as above.
  if (typeof Module.register === 'function') {
    Module.register(pathToFileURL(path.join(__dirname, 'no-network-loader.mjs')).href, {
      data: { logFile, workspace },
    });
  } else {
    record({ kind: 'warning', api: 'module.register', detail: 'not available; ES module loads are not watched' });
  }

  record({ kind: 'ready', api: 'no-network-hook', detail: workspace });
}
