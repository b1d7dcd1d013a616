import vscode = require('vscode');
import * as path from 'path';
import { VonageInputError } from '../../vonage/errors';
import { findExecutable } from '../../vonage/webhooks/executables';
import { TUNNEL_PROGRAMS, type TunnelProgram } from '../../vonage/webhooks/tunnelOutput';

export interface TunnelChoice { program: TunnelProgram; executable: string }

/**
 * The tunnel program to start, from `vonage.webhooks.tunnel`: empty (the default) the first of cloudflared,
 * ngrok and devtunnel found on PATH; a program's name, that one on PATH; a path, that file (its name says
 * which program); "none", never one. Undefined: none to start. A setting naming one that is not there
 * throws, saying so.
 */
export function chooseTunnel(env: NodeJS.ProcessEnv = process.env): TunnelChoice | undefined {
  const setting = (vscode.workspace.getConfiguration('vonage.webhooks').get<string>('tunnel') ?? '').trim();
  if (setting === '' || setting.toLowerCase() === 'auto') {
    for (const program of TUNNEL_PROGRAMS) {
      const executable = findExecutable(program, env);
      if (executable) return { program, executable };
    }
    return undefined;
  }
  if (setting.toLowerCase() === 'none') return undefined;
  const program = programOf(setting);
  if (!program) {
    throw new VonageInputError(`The setting vonage.webhooks.tunnel is "${setting}": name cloudflared, ngrok or devtunnel (or the path of one), or leave it empty to use the first found on PATH.`, 'vonage.webhooks.tunnel');
  }
  const executable = findExecutable(setting, env);
  if (!executable) {
    const where = setting.includes('/') || setting.includes('\\') ? `there is no program at ${setting}` : `${setting} is not on PATH`;
    throw new VonageInputError(`The setting vonage.webhooks.tunnel names ${program}, but ${where}. Install it (see the README's Webhooks section) or change the setting.`, 'vonage.webhooks.tunnel');
  }
  return { program, executable };
}

/** Which program a name or path is (ngrok, /usr/local/bin/cloudflared, C:\tools\devtunnel.exe). */
function programOf(nameOrPath: string): TunnelProgram | undefined {
  const base = path.basename(nameOrPath.replace(/\\/g, '/')).replace(/\.(exe|cmd|bat)$/i, '').toLowerCase();
  return TUNNEL_PROGRAMS.find((p) => p === base);
}
