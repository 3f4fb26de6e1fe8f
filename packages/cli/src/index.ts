// spoke check, as a function: CI scripts judge a service without spawning the CLI
export { type CheckCommandOptions, runCheckCommand } from './commands/check.ts';
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
export { type CliIo, createProcessIo, type TextSink } from './output/cli-io.ts';
export { commandFactories, createProgram, runCli } from './program.ts';
