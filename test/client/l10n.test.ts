/**
 * Every string the VS Code extension shows exists in English and in Chinese (issue #20): each `vscode.l10n.t(…)`
 * of client/src has its entry in l10n/bundle.l10n.zh-cn.json, with the same placeholders, and each `%key%` of
 * package.json is in package.nls.json and package.nls.zh-cn.json. A string added in English only fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLIENT = path.resolve(__dirname, '../../client');
const HAN = /[\u4e00-\u9fff]/;

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(CLIENT, file), 'utf8')) as Record<string, string>;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();
}

describe('extension strings', () => {
  it('translates every vscode.l10n.t message into Chinese, with the same placeholders', () => {
    const sources = fs.readdirSync(path.join(CLIENT, 'src')).filter((file) => file.endsWith('.ts'));
    const messages = sources.flatMap((file) =>
      [...fs.readFileSync(path.join(CLIENT, 'src', file), 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((match) => match[1]!),
    );
    expect(messages.length).toBeGreaterThan(8);
    const chinese = readJson('l10n/bundle.l10n.zh-cn.json');
    expect(messages.filter((message) => chinese[message] === undefined)).toEqual([]);
    for (const message of messages) {
      expect(chinese[message], message).toMatch(HAN);
      expect(placeholders(chinese[message]!), message).toEqual(placeholders(message));
    }
    expect(Object.keys(chinese).filter((key) => !messages.includes(key)), 'unused translations').toEqual([]);
  });

  it("translates every %key% of package.json, and nothing else", () => {
    const manifest = fs.readFileSync(path.join(CLIENT, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([\w.-]+)%"/g)].map((match) => match[1]!))].sort();
    const english = readJson('package.nls.json');
    const chinese = readJson('package.nls.zh-cn.json');
    expect(Object.keys(english).sort()).toEqual(keys);
    expect(Object.keys(chinese).sort()).toEqual(keys);
    for (const key of keys) expect(chinese[key], key).toMatch(HAN);
  });
});
