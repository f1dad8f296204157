#!/usr/bin/env node
/**
 * Writes schema/piilint.config.schema.json from the built rule registry, so editors get completion and
 * descriptions for piilint.config.json. The schema's single source is buildConfigSchema() in
 * server/src/engine/config/config-schema.ts; this script only serialises it.
 *
 * Usage (after `npm run build`):
 *   node scripts/write-config-schema.js          write the file
 *   node scripts/write-config-schema.js --check  exit 1 if the file is out of date (for CI)
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const target = path.join(repoRoot, 'schema', 'piilint.config.schema.json');

function requireBuilt(relative) {
  const file = path.join(repoRoot, 'dist', relative);
  if (!fs.existsSync(file)) {
    console.error(`write-config-schema: ${file} does not exist. Run \`npm run build\` first.`);
    process.exit(2);
  }
  return require(file);
}

const { allRules } = requireBuilt('rules/index.js');
const { buildConfigSchema } = requireBuilt('server/src/engine/config/config-schema.js');
const text = `${JSON.stringify(buildConfigSchema(allRules), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`write-config-schema: ${path.relative(repoRoot, target)} is out of date. Run \`node scripts/write-config-schema.js\`.`);
    process.exit(1);
  }
  console.log(`write-config-schema: ${path.relative(repoRoot, target)} is up to date.`);
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`write-config-schema: wrote ${path.relative(repoRoot, target)} (${allRules.length} rules).`);
}
