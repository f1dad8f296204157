/**
 * Engine stage: facts. Names are matched token by token, API paths as CodeQL-style access paths, and malformed
 * models are configuration errors that name the rule and the model.
 */
import { describe, expect, it } from 'vitest';
import { CALL, NEW, extendApiRef, matchesApiPath, memberSegment, moduleRef, parseApiPath } from '../../server/src/engine/facts/api-ref';
import { calleeMatches, compileRule, matchGuardTokens } from '../../server/src/engine/facts/compile-models';
import { containsTerm, parseTerm, tokenizeName } from '../../server/src/engine/facts/name-tokens';
import { ConfigError } from '../../server/src/engine/errors';
import { testRule } from '../support/test-rules';

describe('name tokens', () => {
  it.each([
    ['idCardNo', ['id', 'card', 'no']],
    ['ID_CARD_NO', ['id', 'card', 'no']],
    ['VINCode', ['vin', 'code']],
    ['plate-number', ['plate', 'number']],
    ['faceImage2', ['face', 'image', '2']],
    ['interfaceId', ['interface', 'id']],
    ['czsfzmhm', ['czsfzmhm']],
  ])('splits %s', (name, tokens) => {
    expect(tokenizeName(name)).toEqual(tokens);
  });

  it('matches whole tokens in order, never substrings', () => {
    expect(containsTerm(tokenizeName('customerIdCardNo'), parseTerm('id card'))).toBe(true);
    expect(containsTerm(tokenizeName('interfaceId'), parseTerm('face'))).toBe(false);
    expect(containsTerm(tokenizeName('surfaceArea'), parseTerm('face'))).toBe(false);
    expect(containsTerm(tokenizeName('cardIdType'), parseTerm('id card'))).toBe(false);
  });
});

describe('API paths', () => {
  const publish = extendApiRef(extendApiRef(extendApiRef(moduleRef('mqtt'), memberSegment('connect'))!, CALL)!, memberSegment('publish'))!;

  it('reads members, calls and constructions', () => {
    expect(matchesApiPath(parseApiPath('m:mqtt', 'connect().publish'), publish)).toBe(true);
    expect(matchesApiPath(parseApiPath('m:mqtt', 'connect().subscribe'), publish)).toBe(false);
    expect(matchesApiPath(parseApiPath('m:mqtt', 'connect().publish|end'), publish)).toBe(true);
    expect(matchesApiPath(parseApiPath('m:mqtt', '*().publish'), publish)).toBe(true);
    const addUser = extendApiRef(extendApiRef(extendApiRef(moduleRef('baidu-aip-sdk'), memberSegment('face'))!, NEW)!, memberSegment('addUser'))!;
    expect(matchesApiPath(parseApiPath('m:baidu-aip-sdk', 'face.new().addUser'), addUser)).toBe(true);
    expect(matchesApiPath(parseApiPath('m:got', ''), moduleRef('got'))).toBe(true);
  });

  it('rejects malformed paths with a readable reason', () => {
    expect(() => parseApiPath('m:x', 'connect(). publish!')).toThrow(/cannot read API path/);
  });

  it('rejects a path that can never match: an alternative that repeats an earlier member (issue #17)', () => {
    expect(() => parseApiPath('m:fs', 'promises.writeFile|promises.appendFile')).toThrow(/repeats "promises" inside an alternative/);
    // The same intent, written as one segment's alternatives, compiles and matches both calls.
    const pattern = parseApiPath('m:fs', 'promises.writeFile|appendFile');
    const call = (name: string) => extendApiRef(extendApiRef(moduleRef('fs'), memberSegment('promises'))!, memberSegment(name))!;
    expect(matchesApiPath(pattern, call('writeFile'))).toBe(true);
    expect(matchesApiPath(pattern, call('appendFile'))).toBe(true);
    // A user model written that way is a configuration error that names the model.
    const rule = testRule('archive', { sinks: [{ module: 'fs', path: 'promises.writeFile|promises.appendFile', description: 'archive write' }] });
    expect(() => compileRule(rule, {}, {})).toThrow(/sinks\[0\] \(archive write\) of rule "archive" is invalid: API path/);
  });
});

