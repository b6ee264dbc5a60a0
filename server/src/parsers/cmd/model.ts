// cmd/batch script → the format-neutral model: registry writes from `reg add|delete`,
// comments, port mentions (netsh port arguments, registry port values) and a registry editor.
import { emptyModel, type DocumentModel, type ParseProblem, type PortMention, type RegistryEditor, type RegistryWrite } from '../common/model';
import { readNetshFirewall, WindowsFirewallBuilder } from './firewall';
import { netshPortMentions, parseNetsh, type NetshCommand } from './netsh';
import { parseCmd, type CmdScript } from './parser';
import { portMentionsInList } from './portList';
import { isPortValueName, registryPortMentions } from './portValues';
import { parseRegCommand, regMoveToKeyEdits, regSetValueEdits, registryWriteKey as writeKey, withoutNoOps, type RegCommand } from './regCommand';

export interface CmdDocument extends CmdScript {
  regCommands: RegCommand[];
  netsh: NetshCommand[];
}

export function buildCmdModel(text: string): { script: CmdDocument; model: DocumentModel } {
  const parsed = parseCmd(text);
  const script: CmdDocument = { ...parsed, regCommands: [], netsh: [] };
  const problems: ParseProblem[] = [...parsed.problems];
  const registryWrites: RegistryWrite[] = [];
  const mentions: PortMention[] = [];
  const byWrite = new Map<string, RegCommand>();
  const firewall = new WindowsFirewallBuilder('cmd-syntax');
  for (const command of parsed.commands) {
    if (command.name === 'reg') {
      const { command: reg, problems: regProblems } = parseRegCommand(command.args, command.span, 'cmd-syntax');
      problems.push(...regProblems);
      if (reg === undefined) continue;
      script.regCommands.push(reg);
      if (reg.write !== undefined) {
        registryWrites.push(reg.write);
        byWrite.set(writeKey(reg.write), reg);
      }
    } else if (command.name === 'netsh') {
      const netsh = parseNetsh(command.args, command.span, text);
      script.netsh.push(netsh);
      mentions.push(...netshPortMentions(netsh, text));
      readNetshFirewall(netsh, text, firewall);
    }
  }
  for (const variable of parsed.variables) {
    if (isPortValueName(variable.name)) mentions.push(...portMentionsInList(variable.value, variable.valueSpan?.start, variable.span));
  }
  for (const reg of script.regCommands) {
    if (reg.write !== undefined && isPortValueName(reg.write.valueName)) {
      mentions.push(...registryPortMentions(reg.write, reg.data, text));
    }
  }
  const registryEditor: RegistryEditor = {
    setValue(write, type, value) {
      const reg = byWrite.get(writeKey(write));
      return reg === undefined ? [] : withoutNoOps(text, regSetValueEdits(reg, type, value));
    },
    moveToKey(write, keyPath) {
      const reg = byWrite.get(writeKey(write));
      return reg === undefined ? [] : withoutNoOps(text, regMoveToKeyEdits(reg, keyPath));
    },
  };
  // Ports are read when the rules are built: problems are complete only after.
  const firewallModel = firewall.build();
  return {
    script,
    // Fields this format does not fill keep the empty model's values.
    model: {
      ...emptyModel(),
      registryWrites,
      registryEditor,
      comments: parsed.comments,
      portMentions: mentions.sort((a, b) => a.start - b.start),
      problems: [...problems, ...firewall.problems],
      firewall: firewallModel,
    },
  };
}
