// The .reg fast paths give what the plain way gives, on random text and broken copies of the
// fixtures: catalog-named writes found from the value table (valuesNamed, with or without the
// wanted names' shapes) = a filter over every write; positions counted from the nearest key =
// TextDocument.positionAt; each key's line and hive length = what its text says; port mentions
// found with the row pre-filter = reading every value; lazily built fixes = the same fixes. Also
// after chains of incremental edits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registrySettingsNamed } from '../../server/src/catalog';
import { positionAt } from '../../server/src/features/diagnostics';
import type { PortMention, RegistryWrite } from '../../server/src/parsers/common/model';
import { portLikeNumbers } from '../../server/src/parsers/common/text';
import { buildRegModel, rebuildRegModel, regWritesNamed, type RegDocument } from '../../server/src/parsers/reg/model';
import { NameShapes, type RegValueNode } from '../../server/src/parsers/reg/values';
import { analyzeDocument } from '../../server/src/service/analyze';
import { changeBetween } from '../../server/src/service/incremental';
import { createLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, type AnalyzedDocument } from '../../server/src/service/types';
import { catalogWrites } from '../../server/src/rules/support/staticPorts';
import { inputFor, mutationArb, mutate, params } from './support/fuzz';

/** Hex data over continuation lines in every shape: each line break, blanks around `\\`, bad bytes, comments, keys. */
const hexShapes = fc
  .tuple(
    fc.array(fc.constantFrom('00,', '4a,', 'ff', 'F0,', '\\\r\n', '\\\n', '\\\r', '\\ \r\n', '  ', '\t', ';c', '\r\n', 'zz', ',', '\\', '"x"=hex(7):', '35,00,39,00,00,00,', '[HKEY_LOCAL_MACHINE\\K]\r\n', '"TCP/IP Port"=dword:0000e88c\r\n', '"\\\\"=dword:00000001\r\n', '"\u212A"=dword:00000002\r\n', '"tcp/ip PORT"=dword:00000003\r\n'), { maxLength: 40 }),
    fc.constantFrom('\r\n', '\n'),
  )
  .map(([parts, eol]) => `Windows Registry Editor Version 5.00${eol}${eol}[HKEY_LOCAL_MACHINE\\A]${eol}"v"=hex:${parts.join('')}`);

const regText = fc.oneof(inputFor('reg'), hexShapes);

function analyzed(text: string): AnalyzedDocument {
  return analyzeDocument(TextDocument.create('file:///fast-paths.reg', 'reg', 1, text), () => undefined);
}

const describeWrite = (write: RegistryWrite) => [write.valueName, write.statementSpan.start, write.statementSpan.end];

/** The port mentions as the model found them before the row pre-filter: every value read. */
function mentionsReadingEveryValue(text: string, { tree, model }: RegDocument): PortMention[] {
  const portText = /^\s*\d{1,5}\s*(?:-\s*\d{1,5}\s*)?$/;
  const portName = /port/i;
  const mentions: PortMention[] = [];
  for (const key of tree.keys) {
    for (const value of key.values as RegValueNode[]) {
      const { data, dataSpan } = value;
      if (data.kind === 'number' && data.value >= 1 && data.value <= 65535 && portName.test(value.name)) {
        mentions.push({ ...dataSpan, port: data.value, written: text.slice(dataSpan.start, dataSpan.end) });
      } else if (data.kind === 'string' || data.kind === 'strings') {
        for (const part of data.kind === 'string' ? [data.value] : data.value) {
          if (!portText.test(part)) continue;
          if (value.typePrefix === undefined) mentions.push(...portLikeNumbers(text, dataSpan.start, dataSpan.end));
          else for (const number of portLikeNumbers(part, 0, part.length)) mentions.push({ ...dataSpan, port: number.port, written: part });
        }
      }
    }
  }
  for (const comment of model.comments) mentions.push(...portLikeNumbers(text, comment.span.start, comment.span.end));
  return mentions.sort((a, b) => a.start - b.start);
}

