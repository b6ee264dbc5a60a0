// The rule ids and setting names live in five places: the rule registry, package.json's settings,
// the JSON schema of `.exchange-ports.json`, docs/rules.md and the config parser. These tests keep
// them identical, and check the extension manifest points at files that exist.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { EXCHANGE_VERSIONS } from '../../../server/src/catalog/types';
import { CONFIG_FILE_GLOB, COMMANDS, LANGUAGE_IDS, SETTINGS_SECTION } from '../../../server/src/protocol';
import { RULES } from '../../../server/src/rules';
import { parseConfigFile } from '../../../server/src/service/config';
import { DEFAULT_SETTINGS } from '../../../server/src/service/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const readJson = (relative: string) => JSON.parse(fs.readFileSync(path.join(ROOT, relative), 'utf8'));
const manifest = readJson('package.json');
const schema = readJson('schemas/exchange-ports.schema.json');
const settings: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;

const ruleIds = RULES.map((rule) => rule.id).sort();
const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

describe('rule ids are the same everywhere', () => {
  test('package.json exchangePorts.rules lists every rule, each with the five severities', () => {
    const properties = settings[`${SETTINGS_SECTION}.rules`]?.properties as Record<string, { enum: string[] }>;
    assert.deepEqual(Object.keys(properties).sort(), ruleIds);
    for (const [id, property] of Object.entries(properties)) assert.deepEqual(property.enum, SEVERITIES, id);
  });

  test('the .exchange-ports.json schema lists every rule, each with the five severities', () => {
    const properties = schema.properties.rules.properties as Record<string, { enum: string[] }>;
    assert.deepEqual(Object.keys(properties).sort(), ruleIds);
    for (const [id, property] of Object.entries(properties)) assert.deepEqual(property.enum, SEVERITIES, id);
  });

  test('docs/rules.md has one "## <rule-id>" section per rule', (context) => {
    const docsPath = path.join(ROOT, 'docs', 'rules.md');
    if (!fs.existsSync(docsPath)) {
      context.skip('docs/rules.md does not exist yet');
      return;
    }
    const headings = fs
      .readFileSync(docsPath, 'utf8')
      .split(/\r?\n/)
      .filter((line) => /^## [a-z0-9-]+$/.test(line))
      .map((line) => line.slice(3))
      .sort();
    assert.deepEqual(headings, ruleIds);
  });

  test('every rule description is in the settings UI', () => {
    const properties = settings[`${SETTINGS_SECTION}.rules`]?.properties as Record<string, { markdownDescription: string }>;
    for (const rule of RULES) assert.ok(properties[rule.id]?.markdownDescription.startsWith(rule.description), rule.id);
  });
});

describe('the .exchange-ports.json schema matches the parser', () => {
  const schemaKeys = Object.keys(schema.properties).sort();

  test('is a closed draft-07 object schema', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.properties.rules.additionalProperties, false);
    assert.equal(schema.properties.staticPortRange.additionalProperties, false);
  });

  test('its keys are exactly the keys parseConfigFile knows', () => {
    // The parser names the keys it knows when it meets an unknown one.
    const [problem] = parseConfigFile('{ "no-such-setting": 1 }').problems;
    assert.match(problem?.message ?? '', /known settings: (.+)\.$/);
    const known = /known settings: (.+)\.$/.exec(problem?.message ?? '')?.[1]?.split(', ') ?? [];
    assert.deepEqual(schemaKeys, ['$schema', ...known].sort());
  });

  test('a file using every key with a valid value parses without problems', () => {
    const config = {
      $schema: './schemas/exchange-ports.schema.json',
      rules: Object.fromEntries(ruleIds.map((id) => [id, 'hint'])),
      staticPortRange: { min: 59531, max: 60554 },
      targetVersion: EXCHANGE_VERSIONS[0],
      inlayHints: false,
      inlayHintsPowerShell: false,
      inlayHintsCmd: true,
      maxFileSize: 50,
      roles: [{ files: 'perimeter/*.rules.v4', role: 'edge-transport', version: '2016' }],
    };
    assert.deepEqual(Object.keys(config).sort(), schemaKeys);
    assert.deepEqual(parseConfigFile(JSON.stringify(config)).problems, []);
  });

  test('targetVersion takes the catalog versions; the editor setting adds "" for not set', () => {
    assert.deepEqual(schema.properties.targetVersion.enum, [...EXCHANGE_VERSIONS]);
    const editorSetting = settings[`${SETTINGS_SECTION}.targetVersion`] as { enum: string[]; enumDescriptions: string[] };
    assert.deepEqual(editorSetting.enum, ['', ...EXCHANGE_VERSIONS]);
    assert.equal(editorSetting.enumDescriptions.length, editorSetting.enum.length);
  });

  test('ports are integers from 1 to 65535 and the defaults are the service defaults', () => {
    for (const range of [schema.properties.staticPortRange, settings[`${SETTINGS_SECTION}.staticPortRange`]] as { properties: Record<string, object>; default: unknown }[]) {
      for (const bound of ['min', 'max']) assert.deepEqual({ ...range.properties[bound], description: undefined }, { type: 'integer', minimum: 1, maximum: 65535, description: undefined });
      assert.deepEqual(range.default, DEFAULT_SETTINGS.staticPortRange);
    }
    assert.equal(settings[`${SETTINGS_SECTION}.inlayHints`]?.default, DEFAULT_SETTINGS.inlayHints);
  });

  test('every schema property has a description', () => {
    const missing: string[] = [];
    const visit = (node: { description?: string; properties?: Record<string, object> }, at: string) => {
      if (!node.description) missing.push(at);
      for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${at}.${key}`);
    };
    visit(schema, '(root)');
    assert.deepEqual(missing, []);
  });
});

describe('the extension manifest', () => {
  test('editor settings are the config file keys plus the trace setting', () => {
    const fromSchema = Object.keys(schema.properties).filter((key) => key !== '$schema');
    assert.deepEqual(Object.keys(settings).sort(), [...fromSchema.map((key) => `${SETTINGS_SECTION}.${key}`), `${SETTINGS_SECTION}.trace.server`].sort());
  });

  test('every language the server checks is contributed (or built into VS Code) and activates the extension', () => {
    const languages = (manifest.contributes.languages as { id: string }[]).map((language) => language.id);
    // VS Code owns these two ids (with its own grammars): the extension attaches to them.
    const builtIn = ['powershell', 'bat'];
    assert.deepEqual(languages.filter((id) => builtIn.includes(id)), []);
    for (const id of LANGUAGE_IDS) {
      assert.ok(languages.includes(id) || builtIn.includes(id), id);
      assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), id);
    }
    assert.ok(manifest.activationEvents.includes(`workspaceContains:${CONFIG_FILE_GLOB}`));
  });

  test('the commands are declared; the rule documentation one is hidden from the palette (it needs a rule id)', () => {
    assert.deepEqual(
      manifest.contributes.commands.map((command: { command: string }) => command.command),
      Object.values(COMMANDS),
    );
    assert.deepEqual(manifest.contributes.menus.commandPalette, [
      { command: COMMANDS.showRuleDocumentation, when: 'false' },
      { command: COMMANDS.showPortMap, when: 'exchangePorts.active' },
    ]);
  });

  test('the files it points at exist', () => {
    const { languages, grammars, snippets, jsonValidation } = manifest.contributes;
    const paths: string[] = [
      ...languages.map((language: { configuration: string }) => language.configuration),
      ...grammars.map((grammar: { path: string }) => grammar.path),
      ...snippets.map((snippet: { path: string }) => snippet.path),
      ...jsonValidation.map((validation: { url: string }) => validation.url),
    ];
    for (const relative of paths) assert.ok(fs.existsSync(path.join(ROOT, relative)), relative);
  });

  test('the grammar scope is the one the grammar file declares', () => {
    for (const grammar of manifest.contributes.grammars as { scopeName: string; path: string }[]) {
      assert.equal(readJson(grammar.path).scopeName, grammar.scopeName);
    }
  });
});
