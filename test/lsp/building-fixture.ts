/**
 * A generated smart-building workspace for tests that need the server busy for a while (cancellation, a client
 * that goes away mid-analysis): the access-control service of an office tower, one module per badge reader, lift
 * and visitor kiosk, all logging through one audit module. Every fourth reader logs the visitor's ID number
 * unmasked (one `no-id-number-logging` finding each); the others mask it first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface BuildingWorkspace {
  readonly root: string;
  /** Files that have exactly one finding. */
  readonly filesWithFindings: readonly string[];
  remove(): void;
}

const AUDIT = `import { createLogger } from 'winston';

const logger = createLogger({ defaultMeta: { service: 'access-control' } });

/** One line per door event; the caller decides what of the visitor may appear in it. */
export function auditDoorEvent(door: string, detail: string): void {
  logger.info(\`door \${door}: \${detail}\`);
}

export function maskIdNumber(value: string): string {
  return value.length <= 4 ? '****' : \`\${'*'.repeat(value.length - 4)}\${value.slice(-4)}\`;
}
`;

function reader(floor: number, index: number, isLeaky: boolean): string {
  const door = `F${floor}-D${index}`;
  const logged = isLeaky ? 'visitor.idCardNo' : 'maskIdNumber(visitor.idCardNo)';
  return `import { Logger } from '@nestjs/common';
import { auditDoorEvent, maskIdNumber } from '../../audit';

interface Visitor {
  name: string;
  idCardNo: string;
  host: string;
  validUntil: Date;
}

const logger = new Logger('BadgeReader${door}');

/** Badge reader at door ${door}: opens for visitors whose pass is still valid. */
export class BadgeReader${floor}x${index} {
  private readonly recent: string[] = [];

  constructor(private readonly door = '${door}') {}

  admit(visitor: Visitor, now: Date): boolean {
    if (visitor.validUntil.getTime() < now.getTime()) {
      auditDoorEvent(this.door, \`expired pass for \${visitor.name}\`);
      return false;
    }
    this.recent.push(visitor.name);
    if (this.recent.length > 50) this.recent.shift();
    logger.log(\`admitted \${visitor.name}, visiting \${visitor.host}, ID \${${logged}}\`);
    return true;
  }

  tailgateAlarm(count: number): void {
    auditDoorEvent(this.door, \`tailgating: \${count} people on one badge\`);
  }

  occupancy(): number {
    return this.recent.length;
  }
}
`;
}

/** Writes `floors × readersPerFloor` badge readers (plus the audit module) into a new temporary folder. */
export function createBuildingWorkspace(floors = 20, readersPerFloor = 20): BuildingWorkspace {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'piilint-building-'));
  const root = path.join(parent, 'tower-access-control');
  const write = (relative: string, text: string): string => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  write('piilint.config.json', '{ "locale": "en" }\n');
  write('tsconfig.json', '{ "compilerOptions": { "target": "ES2022", "module": "node16", "strict": true, "noEmit": true }, "include": ["src"] }\n');
  write('src/audit.ts', AUDIT);
  const filesWithFindings: string[] = [];
  let count = 0;
  for (let floor = 1; floor <= floors; floor++) {
    for (let index = 1; index <= readersPerFloor; index++) {
      const isLeaky = count++ % 4 === 0;
      const file = write(`src/floors/floor-${String(floor).padStart(2, '0')}/badge-reader-${index}.ts`, reader(floor, index, isLeaky));
      if (isLeaky) filesWithFindings.push(file);
    }
  }
  return { root, filesWithFindings, remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}