function checkDocument(text: string, document: RegDocument): void {
  const writes = document.model.registryWrites;
  // A predicate of its own, asked once per distinct name: the table answers as a filter would.
  const odd = (name: string) => name.length % 2 === 1;
  assert.deepEqual(regWritesNamed(document.tree, odd).map(describeWrite), writes.filter((write) => odd(write.valueName)).map(describeWrite));
  // With the shapes of the wanted names given, other names are passed over from their row.
  const wanted = ['tcp/ip port', 'v', 'x', '\\', 'k', 'a'];
  const isWanted = (name: string) => wanted.includes(name.toLowerCase());
  assert.deepEqual(regWritesNamed(document.tree, isWanted, new NameShapes(wanted)).map(describeWrite), writes.filter((write) => isWanted(write.valueName)).map(describeWrite));
  assert.deepEqual(mentionsReadingEveryValue(text, document), document.model.portMentions);
  const lines = TextDocument.create('file:///lines.reg', 'reg', 1, text);
  for (const key of document.tree.keys) {
    const position = lines.positionAt(key.start);
    assert.equal(key.line, position.line);
    assert.equal(key.lineStart, key.start - position.character);
    assert.equal(key.hiveLength, /^[^\\]*/.exec(key.path)?.[0].length);
  }
}

describe('reg fast paths', () => {
  test('catalog-named writes from the table = a filter over every write', () => {
    fc.assert(
      fc.property(regText, (text) => {
        const doc = analyzed(text);
        const expected = doc.model.registryWrites.filter((write) => registrySettingsNamed(write.valueName).length > 0);
        assert.deepEqual(catalogWrites(doc).map(describeWrite), expected.map(describeWrite));
      }),
      params(300),
    );
  });

  test('keys, named values and port mentions = the plain reading, after full and incremental parses', () => {
    fc.assert(
      fc.property(regText, fc.array(mutationArb, { maxLength: 4 }), (text, mutations) => {
        let current = text;
        let document = buildRegModel(current);
        checkDocument(current, document);
        for (const mutation of mutations) {
          const next = mutate(current, mutation);
          // Port mentions found before the edit are kept and moved by the re-parse.
          void document.model.portMentions;
          document = rebuildRegModel(document, next, changeBetween(current, next)) ?? buildRegModel(next);
          current = next;
          checkDocument(current, document);
        }
      }),
      params(300),
    );
  });

  test('positions counted from the nearest key = TextDocument.positionAt, in any order', () => {
    fc.assert(
      fc.property(regText, fc.array(fc.nat(), { maxLength: 12 }), (text, picks) => {
        const doc = analyzed(text);
        const offsets = [...picks.map((pick) => pick % (text.length + 2)), text.length, 0];
        for (const offset of offsets) assert.deepEqual(positionAt(doc, offset), doc.textDocument.positionAt(offset));
      }),
      params(300),
    );
  });

  test('fixes built when read = the same fixes, whatever was asked before', () => {
    fc.assert(
      fc.property(regText, (text) => {
        const document = TextDocument.create('file:///fixes.reg', 'reg', 1, text);
        const atOnce = createLanguageService().findings(document, DEFAULT_SETTINGS);
        const fixesAtOnce = atOnce.map((finding) => finding.fixes);
        // Another service: a hover finds the port mentions first, the fixes are read last.
        const later = createLanguageService();
        const findings = later.findings(document, DEFAULT_SETTINGS);
        later.hover(document, document.positionAt(Math.floor(text.length / 2)), DEFAULT_SETTINGS);
        assert.deepEqual(
          findings.map((finding) => finding.fixes),
          fixesAtOnce,
        );
        assert.deepEqual(JSON.parse(JSON.stringify(findings)), JSON.parse(JSON.stringify(atOnce)));
      }),
      params(150),
    );
  });
});
