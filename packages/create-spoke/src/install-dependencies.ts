import { spawn } from 'node:child_process';
import { CreateSpokeError } from './errors.ts';

/** Runs `npm install` in `dir` with the terminal attached; rejects when it fails. */
export function installDependencies(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install'], {
      cwd: dir,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    const failed = (reason: string, cause?: unknown) =>
      new CreateSpokeError(
        'CREATE_INSTALL_FAILED',
        `npm install in ${dir} ${reason}. The project is written; fix the problem above and run npm install there.`,
        { cause },
      );
    child.once('error', (error) => reject(failed(`could not start (${error.message})`, error)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(failed(signal === null ? `exited with code ${code}` : `was stopped by ${signal}`));
    });
  });
}
