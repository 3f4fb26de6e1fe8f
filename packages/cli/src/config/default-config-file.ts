/** The default config file name, looked up in the working directory. */
export const defaultConfigFile = 'spoke.config.json';
