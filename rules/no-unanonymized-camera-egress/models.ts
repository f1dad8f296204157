/**
 * Models of `no-unanonymized-camera-egress` (DOMAIN.md §3, §4.2, §4.5, §4.6): where camera frames, images and
 * video come from, where they leave the vehicle or device, and what anonymises them (blurring or filling every
 * face and plate, on the vehicle, before encoding). Each part lives in its own module; this one puts them together.
 */
import type { RuleModels } from '../../server/src/engine/rule-api';
import { cloudStorageSinks } from '../shared/persistence-sinks';
import { guards, sanitizers, steps } from './anonymisers';
import { apiSources, nameSources } from './camera-sources';
import { networkSinks } from './egress-sinks';
import type { CameraEgressOptions } from './options';

export function createModels(options: CameraEgressOptions): RuleModels {
  return {
    sources: [...nameSources(), ...apiSources()],
    sinks: [...networkSinks(), ...cloudStorageSinks()],
    sanitizers: sanitizers(options),
    guards: guards(options),
    steps: steps(),
    allowedHosts: options.allowedHosts,
    // Analyses of a frame (a crowd estimate, a classification, a count, a recognised plate's text) describe it.
    barrierCalls: ['estimate', 'predict', 'classify', 'count', 'measure', 'analyze', 'analyse', 'infer', 'score', 'recognize', 'recognise', 'detect'],
    barrierProperties: [
      'length',
      'byteLength',
      'size',
      'width',
      'height',
      'codedWidth',
      'codedHeight',
      'displayWidth',
      'displayHeight',
      'rows',
      'cols',
      'channels',
      'timestamp',
      'duration',
      'format',
      'mimeType',
      'type',
      'fps',
      'frameRate',
      'count',
      'score',
      'confidence',
      'box',
      'boxes',
      'boundingBox',
      'bbox',
      'bboxes',
      'empty',
      'readyState',
      'kind',
      'label',
      'deviceId',
    ],
  };
}
