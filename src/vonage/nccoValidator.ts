// The NCCO schema (media/schemas/ncco.schema.json, the file the editor's JSON support uses) compiled with ajv.
// A bundle of its own (dist/nccoValidator.js, see esbuild.js): ncco.ts requires it on the first check, so neither
// ajv nor the schema is compiled when the features load.
import Ajv, { type ValidateFunction } from 'ajv';
import nccoSchema from '../../media/schemas/ncco.schema.json';

/** Keywords VS Code's JSON support reads (snippets, hovers, messages) and a validator has no use for. */
const EDITOR_KEYWORDS = ['defaultSnippets', 'enumDescriptions', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage'];

/** The schema, compiled strictly (an unknown keyword or a loose type in it is an error, not a guess). */
export function compileNccoSchema(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv.compile(nccoSchema);
}
