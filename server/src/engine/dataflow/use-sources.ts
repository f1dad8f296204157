/**
 * Stage: dataflow (sources recognised by how a value is produced or used).
 * Input: a call into code the engine cannot see, its arguments and the state at the call, for one rule.
 * Output: the variables the call's inputs came from, marked as the rule's data from here on (a face-recognition
 * input is a face image wherever it flows next); the call's result marked as the rule's data when its name says it
 * produces that data (`extractPalmVeinTemplate()`, `encoder.embed(pcm)` on a `SpeakerEncoder`).
 * Invariant: what counts comes from the rule's models (`InputSourceModel`, `NameSourceModel.producers`); a value
 * that already carries the rule's data keeps its own source.
 */
import { ts } from 'ts-morph';
import { type CallDescription, type CompiledRule, calleeMatches } from '../facts/compile-models';
import { tokenizeName } from '../facts/name-tokens';
import { PRODUCER_VERBS, producedNoun } from '../facts/producer-verbs';
import type { Box, Callee, CallNode, Walker } from './host';
import { propertyNode, testedPlace } from './places';
import { readPath } from './summary';
import { makeTaint, mergeTaint, sourceLabel } from './taint';
import { type Value, EMPTY, compact, joinValues, writeField } from './value';

/** `faceapi.detectSingleFace(liveStill)`: from here on, `liveStill` is a face image. */
export function applyInputSources(interp: Walker, rule: CompiledRule, node: CallNode, callee: Callee, description: CallDescription, args: readonly Value[], box: Box): void {
  for (const input of rule.inputSources.candidates(description)) {
    if (!calleeMatches(input.callee, description)) continue;
    if (input.when) {
      const text = input.when.argument === 'receiver' ? callee.receiver?.url : args[input.when.argument]?.str;
      if (text === undefined || !input.when.matches.test(text)) continue;
    }
    const argumentNodes = node.arguments ?? [];
    const indexes = input.arguments === 'all' ? argumentNodes.map((_, index) => index) : input.arguments;
    for (const index of indexes) {
      let argument: ts.Node | undefined = argumentNodes[index];
      if (argument && input.property) argument = propertyNode(argument, input.property);
      if (!argument || !ts.isExpression(argument)) continue;
      const place = testedPlace(argument);
      const symbol = place && interp.resolver.symbolAt(place.root);
      if (!place || !symbol) continue;
      const current = box.state.get(symbol) ?? interp.host.moduleValue(symbol) ?? EMPTY;
      const at = readPath(current, place.path);
      if ([...(at.taint?.values() ?? [])].some((label) => label.rule === rule.id && label.origin.kind === 'source')) continue;
      const label = sourceLabel(rule.id, argument, input.description, 'api');
      const marked = joinValues(at, { taint: makeTaint([label]) });
      box.state.set(symbol, place.path.length ? writeField(current, place.path, marked) : marked);
    }
  }
}

/** Roles a receiver's name ends in that say nothing of what it produces (`SpeakerEncoder` is about speakers). */
const ROLE_WORDS: ReadonlySet<string> = new Set(['encoder', 'engine', 'client', 'service', 'sdk', 'api', 'reader', 'scanner', 'extractor', 'manager', 'helper', 'util', 'utils', 'module', 'provider', 'model', 'net']);

/**
 * The names a call's result may go by: the callee's name without its leading verbs (`getIdCardNo` → `id card no`),
 * and that noun after the receiver's own words (`face.getDescriptor` → `face descriptor`, `speakerEncoder.embed` →
 * `speaker embedding`).
 */
function producedNames(callee: Callee): string[] {
  if (callee.name === undefined) return [];
  const tokens = tokenizeName(callee.name);
  let start = 0;
  while (start < tokens.length && PRODUCER_VERBS.has(tokens[start]!)) start++;
  if (start === 0) return [tokens.join('_')];
  const noun = start < tokens.length ? tokens.slice(start) : [producedNoun(tokens[start - 1]!)];
  const names = [noun.join('_')];
  const receiver = [...(callee.receiverNames ?? []), ...(callee.receiver?.api ?? []).flatMap((ref) => ref.segments.filter((segment) => segment.startsWith('.')).slice(-1).map((segment) => segment.slice(1)))];
  for (const name of receiver.slice(-2)) {
    const words = tokenizeName(name).filter((word) => !ROLE_WORDS.has(word));
    if (words.length) names.push([...words, ...noun].join('_'));
  }
  return names;
}

/** The result of a call named for the rule's data, when it carries none yet. */
export function producedByName(rule: CompiledRule, node: CallNode, callee: Callee, out: Value): Value {
  if (!rule.hasProducerNames || [...(out.taint?.values() ?? [])].some((label) => label.rule === rule.id)) return out;
  for (const name of producedNames(callee)) {
    const description = rule.matchProducerName(name);
    if (description) {
      return compact({ ...out, taint: mergeTaint(out.taint, makeTaint([sourceLabel(rule.id, node, `${description}, produced by \`${callee.name}()\``, 'name', { name: callee.name })])) });
    }
  }
  return out;
}
