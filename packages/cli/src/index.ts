// errors

// spoke.config.json
export {
  type ConfigCard,
  configCardSchema,
  defaultConfigFile,
  type SpokeConfig,
  spokeConfigSchema,
} from './config/config-schema.ts';
export { type LoadedConfig, loadConfig, validateConfig } from './config/load-config.ts';
export { type CliErrorCode, cliErrorCodes, type ExitCode, errorDocUrl, SpokeCliError } from './errors.ts';
// program
export { commandFactories, createProgram, runCli } from './program.ts';
