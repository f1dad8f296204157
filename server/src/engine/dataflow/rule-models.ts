/**
 * Stage: dataflow (the rules' models at a call).
 * Input: a call described for the models (`CallDescription`), its callee, the arguments, the result so far and the
 * caller's state. Sources, steps and sinks apply to calls into code the engine cannot see; sanitizers, redactions
 * and look-alikes named by name apply to the project's own functions too.
 * Output: the result with each rule's models applied: a sanitizer removes the rule's labels from the result, a
 * redaction configures a logger or a module's sinks, a look-alike adds a note, an API source adds a label, a step
 * moves data into the result, the receiver or an argument. At a sink, every label of the selected arguments (found
 * deeply, or through the declared type of a whole object: type-labels.ts) is recorded as a reach, with the guards
 * that hold there.
 * Invariant: a sanitizer protects only its result, so one whose result is thrown away protects nothing; a sink to an
 * allowed host, or of a field its logger redacts, is no reach; someone else's consent does not guard a sink
 * (facts/person-words.ts).
 */
import { WEAK_GUARD_REASONS } from '../reasons';
import { isCopyableCheck, isSummarised } from './resolve';
import { returnsParameterUnchanged } from './unchanged-returns';
import { inferredFieldLabels } from './inferred-fields';
import { applyInputSources, producedByName } from './use-sources';
import { propertyNode } from './places';
import { tokenizeName } from '../facts/name-tokens';
import { ts } from 'ts-morph';
import { isAllowedUrl, resolveAgainstBase } from '../facts/allowed-hosts';
import { type CallDescription, type CompiledRedaction, type CompiledRule, type CompiledSink, calleeMatches } from '../facts/compile-models';
import { mutateReceiver, storeInto } from './assignment';
import { isAnotherPersonsCheck, ownersAtSink } from './guard-subjects';
import { syntheticGuard } from './guards';
import type { Box, CallNode, Callee, Walker } from './host';
import { accessChainNames, skipOuter, staticPropertyName } from './resolve';
import { readPath } from './summary';
import { type Label, addNote, isClearedFor, makeTaint, mergeTaint, sourceLabel } from './taint';
import { typeLabels } from './type-labels';
import { type Value, isEmptyValue, EMPTY, compact, deepTaint, deepTaintWithPaths, flatten, isRedacted, joinValues, markSanitized, removeRule } from './value';

export function applyRuleModels(
  interp: Walker,
  node: CallNode,
  callee: Callee,
  description: CallDescription,
  args: Value[],
  result: Value,
  box: Box,
  guardOverride?: ReadonlySet<string>,
): Value {
  let out = result;
  const receiver = callee.receiver ?? EMPTY;
  const nameOnly = description.isProjectFunction;
  // A sanitizer's input is joined into the result once: a second rule's sanitizer on the same call must not bring
  // back what the first one removed (`redactVin(x)` matches the masking models of more than one rule).
  const joinedInputs = new Set<number | 'receiver'>();
  for (const rule of interp.host.rules) {
    for (const sanitizer of rule.sanitizers.candidates(description)) {
      if (!calleeMatches(sanitizer.callee, description)) continue;
      if (nameOnly && sanitizer.callee.api) continue;
      // The project's own `maskPlate` that only upper-cases, a `blur` that never touches the pixels: a word in a name
      // does not make a function protection; what its body does does. (A function the configuration names, like
      // `maskFunctions: ["hideDoc"]`, is taken at the user's word.)
      if (nameOnly && sanitizer.callee.terms && !bodySanitizes(interp, callee, rule.id)) continue;
      if (!joinedInputs.has(sanitizer.argument)) {
        joinedInputs.add(sanitizer.argument);
        out = joinValues(out, sanitizer.argument === 'receiver' ? receiver : (args[sanitizer.argument] ?? EMPTY));
      }
      out = markSanitized(removeRule(out, rule.id), rule.id, callee.name ? `${callee.name}()` : sanitizer.description);
      interp.effects.sanitizes.add(rule.id);
      const fn = callee.value.fns?.[0];
      // A fix may copy only a plain call: `new BlurFaceAdvanceRequest(…)` builds a request, it returns no image.
      if (callee.name && isCopyableCheck(node)) interp.host.noteKnownFunction('sanitizer', rule.id, callee.name, fn?.kind === 'function' ? fn.node : undefined);
    }
    for (const redaction of rule.redactions.candidates(description)) {
      if (!calleeMatches(redaction.callee, description)) continue;
      const options = args[redaction.argument] ?? EMPTY;
      const paths = redactionPaths(interp, redaction, options);
      if (paths.length === 0) continue;
      if (redaction.scope === 'instance') out = compact({ ...out, redact: [...new Set([...(out.redact ?? []), ...paths])] });
      else if (redaction.scope === 'group') interp.host.addModuleRedaction(rule.id, redactionGroupRoot(redaction.group!), paths);
      else for (const ref of description.apiRefs) interp.host.addModuleRedaction(rule.id, ref.root, paths);
    }
    // `model.estimate(frame)`: what an unknown analysis returns describes the frame; it does not carry it.
    if (!nameOnly && callee.name !== undefined && rule.barrierCalls.size && rule.barrierCalls.has(tokenizeName(callee.name)[0] ?? '')) out = removeRule(out, rule.id);
    for (const lookalike of rule.notSanitizers.candidates(description)) {
      if (!calleeMatches(lookalike.callee, description)) continue;
      out = compact({ ...out, taint: addNote(deepTaint(out), rule.id, { reason: lookalike.reason, description: lookalike.description, node }) });
    }
    if (!nameOnly) {
      for (const source of rule.apiSources.candidates(description)) {
        if (source.output !== 'result' && source.output !== undefined) continue;
        if (!calleeMatches(source.callee, description)) continue;
        // The API's own result is the most precise description (`withFaceDescriptor()` after `withFaceLandmarks()`).
        const base = removeRule(out, rule.id);
        out = compact({ ...base, taint: mergeTaint(base.taint, makeTaint([sourceLabel(rule.id, node, source.description, 'api')])) });
      }
      out = producedByName(rule, node, callee, out);
      applyInputSources(interp, rule, node, callee, description, args, box);
      for (const step of rule.steps.candidates(description)) {
        if (!calleeMatches(step.callee, description)) continue;
        const from = step.from === 'receiver' ? receiver : (args[step.from.argument] ?? EMPTY);
        if (step.to === 'result') out = joinValues(out, flatten(from));
        else if (step.to === 'receiver' && callee.receiverNode) mutateReceiver(interp, { ...callee, name: 'push' }, [from], box);
        else if (typeof step.to === 'object') {
          // `frame.copyTo(buffer)`: the data lands in an argument.
          const target = node.arguments?.[step.to.argument];
          if (target) storeInto(interp, skipOuter(target), args[step.to.argument] ?? EMPTY, flatten(from), `filled by ${callee.name ?? 'a call'}()`, box);
        }
      }
      for (const sink of rule.sinks.candidates(description)) {
        if (!calleeMatches(sink.callee, description)) continue;
        checkSink(interp, rule, sink, node, args, callee, box, guardOverride);
      }
    }
  }
  return out;
}

