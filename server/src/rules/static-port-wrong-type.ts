// static-port-wrong-type (error): Exchange reads `TCP/IP Port` only as a REG_DWORD and `RpcTcpPort`
// only as a REG_SZ; the other type is silently ignored and the service stays on a dynamic port.
import { defineRule, type Finding, type LanguageId } from '../service/types';
import { isValidPort, serviceLabel, setFreePortFix, staticPortWrites } from './support/staticPorts';

/** How each syntax spells the two types, so the message names what to write. */
const TYPE_NAMES: Partial<Record<LanguageId, Record<string, string>>> = {
  reg: { REG_DWORD: 'a REG_DWORD (`dword:`)', REG_SZ: 'a REG_SZ (a quoted string)' },
  powershell: { REG_DWORD: 'a REG_DWORD (`DWord`)', REG_SZ: 'a REG_SZ (`String`)' },
  bat: { REG_DWORD: 'a REG_DWORD (`/t REG_DWORD`)', REG_SZ: 'a REG_SZ (`/t REG_SZ`)' },
};

export default defineRule({
  id: 'static-port-wrong-type',
  defaultSeverity: 'error',
  appliesTo: ['reg', 'powershell', 'bat'],
  description: '`TCP/IP Port` not a REG_DWORD, or `RpcTcpPort` not a REG_SZ.',
  *check(doc, { settings }): Iterable<Finding> {
    for (const target of staticPortWrites(doc)) {
      const { write, setting } = target;
      if (write.type === undefined || write.type === setting.type) continue;
      const expected = TYPE_NAMES[doc.languageId]?.[setting.type] ?? setting.type;
      const editor = doc.model.registryEditor;
      const convert =
        editor && isValidPort(target.number) && (setting.type === 'REG_DWORD' || setting.type === 'REG_SZ')
          ? [{ title: `Convert to ${setting.type} ${target.number}`, edits: editor.setValue(write, setting.type, target.number), preferred: true }]
          : setFreePortFix(doc, target, settings);
      yield {
        ruleId: 'static-port-wrong-type',
        ...write.dataSpan,
        message: `\`${write.valueName}\` must be ${expected}, not ${write.type}: ${serviceLabel(setting)} ignores it and keeps a dynamic port.`,
        fixes: convert,
      };
    }
  },
});
