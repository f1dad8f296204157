/**
 * A throw-away copy of test/lsp/fixtures/dealer (a dealer CRM with one violation of each rule, and one ID number
 * that travels from booking.ts into audit-log.ts) that a test may edit, rename and delete files in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DEALER_FIXTURE = path.join(__dirname, 'fixtures', 'dealer');

export interface FixtureFolder {
  readonly root: string;
  file(relative: string): string;
  write(relative: string, text: string): string;
  read(relative: string): string;
  remove(): void;
}

export function copyFixture(name = 'dealer', source = DEALER_FIXTURE): FixtureFolder {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-lsp-'));
  const root = path.join(parent, name);
  fs.cpSync(source, root, { recursive: true });
  // The fixture's $schema points into the repository; the copy does not need it.
  const config = path.join(root, 'piilint.config.json');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/\s*"\$schema": "[^"]*",?/, ''));
  return {
    root,
    file: (relative) => path.join(root, relative),
    write: (relative, text) => {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
    read: (relative) => fs.readFileSync(path.join(root, relative), 'utf8'),
    remove: () => fs.rmSync(parent, { recursive: true, force: true }),
  };
}
