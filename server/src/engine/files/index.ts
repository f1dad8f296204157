/**
 * Stage: files. Finds the source files to analyse and reads them; see each module's header for its contract.
 */
export { discoverFiles, type DiscoverFilesOptions, type DiscoveredFiles } from './discover-files';
export { readSourceFile, type ReadSourceOptions, type ReadSourceResult, type SourceText } from './read-source-file';
export { decodeSourceText, type DecodedText, type SourceEncoding } from './decode-source-text';
export { isSourceFileName, isAlwaysSkippedFolder, ALWAYS_SKIPPED_FOLDERS, SOURCE_EXTENSIONS } from './candidate-names';
export { formatBytes } from './file-notices';
export { scriptSourceOf, scriptSourcesOf, isVueFileName, type ScriptLanguage, type ScriptSource, type TextRegion } from './script-source';