/**
 * The field paths a redaction call configures: the strings listed at `pathsProperty` (`redact: ['vin']`,
 * `redact: { paths: […] }`), or the fields its callback deletes or overwrites (`delete event.user.ssn` → `**.ssn`).
 */
function redactionPaths(interp: Walker, redaction: CompiledRedaction, options: Value): string[] {
  const paths: string[] = [];
  if (redaction.pathsProperty) {
    let listed = readPath(options, redaction.pathsProperty.split('.'));
    if (!listed.fields?.has('0') && listed.fields?.has('paths')) listed = listed.fields.get('paths')!;
    for (const [key, item] of listed.fields ?? []) if (/^\d+$/.test(key) && item.str !== undefined) paths.push(item.str);
  }
  if (redaction.callbackProperty) {
    for (const fn of readPath(options, [redaction.callbackProperty]).fns ?? []) {
      if (fn.kind !== 'function') continue;
      const parameter = fn.node.parameters[0];
      if (!parameter || !ts.isIdentifier(parameter.name)) continue;
      const name = parameter.name.text;
      const visit = (node: ts.Node): void => {
        let target: ts.Expression | undefined;
        if (ts.isDeleteExpression(node)) target = node.expression;
        else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) target = node.left;
        if (target && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))) {
          const chain = accessChainNames(target);
          if (chain[0] === name && chain.length > 1) paths.push(`**.${chain[chain.length - 1]}`);
        }
        ts.forEachChild(node, visit);
      };
      if (fn.node.body) visit(fn.node.body);
    }
  }
  // `pinoHttp({ logger })`: the paths the given pino instance was made to redact.
  if (redaction.loggerProperty) paths.push(...(readPath(options, redaction.loggerProperty.split('.')).redact ?? []));
  void interp;
  return paths;
}

/** The root a redaction of scope `group` is kept under, beside the modules' roots (collect.ts). */
function redactionGroupRoot(group: string): string {
  return `group:${group}`;
}

