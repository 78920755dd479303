import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { API_REPORT, apiModel, renderApiReport } from '../../scripts/api-report';

const root = resolve(__dirname, '../..');
const fixture = join(__dirname, 'fixtures', 'api');

describe('the public API report', () => {
  test('reads a fixture package: its declarations, forgotten exports and undocumented names', () => {
    const model = apiModel(fixture);
    expect(model.entries.map((e) => [e.name, e.kind, e.documented])).toEqual([
      ['Gadget', 'class', true],
      ['GadgetProps', 'interface', false],
      ['makeGadget', 'function', true],
    ]);
    expect(model.entries[0].declaration).toBe('export declare class Gadget {\n    readonly props: GadgetProps;\n    private readonly secret;\n    constructor(props: GadgetProps);\n}');
    expect(model.forgotten).toEqual(['GadgetProps: refers to Size (lib/size.ts), which lib/index.ts does not export']);
    expect(renderApiReport(model)).toContain('## makeGadget (function)\n\n`lib/gadget.ts`\n\n```ts\nexport declare function makeGadget(size: number): Gadget;\n```');
  });

  const model = apiModel(root);

  test('every public name is documented and every type a public declaration names is public', () => {
    expect(model.forgotten).toEqual([]);
    expect(model.entries.filter((e) => !e.documented).map((e) => `${e.name} (${e.file})`)).toEqual([]);
  });

  test(`${API_REPORT} is current (run \`npm run api:report\` after changing the public API, and review the diff)`, () => {
    expect(readFileSync(join(root, API_REPORT), 'utf8')).toBe(renderApiReport(model));
  });
});
