// The answer to an answer (or fallback) request from the workspace's NCCO file: read fresh on every
// request (an edit applies to the next call), filled from the request, served as JSON. No file, or a file
// that is no NCCO: a short talk NCCO saying so (the caller hears why, instead of a failed call).
import { promises as fs } from 'fs';
import type { CallbackAnswer, CallbackRequest } from './callbacks';
import { talkNcco } from '../ncco';
import { answerValues, nccoFromText } from './nccoTemplate';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The answer NCCO for `req` from the file at `filePath` (`fileName`: how a sentence names it). */
export async function nccoFileAnswer(filePath: string, fileName: string, req: Pick<CallbackRequest, 'method' | 'query' | 'body'>): Promise<CallbackAnswer> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (e) {
    const missing = (e as { code?: string }).code === 'ENOENT';
    const note = missing ? `There is no ${fileName} in the workspace to answer with.` : `${fileName} could not be read (${(e as { code?: string }).code ?? String(e)}).`;
    const ncco = talkNcco(missing ? `This call reached Visual Studio Code, but there is no ${spoken(fileName)} in the workspace to answer with yet.` : `This call reached Visual Studio Code, but ${spoken(fileName)} could not be read.`);
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(ncco), source: 'no-ncco-file', note };
  }
  try {
    const ncco = await nccoFromText(text, answerValues(req.method, req.query, req.body), fileName);
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(ncco), source: 'ncco-file' };
  } catch (e) {
    const note = e instanceof Error ? e.message : String(e);
    const ncco = talkNcco(`This call reached Visual Studio Code, but ${spoken(fileName)} has a mistake. Look at the Webhooks view.`);
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(ncco), source: 'bad-ncco-file', note };
  }
}

/** A file name as text to speech reads it ("ncco.json" → "ncco dot json"). */
function spoken(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\./g, ' dot ');
}