function checkSink(interp: Walker, rule: CompiledRule, sink: CompiledSink, node: CallNode, args: Value[], callee: Callee, box: Box, guardOverride?: ReadonlySet<string>): void {
  const receiver = callee.receiver;
  if (sink.when) {
    const text = sink.when.argument === 'receiver' ? callee.receiver?.url : args[sink.when.argument]?.str;
    if (text === undefined || !sink.when.matches.test(text)) return;
  }
  if (sink.urlArgument !== undefined) {
    const urlValue = sink.urlArgument === 'receiver' ? receiver : args[sink.urlArgument];
    const url = sink.urlProperty ? readPath(urlValue ?? EMPTY, sink.urlProperty.split('.')).str : (urlValue?.url ?? urlValue?.str);
    // `client.post('/frames', frame)` on `axios.create({ baseURL })`: the path goes to the client's base URL.
    if (isAllowedUrl(resolveAgainstBase(url, receiver?.url), rule.allowedHosts)) return;
  }
  const redacted = receiver?.redact ?? [];
  const argumentNodes = node.arguments ?? [];
  const indexes = sink.arguments === 'all' ? args.map((_, index) => index) : sink.arguments;
  const effectiveBox = guardOverride ? { state: box.state.withFacts([...guardOverride].map((id) => box.state.guards.get(id) ?? syntheticGuard(id, node))) } : box;
  const selected: { value: Value | undefined; node: ts.Node }[] = indexes.map((index) => ({ value: args[index], node: argumentNodes[index] ?? node }));
  if (sink.receiver && receiver && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    selected.push({ value: receiver, node: node.expression.expression });
  }
  for (const entry of selected) {
    let value = entry.value;
    if (!value) continue;
    let argumentNode: ts.Node = entry.node;
    if (sink.property) {
      value = readPath(value, sink.property.split('.'));
      argumentNode = propertyNode(argumentNode, sink.property) ?? argumentNode;
    }
    const labels = deepTaintWithPaths(value);
    const carries = () => [...labels.keys()].some((label) => label.rule === rule.id);
    if (rule.hasNameSources && !carries()) {
      // A whole DTO or entity whose type declares an ID or biometric field (`logger.info(dto)`).
      for (const [label, fieldPath] of typeLabels(interp, rule, value, [], 0, receiver?.typeArguments)) labels.set(label, fieldPath);
      // A whole untyped object whose ID field the code reads elsewhere (`console.log(res)`, `res.data.idNumber`).
      if (!carries()) for (const [label, fieldPath] of inferredFieldLabels(interp, rule, argumentNode)) labels.set(label, fieldPath);
    }
    // An enrolment stores a face whatever the argument is called (when the call is given one at all).
    const given = !sink.property || argumentNode !== entry.node || !isEmptyValue(value);
    if (sink.intrinsic && given && ![...labels.keys()].some((label) => label.rule === rule.id && label.origin.kind === 'source')) {
      labels.set(sourceLabel(rule.id, argumentNode, sink.intrinsic, 'api'), []);
    }
    if (labels.size === 0) continue;
    const stepped = new Map<Label, readonly string[]>();
    for (const [label, path] of labels) {
      if (label.rule !== rule.id && label.rule !== '*') continue;
      if (isClearedFor(label, rule.id)) continue;
      // A logger configured to redact this field path masks it before it is written (pino `redact`).
      if (redacted.length && isRedacted(path, redacted)) continue;
      stepped.set(label, path);
    }
    const apiRoots = [...new Set(callee.value.api?.map((ref) => ref.root) ?? [])];
    if (sink.redactionGroup) apiRoots.push(redactionGroupRoot(sink.redactionGroup));
    if (stepped.size) recordReach(interp, rule, { node, argument: argumentNode, description: sink.description, apiRoots }, stepped, effectiveBox);
  }
}

/**
 * Whether the project functions a call may run protect data as their name says: unless one of them hands its
 * parameter back unchanged (`return plate.replace(/\s/g, '').toUpperCase()`, `return frame`) without applying
 * a sanitizer of the rule on the way, the name is taken at its word.
 */
function bodySanitizes(interp: Walker, callee: Callee, rule: string): boolean {
  for (const fn of callee.value.fns ?? []) {
    if (fn.kind !== 'function' || !isSummarised(fn.node)) continue;
    const summary = interp.host.summaryOf(fn.node);
    if (summary.sanitizes?.includes(rule) || summary.ret.sanitized?.includes(rule)) continue;
    if (returnsParameterUnchanged(fn.node)) return false;
  }
  return true;
}

/** Records a reach of a rule's data (or of a parameter) at a sink argument. */
function recordReach(interp: Walker, rule: CompiledRule, site: { node: ts.CallExpression | ts.NewExpression; argument: ts.Node; description: string; apiRoots?: readonly string[] }, labels: ReadonlyMap<Label, readonly string[]>, box: Box): void {
  const fact = box.state.guards.get(rule.id);
  let guarded = !!fact;
  let weak = box.state.weak.filter((candidate) => candidate.rule === rule.id);
  // Whose data is written, for the check here and for those in callers (guard-subjects.ts).
  const owners = rule.guardProtects ? ownersAtSink(interp, site.node, site.argument) : undefined;
  if (fact && isAnotherPersonsCheck(fact, owners, site.node)) {
    // `if (!manager.faceConsent) return; save(visitor.id, face)`: someone else's consent protects nobody here.
    guarded = false;
    weak = [...weak, { ...fact, weakReason: WEAK_GUARD_REASONS.otherPerson }];
  }
  for (const [label, fieldPath] of labels) {
    if (label.rule !== rule.id && label.rule !== '*') continue;
    interp.effects.reaches.push({ rule: rule.id, sink: site, label, fieldPath, guarded, weak, callChain: undefined, owners });
  }
}
