/**
 * Telemetry sinks of `no-id-number-logging` (DOMAIN.md §4.4): error trackers, tracing, log services and product
 * analytics, which copy what they are given to a vendor and keep it.
 */
import type { SinkModel, StepModel } from '../../server/src/engine/rule-api';
import { LOG_METHODS } from './log-sinks';

export const SENTRY_MODULES = [
  '@sentry/node',
  '@sentry/browser',
  '@sentry/nestjs',
  '@sentry/nextjs',
  '@sentry/react',
  '@sentry/react-native',
  '@sentry/vue',
  '@sentry/electron',
  '@sentry/bun',
  '@sentry/electron/main',
  '@sentry/electron/renderer',
  '@sentry/angular',
  '@sentry/svelte',
  '@sentry/core',
  'sentry-miniapp',
];

export function telemetrySinks(): SinkModel[] {
  const sinks: SinkModel[] = [];
  for (const sentry of SENTRY_MODULES) {
    sinks.push(
      {
        module: sentry,
        path: 'captureMessage|captureException|captureEvent|setUser|setContext|setExtra|setExtras|setTag|setTags|addBreadcrumb',
        arguments: 'all',
        description: 'Sentry event',
      },
      {
        module: sentry,
        path: 'getCurrentScope|getIsolationScope|getGlobalScope().setUser|setContext|setExtra|setExtras|setTag|setTags|addBreadcrumb|captureMessage|captureException',
        arguments: 'all',
        description: 'Sentry scope',
      },
      {
        // `Sentry.withScope((scope) => scope.setTag('vin', vin))`: the scope handed to the callback.
        module: sentry,
        path: 'withScope|configureScope.$cb0p0.setUser|setContext|setExtra|setExtras|setTag|setTags|setFingerprint|addBreadcrumb',
        arguments: 'all',
        description: 'Sentry scope',
      },
    );
  }
  sinks.push(
    // OpenTelemetry
    {
      module: '@opentelemetry/api',
      path: 'trace.getTracer().startSpan().setAttribute|setAttributes|addEvent|recordException|updateName',
      arguments: 'all',
      description: 'OpenTelemetry span',
    },
    {
      module: '@opentelemetry/api',
      path: 'trace.getActiveSpan|getSpan().setAttribute|setAttributes|addEvent|recordException|updateName',
      arguments: 'all',
      description: 'OpenTelemetry span',
    },
    { module: '@opentelemetry/api-logs', path: 'logs.getLogger().emit', arguments: [0], description: 'OpenTelemetry log record' },
    // Spans recognised by name, including callback parameters of startActiveSpan and dd-trace's tracer.trace.
    {
      receiverName: 'span|.*span',
      methods: 'setAttribute|setAttributes|addEvent|recordException|setTag|addTags|log|setBaggageItem',
      arguments: 'all',
      description: 'tracing span (by receiver name)',
    },
    { module: 'dd-trace', path: 'init().startSpan().setTag|addTags', arguments: 'all', description: 'Datadog span' },
    { module: 'dd-trace', path: 'scope().active().setTag|addTags', arguments: 'all', description: 'Datadog span' },
    { module: '@datadog/browser-logs', path: `datadogLogs.logger.${LOG_METHODS}`, arguments: 'all', description: 'Datadog browser logs' },
    { module: '@datadog/browser-logs', path: `datadogLogs.createLogger().${LOG_METHODS}`, arguments: 'all', description: 'Datadog browser logs' },
    { module: '@datadog/browser-logs', path: 'datadogLogs.setUser|setGlobalContextProperty|setGlobalContext', arguments: 'all', description: 'Datadog browser logs context' },
    { module: '@datadog/browser-rum', path: 'datadogRum.setUser|addAction|addError|setGlobalContextProperty|setUserProperty', arguments: 'all', description: 'Datadog RUM' },
    // Product analytics
    { module: '@segment/analytics-node', path: 'Analytics.new().track|identify|page|screen|group|alias', arguments: [0], description: 'Segment analytics' },
    { module: 'analytics-node', path: 'new().track|identify|page|screen|group|alias', arguments: [0], description: 'Segment analytics' },
    { module: '@segment/analytics-next', path: 'AnalyticsBrowser.load().track|identify|page|group', arguments: 'all', description: 'Segment analytics' },
    { module: '@segment/analytics-react-native', path: 'createClient().track|identify|screen|group|alias', arguments: 'all', description: 'Segment analytics' },
    { module: 'sa-sdk-javascript', path: 'track|login|identify|setProfile|setOnceProfile|registerPage|register|bind', arguments: 'all', description: 'Sensors Data (神策) analytics' },
    { module: 'sa-sdk-miniprogram', path: 'track|login|identify|setProfile|setOnceProfile|registerApp|bind', arguments: 'all', description: 'Sensors Data (神策) analytics' },
    { module: 'mixpanel', path: 'init().track', arguments: 'all', description: 'Mixpanel analytics' },
    { module: 'mixpanel', path: 'init().people.set|set_once', arguments: 'all', description: 'Mixpanel analytics' },
    { module: 'posthog-node', path: 'PostHog.new().capture|identify', arguments: [0], description: 'PostHog analytics' },
    // Sensors Data (神策) for Node and by the name it is kept under (`getApp().sensors.track(…)`).
    { module: 'sa-sdk-node', path: 'new().track|trackSignup|profileSet|profileSetOnce|profileAppend|profileIncrement', arguments: 'all', description: 'Sensors Data (神策) analytics' },
    {
      receiverName: 'sensors|sensorsdata|.*sensors',
      methods: 'track|login|identify|setProfile|setOnceProfile|registerPage|registerApp|register|bind|profileSet|profileSetOnce|quick',
      arguments: 'all',
      description: 'Sensors Data (神策) analytics (by receiver name)',
    },
    // GrowingIO: one global function whose first argument names the action (`gio('track', event, attrs)`).
    { global: 'gio', path: '', arguments: 'all', description: 'GrowingIO analytics' },
    { global: 'gdp', path: '', arguments: 'all', description: 'GrowingIO analytics' },
    // The SDK is usually a vendored file required by path (`require('./utils/gio-minp').default`).
    { methods: 'gio|gdp', arguments: 'all', description: 'GrowingIO analytics' },
    { module: 'gio-webjs-sdk', path: '', arguments: 'all', description: 'GrowingIO analytics' },
    { module: 'gio-webjs-sdk-cdp', path: '', arguments: 'all', description: 'GrowingIO analytics' },
    // Umeng (友盟) and Alibaba's aplus, in mini-programs and on the web.
    { global: 'wx', path: 'uma.trackEvent|setUserid|setOpenid|setUnionid', arguments: 'all', description: 'Umeng analytics' },
    { global: 'uma', path: 'trackEvent|setUserid|setOpenid|setUnionid', arguments: 'all', description: 'Umeng analytics' },
    { module: 'umtrack-wx', path: 'trackEvent|setUserid|setOpenid|setUnionid', arguments: 'all', description: 'Umeng analytics' },
    { module: 'umtrack-alipay', path: 'trackEvent|setUserid', arguments: 'all', description: 'Umeng analytics' },
    { global: 'aplus', path: 'record|setMetaInfo', arguments: 'all', description: 'Umeng aplus analytics' },
    { global: 'aplus_queue', path: 'push', arguments: 'all', description: 'Umeng aplus analytics' },
    { global: '_hmt', path: 'push', arguments: 'all', description: 'Baidu Tongji analytics' },
    // Mini-program analytics reported to the platform.
    { global: 'wx', path: 'reportAnalytics|reportEvent', arguments: [1], description: 'WeChat analytics (wx.reportAnalytics)' },
    { global: 'uni', path: 'report', arguments: 'all', description: 'uni-app statistics (uni.report)' },
    // Log services: Alibaba Cloud SLS and Tencent Cloud CLS.
    ...['@aliyun-sls/web-track-browser', '@aliyun-sls/web-track-mini'].map((module): SinkModel => ({
      module,
      path: 'new().send|sendImmediate|sendBatchLogs|sendBatchLogsImmediate',
      arguments: [0],
      description: 'Alibaba Cloud SLS web tracking',
    })),
    { module: 'aliyun-sdk', path: 'SLS.new().putLogs', arguments: [0], description: 'Alibaba Cloud SLS' },
    { module: '@alicloud/log', path: 'new().postLogStoreLogs|putLogs', arguments: 'all', description: 'Alibaba Cloud SLS' },
    ...['tencentcloud-cls-sdk-js', 'tencentcloud-cls-sdk-js-web', 'tencentcloud-cls-sdk-js-mini'].flatMap((module): SinkModel[] => [
      { module, path: 'AsyncClient.new().PutLogs', arguments: [0], description: 'Tencent Cloud CLS' },
      { module, path: 'WebTracker|MiniTracker.new().add|send|sendImmediate', arguments: [0], description: 'Tencent Cloud CLS tracking' },
    ]),
  );
  return sinks;
}

/** How data travels into a log service's request objects before the request is sent. */
export function telemetrySteps(): StepModel[] {
  const steps: StepModel[] = [];
  for (const module of ['tencentcloud-cls-sdk-js', 'tencentcloud-cls-sdk-js-web', 'tencentcloud-cls-sdk-js-mini']) {
    steps.push(
      { module, path: 'Log.new().addContent', from: { argument: 1 }, to: 'receiver' },
      { module, path: 'LogGroup.new().addLog|addLogs', from: { argument: 0 }, to: 'receiver' },
      { module, path: 'PutLogsRequest', from: { argument: 1 }, to: 'result' },
    );
  }
  return steps;
}