describe('compiled rules', () => {
  it('reports a bad model as a config error naming the rule and the model', () => {
    const rule = testRule('broken', { sinks: [{ receiverName: '([unclosed', methods: 'info', description: 'bad logger' }] });
    expect(() => compileRule(rule, {}, {})).toThrow(ConfigError);
    expect(() => compileRule(rule, {}, {})).toThrow(/sinks\[0\] \(bad logger\) of rule "broken"/);
  });

  it('adds the user models to the rule models', () => {
    const rule = testRule('vehicle', { sinks: [{ global: 'console', path: 'log', description: 'console' }] });
    const compiled = compileRule(rule, {}, { sinks: [{ module: 'acme-telemetry', path: 'report', description: 'ACME telemetry' }] });
    expect(compiled.sinks.all.map((sink) => sink.description)).toEqual(['console', 'ACME telemetry']);
  });

  it('matches name models by token and honours exclusions', () => {
    const compiled = compileRule(testRule('ids', { sources: [{ kind: 'name', terms: ['id card'], suffixTerms: ['sfzmhm'], exclude: ['id card type'], description: 'ID' }] }), {}, {});
    expect(compiled.matchName('customerIdCard')).toBe('ID');
    expect(compiled.matchName('czsfzmhm')).toBe('ID');
    expect(compiled.matchName('idCardType')).toBeUndefined();
    expect(compiled.matchName('userId')).toBeUndefined();
  });

  it('checks literal patterns with their validator', () => {
    const rule = { ...testRule('lit', { sources: [{ kind: 'literal', pattern: '\\d{4}', validator: 'even', description: 'even code' }] }), validators: { even: (text: string) => Number(text) % 2 === 0 } };
    const compiled = compileRule(rule, {}, {});
    expect(compiled.matchLiteral('code 1234 here')).toBe('even code');
    expect(compiled.matchLiteral('code 1235 here')).toBeUndefined();
    expect(compiled.matchLiteral('12345')).toBeUndefined();
  });

  it('recognises a regular expression in the code as a check of a literal format by its examples', () => {
    const rule = {
      ...testRule('lit', { sources: [{ kind: 'literal', pattern: '[A-Z]\\d{7}', validator: 'odd', examples: ['K2046891'], description: 'staff pass' }] }),
      validators: { odd: (text: string) => Number(text.slice(1)) % 2 === 1 },
    };
    const compiled = compileRule(rule, {}, {});
    expect(compiled.matchValidationPattern(/^[A-Z]\d{7}$/)).toBe('staff pass');
    expect(compiled.matchValidationPattern(/^[a-z]\d{7}$/gi)).toBe('staff pass');
    // Accepts the example but also ordinary words or hex strings: it checks something looser.
    expect(compiled.matchValidationPattern(/^\w+$/)).toBeUndefined();
    expect(compiled.matchValidationPattern(/^[0-9A-Z]{8}$/)).toBeUndefined();
    expect(compiled.matchValidationPattern(/^\d{8}$/)).toBeUndefined();
  });

  it('rejects a literal source whose example fails its own pattern or validator', () => {
    const rule = {
      ...testRule('lit', { sources: [{ kind: 'literal', pattern: '[A-Z]\\d{7}', validator: 'odd', examples: ['K2046890'], description: 'staff pass' }] }),
      validators: { odd: (text: string) => Number(text.slice(1)) % 2 === 1 },
    };
    expect(() => compileRule(rule, {}, {})).toThrow(/example "K2046890" does not pass its own pattern and validator/);
  });

  it('matches callees by receiver names along the chain and by terms', () => {
    const compiled = compileRule(
      testRule('c', {
        sinks: [{ receiverName: 'logger', methods: 'info', description: 'logger' }],
        sanitizers: [{ terms: ['mask'], description: 'mask' }],
      }),
      {},
      {},
    );
    expect(calleeMatches(compiled.sinks.all[0]!.callee, { apiRefs: [], calleeName: 'info', receiverNames: ['this', 'logger'], isProjectFunction: false })).toBe(true);
    expect(calleeMatches(compiled.sinks.all[0]!.callee, { apiRefs: [], calleeName: 'info', receiverNames: ['this', 'cache'], isProjectFunction: false })).toBe(false);
    expect(calleeMatches(compiled.sanitizers.all[0]!.callee, { apiRefs: [], calleeName: 'maskIdNumber', isProjectFunction: true })).toBe(true);
  });

  it('classifies guards: strong when every group matches, weak when the model says so, none when excluded', () => {
    const compiled = compileRule(
      testRule('g', {
        guards: [
          { allOf: [['consent'], ['face']], noneOf: ['revoked'], description: 'face consent' },
          { allOf: [['privacy']], weakReason: 'privacyPolicy', description: 'privacy flag' },
        ],
      }),
      {},
      {},
    );
    expect(matchGuardTokens(compiled, new Set(['customer', 'face', 'consent']))?.description).toBe('face consent');
    expect(matchGuardTokens(compiled, new Set(['face', 'consent', 'revoked']))).toBeUndefined();
    expect(matchGuardTokens(compiled, new Set(['agreed', 'privacy']))?.weakReason).toBe('privacyPolicy');
  });
});

describe('callee index', () => {
  it('offers a call only the models that can match it, in declaration order', () => {
    const compiled = compileRule(
      testRule('ix', {
        sinks: [
          { module: 'mqtt', path: 'connect().publish', description: 'MQTT' },
          { receiverName: 'logger', methods: 'info', description: 'logger by name' },
          { global: 'console', path: 'log|info', description: 'console' },
          { module: 'got', path: '', description: 'got' },
        ],
      }),
      {},
      {},
    );
    const publish = extendApiRef(extendApiRef(extendApiRef(moduleRef('mqtt'), memberSegment('connect'))!, CALL)!, memberSegment('publish'))!;
    const call = { apiRefs: [publish], calleeName: 'publish', isProjectFunction: false };
    expect(compiled.sinks.candidates(call).map((sink) => sink.description)).toEqual(['MQTT', 'logger by name', 'got']);
    expect(compiled.sinks.matching(call).map((sink) => sink.description)).toEqual(['MQTT']);
    const info = { apiRefs: [], calleeName: 'info', receiverNames: ['logger'], isProjectFunction: false };
    expect(compiled.sinks.matching(info).map((sink) => sink.description)).toEqual(['logger by name']);
  });
});
