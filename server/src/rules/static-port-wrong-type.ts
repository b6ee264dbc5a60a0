// static-port-wrong-type (error): Exchange reads `TCP/IP Port` only as a REG_DWORD and `RpcTcpPort`
// only as a REG_SZ; the other type is silently ignored and the service stays on a dynamic port.
import { defineRule, type Finding } from '../service/types';
import { isValidPort, serviceLabel, setFreePortFix, staticPortWrites } from './support/staticPorts';

const TYPE_NAMES: Record<string, string> = {
  REG_DWORD: 'a REG_DWORD (`dword:`)',
  REG_SZ: 'a REG_SZ (a quoted string)',
};

export default defineRule({
  id: 'static-port-wrong-type',
  defaultSeverity: 'error',
  appliesTo: ['reg'],
  description: '`TCP/IP Port` not a REG_DWORD, or `RpcTcpPort` not a REG_SZ.',
  *check(doc, { settings }): Iterable<Finding> {
    for (const target of staticPortWrites(doc)) {
      const { write, setting } = target;
      if (write.type === undefined || write.type === setting.type) continue;
      const expected = TYPE_NAMES[setting.type] ?? setting.type;
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
