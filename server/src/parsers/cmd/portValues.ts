// Registry values that hold a port (`TCP/IP Port`, `RpcTcpPort`, `MaxUserPort`), for hovers.
import type { PortMention, RegistryWrite } from '../common/model';
import type { NativeArg } from './nativeArg';

/** Words ending in "port" that are not about ports. */
const NOT_PORT = /(re|sup|im|ex|trans|pass)ports?$/i;

/** `name` ends with `suffix` (lower-case ASCII), in any case: asked of every parameter of every command. */
export function endsWithIgnoringCase(name: string, suffix: string): boolean {
  const offset = name.length - suffix.length;
  if (offset < 0) return false;
  for (let i = 0; i < suffix.length; i++) if ((name.charCodeAt(offset + i) | 0x20) !== suffix.charCodeAt(i)) return false;
  return true;
}

/** True for names like `TCP/IP Port`, `RpcTcpPort`, `LocalPort`, `ProxyTargetPort`. */
export function isPortValueName(name: string): boolean {
  return (endsWithIgnoringCase(name, 'port') || endsWithIgnoringCase(name, 'ports')) && !NOT_PORT.test(name);
}

/** The mention for a registry write's number data, at the data as written (`0xE86C` keeps its spelling). */
export function registryPortMentions(write: RegistryWrite, data: NativeArg | undefined, text: string): PortMention[] {
  if (write.data.kind === 'number') {
    const port = write.data.value;
    if (port < 1 || port > 65535) return [];
    const span = data?.literal?.contentSpan ?? write.dataSpan;
    const written = text.slice(span.start, span.end);
    return [{ start: span.start, end: span.end, port, ...(written !== String(port) ? { written } : {}) }];
  }
  if (write.data.kind === 'string' && /^[0-9]{1,5}$/.test(write.data.value.trim())) {
    const port = Number(write.data.value.trim());
    if (port < 1 || port > 65535) return [];
    const span = data?.literal?.contentSpan ?? write.dataSpan;
    return [{ start: span.start, end: span.end, port }];
  }
  return [];
}
