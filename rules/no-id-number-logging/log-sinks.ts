/**
 * Log sinks of `no-id-number-logging` (DOMAIN.md §4.4): console and the logger libraries, by import, by declared
 * type and by receiver name, including the bindings of child loggers, which are written with every line.
 */
import type { SinkModel } from '../../server/src/engine/rule-api';
import { toAlternation } from '../shared/names';
import type { IdNumberLoggingOptions } from './options';

/**
 * Receivers that are loggers by name (`logger`, `auditLogger`, `tboxLog`), but not `dialog` or `changelog`; `log`
 * alone is the request logger below.
 */
const LOGGER_RECEIVER = 'logger|logging|.*logger|(?!(?:dia|cata|b|back|change)?log$).*log';

/**
 * `request.log`, `req.log`, `reply.log`, `fastify.log`, `app.log`: the loggers Fastify and pino-http make for an app
 * and its requests, masked by the redaction configured where the app or the middleware is made (masking-models.ts).
 */
const REQUEST_LOGGER = 'log';
export const REQUEST_LOGGER_GROUP = 'request-logger';

export const LOG_METHODS = 'info|warn|warning|error|debug|log|trace|fatal|verbose|silly|http|notice|critical|crit|alert|emerg';

export function logSinks(options: IdNumberLoggingOptions): SinkModel[] {
  const sinks: SinkModel[] = [
    { global: 'console', path: 'log|info|warn|error|debug|trace|dir|dirxml|table|group|groupCollapsed|assert|timeLog', arguments: 'all', description: 'console' },
    { global: 'process', path: 'stdout|stderr.write', arguments: [0], description: 'process stdout/stderr' },
    // winston
    { module: 'winston', path: `createLogger().${LOG_METHODS}`, arguments: 'all', description: 'Winston logger' },
    { module: 'winston', path: `createLogger().child().${LOG_METHODS}`, arguments: 'all', description: 'Winston child logger' },
    { module: 'winston', path: 'createLogger().child', arguments: [0], description: 'Winston child logger metadata' },
    { module: 'winston', path: 'createLogger', arguments: [0], property: 'defaultMeta', description: 'Winston default metadata' },
    { module: 'winston', path: LOG_METHODS, arguments: 'all', description: 'Winston default logger' },
    { module: 'winston', path: `loggers.get().${LOG_METHODS}`, arguments: 'all', description: 'Winston logger' },
    // A winston `Logger` injected by type (`@Inject(WINSTON_MODULE_PROVIDER) private readonly audit: Logger`).
    { module: 'winston', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'Winston logger' },
    { module: 'winston', path: `Logger.new().child().${LOG_METHODS}`, arguments: 'all', description: 'Winston child logger' },
    { module: 'winston', path: 'Logger.new().child', arguments: [0], description: 'Winston child logger metadata' },
    // pino and nestjs-pino (child bindings are logged with every line)
    { module: 'pino', path: `().${LOG_METHODS}`, arguments: 'all', description: 'pino logger' },
    { module: 'pino', path: `().child().${LOG_METHODS}`, arguments: 'all', description: 'pino child logger' },
    { module: 'pino', path: '().child', arguments: [0], description: 'pino child bindings' },
    { module: 'pino', path: `pino().${LOG_METHODS}`, arguments: 'all', description: 'pino logger' },
    { module: 'pino', path: '().setBindings', arguments: [0], description: 'pino bindings' },
    { module: 'pino', path: '', arguments: [0], property: 'base', description: 'pino base bindings' },
    { module: 'pino', path: 'pino', arguments: [0], property: 'base', description: 'pino base bindings' },
    { module: 'nestjs-pino', path: `PinoLogger.new().${LOG_METHODS}|assign`, arguments: 'all', description: 'nestjs-pino logger' },
    { module: 'nestjs-pino', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'nestjs-pino logger' },
    // bunyan, log4js, loglevel, debug, signale, consola, npmlog, tslog, roarr
    { module: 'bunyan', path: `createLogger().${LOG_METHODS}`, arguments: 'all', description: 'Bunyan logger' },
    { module: 'bunyan', path: `createLogger().child().${LOG_METHODS}`, arguments: 'all', description: 'Bunyan child logger' },
    { module: 'bunyan', path: 'createLogger().child', arguments: [0], description: 'Bunyan child logger fields' },
    { module: 'log4js', path: `getLogger().${LOG_METHODS}|mark`, arguments: 'all', description: 'log4js logger' },
    { module: 'log4js', path: 'getLogger().addContext', arguments: [1], description: 'log4js logger context' },
    { module: 'loglevel', path: LOG_METHODS, arguments: 'all', description: 'loglevel' },
    { module: 'loglevel', path: `getLogger().${LOG_METHODS}`, arguments: 'all', description: 'loglevel' },
    { module: 'debug', path: '()', arguments: 'all', description: 'debug logger' },
    { module: 'debug', path: '().extend()', arguments: 'all', description: 'debug logger' },
    { module: 'signale', path: `${LOG_METHODS}|success|note|pending|complete|start|watch|star|fav|await|pause`, arguments: 'all', description: 'Signale' },
    { module: 'signale', path: `Signale.new().${LOG_METHODS}|success|note|pending|complete|start`, arguments: 'all', description: 'Signale' },
    { module: 'consola', path: `${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'consola', path: `consola.${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'consola', path: `createConsola().${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    // Tagged and derived instances: `createConsola({…}).withTag('dms').info(…)`, `consola.create({…}).warn(…)`.
    { module: 'consola', path: `createConsola().**.withTag|create|withDefaults().${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'consola', path: `**.withTag|create|withDefaults().${LOG_METHODS}|success|fail|ready|start|box`, arguments: 'all', description: 'consola' },
    { module: 'npmlog', path: LOG_METHODS, arguments: 'all', description: 'npmlog' },
    { module: 'tslog', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'tslog' },
    { module: 'tracer', path: `console|colorConsole|dailyfile|close().${LOG_METHODS}`, arguments: 'all', description: 'tracer logger' },
    { module: 'electron-log', path: LOG_METHODS, arguments: 'all', description: 'electron-log' },
    { module: 'electron-log/main', path: LOG_METHODS, arguments: 'all', description: 'electron-log' },
    { module: 'electron-log/renderer', path: LOG_METHODS, arguments: 'all', description: 'electron-log' },
    { module: 'electron-log', path: `scope().${LOG_METHODS}`, arguments: 'all', description: 'electron-log' },
    // Egg.js and Midway loggers injected or declared by type (`@Logger() audit: ILogger`, `app.coreLogger: EggLogger`).
    ...['@midwayjs/core', '@midwayjs/logger', '@midwayjs/decorator'].map((module): SinkModel => ({
      module,
      path: `ILogger|Logger|MidwayLogger|IMidwayLogger.new().${LOG_METHODS}`,
      arguments: 'all',
      description: 'Midway logger',
    })),
    { module: 'egg', path: `EggLogger|Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'Egg.js logger' },
    { module: 'egg-logger', path: `Logger|EggLogger|EggLoggers.new().${LOG_METHODS}`, arguments: 'all', description: 'Egg.js logger' },
    // NestJS Logger, static and instance
    { module: '@nestjs/common', path: `Logger.new().${LOG_METHODS}`, arguments: 'all', description: 'NestJS Logger' },
    { module: '@nestjs/common', path: `Logger.${LOG_METHODS}`, arguments: 'all', description: 'NestJS Logger (static)' },
    { module: '@nestjs/common', path: `ConsoleLogger.new().${LOG_METHODS}`, arguments: 'all', description: 'NestJS ConsoleLogger' },
    // Loggers recognised by receiver name: `this.logger.info(...)`, `auditLogger.warn(...)`, `log.error(...)`.
    { receiverName: LOGGER_RECEIVER, methods: LOG_METHODS, arguments: 'all', description: 'logger (by receiver name)' },
    { receiverName: REQUEST_LOGGER, methods: LOG_METHODS, arguments: 'all', redactionGroup: REQUEST_LOGGER_GROUP, description: 'logger (by receiver name)' },
    // A console of another object (`device.console.log(…)`, `this.console.info(…)`) logs like the global one.
    { receiverName: 'console|.*console', methods: `${LOG_METHODS}|dir|table`, arguments: 'all', description: 'console (by receiver name)' },
    // Bindings of a child logger are written with every line it logs: `this.logger.child({ vin })`.
    { receiverName: LOGGER_RECEIVER, methods: 'child|setBindings', arguments: [0], description: 'child logger bindings (by receiver name)' },
    { receiverName: REQUEST_LOGGER, methods: 'child|setBindings', arguments: [0], redactionGroup: REQUEST_LOGGER_GROUP, description: 'child logger bindings (by receiver name)' },
  ];
  const extraLoggers = toAlternation(options.loggerNames);
  if (extraLoggers !== undefined) {
    sinks.push({ receiverName: extraLoggers, methods: LOG_METHODS, arguments: 'all', description: 'configured logger' });
  }
  return sinks;
}
