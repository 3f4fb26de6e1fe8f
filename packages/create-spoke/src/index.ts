// create-spoke's programmatic API: what `npm create spoke` does, callable from code.
export { type CreatedProject, type CreateProjectOptions, createProject } from './create-project.ts';
export {
  CreateSpokeError,
  type CreateSpokeErrorCode,
  createSpokeErrorCodes,
  type ExitCode,
} from './errors.ts';
export { type CliIo, runCli } from './run-cli.ts';
export {
  defaultTemplate,
  isTemplateName,
  type TemplateName,
  templateDescriptions,
  templateNames,
} from './templates.ts';
